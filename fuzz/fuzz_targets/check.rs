//! Fuzzes the whole check of one document: raw bytes (valid UTF-8 or not)
//! through `Checker::check_bytes` with the bundled policies never panic and
//! never give a policy error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mlint::check::{Checker, Levels};
use mlint::document::ParseOptions;
use mlint::policy::{Evaluator, PolicySet, bundled_files};
use std::sync::Mutex;
use std::sync::OnceLock;

struct Setup {
    checker: Checker,
    eval: Mutex<Evaluator>,
}

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        let policies =
            PolicySet::load(bundled_files(), mlint::config::defaults_json(), false, None)
                .expect("bundled policies compile");
        let eval = Mutex::new(policies.evaluator());
        let checker = Checker::new(policies, ParseOptions::default(), Levels::default());
        Setup { checker, eval }
    })
}

fuzz_target!(|data: &[u8]| {
    let setup = setup();
    let mut eval = setup.eval.lock().expect("one fuzz thread");
    if let Err(e) = setup
        .checker
        .check_bytes(&mut eval, "fuzz.md", data.to_vec())
    {
        panic!("bundled policies failed: {e:?}");
    }
});
