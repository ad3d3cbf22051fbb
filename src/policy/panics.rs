//! A panic inside policy evaluation becomes an error the caller reports.
//!
//! regorus's builtins and VM can panic on inputs they do not expect
//! (`sprintf("%²d", [1])` did, and took the whole run down with exit 101
//! and no report). [`catch`] runs a piece of evaluation under
//! `catch_unwind` (release builds unwind: `panic = "unwind"`), and while it
//! runs the panic hook keeps the default message off stderr and hands it to
//! the caller instead, who turns it into a policy error naming the rule and
//! the Markdown file. Panics elsewhere still print as usual.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Whether this thread is inside [`catch`].
    static CATCHING: Cell<bool> = const { Cell::new(false) };
    /// The message of the last panic caught on this thread.
    static MESSAGE: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

/// Installs, once, a hook that records panics inside [`catch`] instead of
/// printing them, and leaves every other panic to the previous hook.
fn install() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CATCHING.with(Cell::get) {
                let payload = info.payload();
                let text = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic".into());
                let at = info
                    .location()
                    .map(|l| format!(" at {}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                MESSAGE.with(|m| *m.borrow_mut() = Some(format!("{text}{at}")));
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs `f`; a panic inside it is returned as its message (with where it
/// happened), printed nowhere.
pub fn catch<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    install();
    let outer = CATCHING.with(|c| c.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(outer));
    result.map_err(|_| {
        MESSAGE
            .with(|m| m.borrow_mut().take())
            .unwrap_or_else(|| "a panic".into())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_returned_with_its_message() {
        let caught = catch(|| -> u32 { panic!("boom {}", 7) });
        let message = caught.unwrap_err();
        assert!(
            message.starts_with("boom 7 at src/policy/panics.rs:"),
            "{message}"
        );
        assert_eq!(catch(|| 3), Ok(3));
    }
}
