//! Experiment: the same bundled rules on regorus's RVM.
use mlint::document::{ParseOptions, parse};
use mlint::policy::{PolicySet, bundled_files};
use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).expect("DIR");
    let mut inputs = Vec::new();
    for entry in ignore::Walk::new(&dir).flatten() {
        if entry.path().extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let mut j = parse("x.md", &text, &ParseOptions::default()).to_json();
            j.as_object_mut().unwrap().remove("lines");
            inputs.push(regorus::Value::from(j));
        }
    }
    let set =
        PolicySet::load(bundled_files(), mlint::config::defaults_json(), false, None).unwrap();
    let mut engine = set.evaluator_engine();
    let entries: Vec<String> = set
        .rules()
        .iter()
        .map(|r| format!("data.{}.report", r.package))
        .collect();
    let t = Instant::now();
    let mut interp = Vec::new();
    for input in &inputs {
        engine.set_input(input.clone());
        for e in &entries {
            interp.push(engine.eval_rule(e.clone()).unwrap());
        }
    }
    println!("interpreter: {:?}", t.elapsed());
    let first: std::sync::Arc<str> = entries[0].as_str().into();
    let compiled = engine.compile_with_entrypoint(&first).unwrap();
    let eps: Vec<&str> = entries.iter().map(String::as_str).collect();
    let program =
        match regorus::languages::rego::compiler::Compiler::compile_from_policy(&compiled, &eps) {
            Ok(p) => p,
            Err(e) => {
                println!("rvm compile failed: {e}");
                return;
            }
        };
    let mut vm = regorus::rvm::vm::RegoVM::new_with_policy(compiled.clone());
    vm.load_program(program);
    vm.set_data(regorus::Value::from(
        serde_json::json!({"mlint": {"config": mlint::config::defaults_json()}}),
    ))
    .unwrap();
    let t = Instant::now();
    let mut rvm = Vec::new();
    for input in &inputs {
        vm.set_input(input.clone());
        for e in &entries {
            match vm.execute_entry_point_by_name(e) {
                Ok(v) => rvm.push(v),
                Err(err) => {
                    println!("rvm failed on {e}: {err}");
                    return;
                }
            }
        }
    }
    println!("rvm: {:?}; same results: {}", t.elapsed(), rvm == interp);
}
