//! mlint's functions under builtin names, in one list: the cached regex
//! functions (`fastregex`), the bounded ranges (`limits`) and the guarded
//! builtins (`guards`). The interpreter gets them as extensions from each
//! module; the RVM's program is patched from this list (`vmcalls`).

use super::vmcalls::Native;

/// Every one of mlint's functions, with its name and arity (made once).
pub fn all() -> &'static [(&'static str, u8, Native)] {
    static ALL: std::sync::OnceLock<Vec<(&'static str, u8, Native)>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        super::fastregex::NATIVES
            .iter()
            .chain(&super::limits::NATIVES)
            .chain(super::guards::natives())
            .copied()
            .collect()
    })
}
