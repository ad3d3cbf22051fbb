//! Criterion benchmarks of each stage of the pipeline, on one realistic
//! generated file (the shape `examples/gen_corpus.rs` writes) and on the
//! example plans shipped in `fixtures/examples/`:
//!
//! - `startup/policies`: loading the bundled policies (once per run: the
//!   rule catalog and the program `build.rs` compiled for the RVM);
//! - `startup/compile`: parsing and compiling them for the RVM, as a run
//!   with custom policies does;
//! - `parse`: Markdown → document;
//! - `input`: document → the regorus value policies see;
//! - `evaluate/rvm`, `evaluate/interpreter`: every bundled rule over one
//!   document, on regorus's VM (what runs use) and on its interpreter;
//! - `check_file`: the whole per-file path (read aside).
//!
//! CI compiles these and runs each once (`cargo bench -- --test`); no time is
//! asserted anywhere.

use criterion::{Criterion, criterion_group, criterion_main};
use mlint::check::Checker;
use mlint::document::{ParseOptions, parse};
use mlint::policy::{PolicySet, bundled_files};
use std::hint::black_box;

fn sample() -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut text = String::new();
    for name in ["roadmap.md", "team-plan.md"] {
        text.push_str(
            &std::fs::read_to_string(format!("{root}/fixtures/examples/{name}")).expect("fixture"),
        );
        text.push('\n');
    }
    // About 10 KB, like one file of the benchmark corpus.
    while text.len() < 10 * 1024 {
        let copy = text.clone();
        text.push_str(&copy);
    }
    text
}

fn benches(c: &mut Criterion) {
    let text = sample();
    let options = ParseOptions::default();
    let config = mlint::config::defaults_json();

    c.bench_function("startup/policies", |b| {
        b.iter(|| PolicySet::load(bundled_files(), config.clone(), false, None).expect("policies"))
    });
    let one_milestone =
        mlint::policy::value::to_value(&parse("bench.md", "## Phase 1: Build\n", &options))
            .expect("input");
    c.bench_function("startup/compile", |b| {
        b.iter(|| {
            // A custom policy makes the set compile the rules itself, on
            // the first document with milestones.
            let mut files = bundled_files();
            files.push(mlint::policy::PolicyFile {
                path: "bench/custom.rego".into(),
                source: "package mlint.custom.bench.quiet\n\nreport contains {\"message\": \"m\"} if false\n".into(),
                origin: mlint::policy::Origin::Custom,
            });
            let set = PolicySet::load(files, config.clone(), false, None).expect("policies");
            set.fast_evaluator()
                .evaluate(one_milestone.clone())
                .expect("evaluates")
        })
    });
    c.bench_function("parse", |b| {
        b.iter(|| parse("bench.md", black_box(&text), &options))
    });
    let doc = parse("bench.md", &text, &options);
    c.bench_function("input", |b| {
        b.iter(|| mlint::policy::value::to_value(black_box(&doc)))
    });
    c.bench_function("input_via_json", |b| {
        b.iter(|| regorus::Value::from(black_box(&doc).to_json()))
    });

    let set = PolicySet::load(bundled_files(), config.clone(), false, None).expect("policies");
    let input = mlint::policy::value::to_value(&doc).expect("input");
    let mut eval = set.fast_evaluator();
    c.bench_function("evaluate/rvm", |b| {
        b.iter(|| eval.evaluate(black_box(input.clone())).expect("evaluates"))
    });
    let mut eval = set.evaluator();
    c.bench_function("evaluate/interpreter", |b| {
        b.iter(|| eval.evaluate(black_box(input.clone())).expect("evaluates"))
    });

    let checker = Checker::bundled().expect("policies");
    let mut eval = checker.evaluator();
    c.bench_function("check_file", |b| {
        b.iter(|| {
            checker
                .check_bytes(&mut eval, "bench.md", black_box(text.clone().into_bytes()))
                .expect("checks")
        })
    });
}

criterion_group! {
    name = pipeline;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(pipeline);
