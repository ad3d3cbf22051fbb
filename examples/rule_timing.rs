//! Times each bundled rule over a folder of Markdown files (a profiling aid):
//! `cargo run --release --example rule_timing -- DIR`. Also prints the cost
//! of building inputs, of one query for all rules, and the fixed cost of one
//! evaluation.

use mlint::document::{ParseOptions, parse};
use mlint::policy::{PolicySet, bundled_files};
use std::time::{Duration, Instant};

fn main() {
    let dir = std::env::args().nth(1).expect("usage: rule_timing DIR");
    let mut docs = Vec::new();
    for entry in ignore::Walk::new(&dir).flatten() {
        if entry.path().extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(entry.path()).expect("utf-8");
            docs.push(parse(
                &entry.path().display().to_string(),
                &text,
                &ParseOptions::default(),
            ));
        }
    }
    let set = PolicySet::load(bundled_files(), mlint::config::defaults_json(), false, None)
        .expect("policies");
    let start = Instant::now();
    let inputs: Vec<regorus::Value> = docs
        .iter()
        .map(|d| mlint::policy::value::to_value(d).expect("input"))
        .collect();
    println!(
        "to_json + convert: {:?} for {} docs",
        start.elapsed(),
        docs.len()
    );
    aggregate(&set, &inputs);
    overhead(&set);
    println!("{:28} {:>12} {:>12}", "rule", "interpreter", "rvm");
    for rule in set.rules() {
        let query = format!("data.{}.report", rule.package);
        let mut engine = set.evaluator_engine();
        let mut total = Duration::ZERO;
        for input in &inputs {
            engine.set_input(input.clone());
            let t = Instant::now();
            let _ = engine.eval_rule(query.clone());
            total += t.elapsed();
        }
        println!(
            "{:28} {:>12?} {:>12?}",
            rule.id,
            total,
            rvm_time(&set, &query, &inputs)
        );
    }
}

/// Time of one rule over every input on regorus's RVM.
fn rvm_time(set: &PolicySet, query: &str, inputs: &[regorus::Value]) -> Duration {
    let compiled = set
        .evaluator_engine()
        .compile_with_entrypoint(&query.into())
        .expect("compiles");
    let mut program =
        regorus::languages::rego::compiler::Compiler::compile_from_policy(&compiled, &[query])
            .expect("compiles for the RVM");
    mlint::policy::vmcalls::patch_program(
        std::sync::Arc::make_mut(&mut program),
        mlint::policy::natives::all(),
    );
    let mut vm = regorus::rvm::vm::RegoVM::new_with_policy(compiled);
    vm.load_program(program);
    let data = regorus::Value::from(serde_json::json!({
        "mlint": {"config": mlint::config::defaults_json()}
    }));
    vm.set_data(data).expect("data");
    let mut total = Duration::ZERO;
    for input in inputs {
        vm.set_input(input.clone());
        let t = Instant::now();
        let _ = vm.execute_entry_point_by_name(query);
        total += t.elapsed();
    }
    total
}

/// Times one query that evaluates every rule's `report` at once.
fn aggregate(set: &PolicySet, inputs: &[regorus::Value]) {
    let mut body = String::from("package mlint.internal.all\n\n");
    for (i, rule) in set.rules().iter().enumerate() {
        body.push_str(&format!("findings[{i}] := data.{}.report\n", rule.package));
    }
    let mut engine = set.evaluator_engine();
    engine
        .add_policy("all.rego".into(), body)
        .expect("aggregate compiles");
    let t = Instant::now();
    for input in inputs {
        engine.set_input(input.clone());
        let _ = engine
            .eval_rule("data.mlint.internal.all.findings".into())
            .expect("evaluates");
    }
    println!("all rules in one query: {:?}", t.elapsed());
}

/// Times one cheap rule on an empty document: the fixed cost of an evaluation.
fn overhead(set: &PolicySet) {
    let mut engine = set.evaluator_engine();
    engine.set_input(regorus::Value::from(serde_json::json!({"milestones": []})));
    let rule = "data.mlint.rules.duration.missing.report".to_string();
    let t = Instant::now();
    for _ in 0..1000 {
        let _ = engine.eval_rule(rule.clone());
    }
    println!("fixed cost of one eval_rule: {:?}", t.elapsed() / 1000);
    for derived in [
        "data.mlint.rules.docs.missing_deliverable.escaped",
        "data.mlint.rules.docs.missing_deliverable.ascii_words",
        "data.mlint.rules.docs.missing_deliverable.docs_pattern",
        "data.mlint.rules.content.placeholder.any_placeholder",
    ] {
        let value = engine.eval_rule(derived.to_string());
        assert!(
            value.is_ok_and(|v| v != regorus::Value::Undefined),
            "{derived} is no longer a rule"
        );
        let t = Instant::now();
        for _ in 0..1000 {
            let _ = engine.eval_rule(derived.to_string());
        }
        println!("{derived}: {:?}", t.elapsed() / 1000);
    }
}
