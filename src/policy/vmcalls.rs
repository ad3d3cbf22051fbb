//! The builtins a program compiled for regorus's RVM calls, wrapped so that
//! mlint notices when one fails.
//!
//! The interpreter raises a builtin's error (`to_number("abc")`, an invalid
//! regex): the run stops with exit 2 and the policy's file and line. The RVM
//! instead makes the failing expression undefined, so a custom policy with
//! such a bug reported nothing on runs of 8 files or more (which use the RVM)
//! and failed loudly on smaller ones. Every builtin of a program now runs
//! through a wrapper that records a failure on the current thread;
//! `Evaluator::evaluate` then evaluates the file again on the interpreter,
//! which reports the error exactly as it does on a small run.
//!
//! mlint's own functions (cached `regex.*`, bounded `numbers.range`) are
//! [`Native`]s: registered on the interpreter as extensions under the
//! builtins' names ([`add_natives`]), and called by the RVM in place of
//! regorus's builtins of the same names.
//!
//! The RVM calls builtins through `Program::resolved_builtins`, a table of
//! plain function pointers filled from regorus's own builtins. A wrapper
//! cannot capture the function it wraps, so each builtin name gets a slot
//! holding the function to call (regorus's or mlint's), and a wrapper per
//! slot (`call::<SLOT, ..>`). The wrappers are generic only so that the span
//! and argument-expression types of the table, which regorus does not
//! export, are inferred.

use regorus::Value;
use std::any::Any;
use std::cell::Cell;
use std::sync::{Mutex, OnceLock};

/// A builtin as the RVM calls it: span, argument expressions, arguments and
/// whether errors are strict.
type Builtin<S, E> = fn(&S, &[E], &[Value], bool) -> anyhow::Result<Value>;

/// One of mlint's own functions: the arguments in, the value out.
pub type Native = fn(&[Value]) -> anyhow::Result<Value>;

/// Registers `natives` (name, arity, function) on `engine` as extensions,
/// which regorus's interpreter looks up before its builtins.
pub fn add_natives(
    engine: &mut regorus::Engine,
    natives: &[(&str, u8, Native)],
) -> anyhow::Result<()> {
    for &(name, arity, f) in natives {
        engine.add_extension(name.to_string(), arity, Box::new(move |args| f(&args)))?;
    }
    Ok(())
}

/// The function of `natives` for the builtin `name`, if there is one.
fn native(natives: &[(&str, u8, Native)], name: &str) -> Option<Native> {
    natives
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|&(_, _, f)| f)
}

/// More slots than regorus has builtins (163 in 0.14).
const SLOTS: usize = 192;

/// The function of each slot: a [`Builtin`] or a [`Native`], type-erased.
static FUNCTIONS: [OnceLock<Box<dyn Any + Send + Sync>>; SLOTS] =
    [const { OnceLock::new() }; SLOTS];

/// The builtin name each slot was given to, in slot order.
static NAMES: Mutex<Vec<String>> = Mutex::new(Vec::new());

thread_local! {
    static FAILED: Cell<bool> = const { Cell::new(false) };
}

/// Whether a builtin failed on this thread since the last call.
pub(crate) fn take_failure() -> bool {
    FAILED.with(|f| f.replace(false))
}

/// Wraps every builtin of `program`; mlint's [`Native`]s replace regorus's
/// builtins of the same names, as they do on the interpreter. `false` if a
/// builtin could not be wrapped, and the program must not be used.
pub fn patch_program(
    program: &mut regorus::rvm::program::Program,
    natives: &[(&str, u8, Native)],
) -> bool {
    let names = program.builtin_info_table.iter().map(|info| &info.name);
    for (name, builtin) in names.zip(program.resolved_builtins.iter_mut()) {
        let slot = match native(natives, name) {
            Some(f) => slot(name, f),
            None => slot(name, builtin.0),
        };
        match slot.and_then(wrapper) {
            Some(wrapped) => builtin.0 = wrapped,
            None => return false,
        }
    }
    program.resolved_builtins.len() == program.builtin_info_table.len()
}

/// The slot of `name`, given `f` to call if it has none yet.
fn slot<F: Any + Send + Sync>(name: &str, f: F) -> Option<usize> {
    let mut names = NAMES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(i) = names.iter().position(|n| n == name) {
        return Some(i);
    }
    let i = names.len();
    FUNCTIONS.get(i)?.set(Box::new(f)).ok()?;
    names.push(name.to_string());
    Some(i)
}

/// Calls the function of slot `I`, noting a failure.
fn call<const I: usize, S: 'static, E: 'static>(
    span: &S,
    params: &[E],
    args: &[Value],
    strict: bool,
) -> anyhow::Result<Value> {
    let f = FUNCTIONS[I].get();
    let result = if let Some(f) = f.and_then(|f| f.downcast_ref::<Native>()) {
        f(args)
    } else if let Some(f) = f.and_then(|f| f.downcast_ref::<Builtin<S, E>>()) {
        f(span, params, args, strict)
    } else {
        Err(anyhow::anyhow!("mlint: no builtin in slot {I}"))
    };
    if result.is_err() {
        FAILED.with(|f| f.set(true));
    }
    result
}

/// The wrapper of `slot`.
fn wrapper<S: 'static, E: 'static>(slot: usize) -> Option<Builtin<S, E>> {
    macro_rules! wrappers {
        ($($i:literal)*) => {
            match slot {
                $($i => Some(call::<$i, S, E> as Builtin<S, E>),)*
                _ => None,
            }
        };
    }
    wrappers!(
        0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33
        34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63
        64 65 66 67 68 69 70 71 72 73 74 75 76 77 78 79 80 81 82 83 84 85 86 87 88 89 90 91 92 93
        94 95 96 97 98 99 100 101 102 103 104 105 106 107 108 109 110 111 112 113 114 115 116 117
        118 119 120 121 122 123 124 125 126 127 128 129 130 131 132 133 134 135 136 137 138 139 140
        141 142 143 144 145 146 147 148 149 150 151 152 153 154 155 156 157 158 159 160 161 162 163
        164 165 166 167 168 169 170 171 172 173 174 175 176 177 178 179 180 181 182 183 184 185 186
        187 188 189 190 191
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failing<S, E>(_: &S, _: &[E], _: &[Value], _: bool) -> anyhow::Result<Value> {
        anyhow::bail!("no")
    }

    fn passing<S, E>(_: &S, _: &[E], args: &[Value], _: bool) -> anyhow::Result<Value> {
        Ok(args[0].clone())
    }

    #[test]
    fn a_wrapper_calls_its_original_and_notes_failures() {
        let ok: Builtin<(), ()> = passing;
        let bad: Builtin<(), ()> = failing;
        let ok = wrapper::<(), ()>(slot("mlint.test.passing", ok).unwrap()).unwrap();
        let bad = wrapper::<(), ()>(slot("mlint.test.failing", bad).unwrap()).unwrap();
        take_failure();
        assert_eq!(
            ok(&(), &[], &[Value::from(3)], false).unwrap(),
            Value::from(3)
        );
        assert!(!take_failure());
        assert!(bad(&(), &[], &[], false).is_err());
        assert!(take_failure());
        assert!(!take_failure(), "the flag is reset when read");
        // A name keeps its slot.
        let again: Builtin<(), ()> = failing;
        assert_eq!(
            slot("mlint.test.passing", again),
            slot("mlint.test.passing", passing::<(), ()> as Builtin<(), ()>)
        );
        assert!(wrapper::<(), ()>(SLOTS).is_none());
    }

    #[test]
    fn a_wrapper_calls_a_native_with_the_arguments() {
        let twice: Native = |args| Ok(Value::from(args.len() * 2));
        let twice = wrapper::<(), ()>(slot("mlint.test.twice", twice).unwrap()).unwrap();
        let args = [Value::Null, Value::Null];
        assert_eq!(twice(&(), &[], &args, false).unwrap(), Value::from(4));
        let natives = crate::policy::natives::all();
        let matched =
            native(natives, "regex.match").unwrap()(&[Value::from("b+"), Value::from("abba")]);
        assert_eq!(matched.unwrap(), Value::from(true));
        let range = native(natives, "numbers.range").unwrap()(&[Value::from(1), Value::from(3)]);
        assert_eq!(range.unwrap(), Value::from_json_str("[1,2,3]").unwrap());
        assert!(native(natives, "count").is_none());
    }
}
