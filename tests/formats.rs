//! Snapshot tests for every output format, all over the one shared sample
//! report (`mlint::report::sample::sample`), so a difference between
//! formats is a difference between renderers, never between inputs.

use mlint::report::{self, Format, RenderOptions, github, sample::sample};

fn render(format: Format) -> String {
    report::render(&sample(), format, RenderOptions::default())
}

#[test]
fn human() {
    insta::assert_snapshot!(render(Format::Human));
}

#[test]
fn short() {
    insta::assert_snapshot!(render(Format::Short));
}

#[test]
fn json() {
    insta::assert_snapshot!(render(Format::Json));
}

#[test]
fn sarif() {
    insta::assert_snapshot!(render(Format::Sarif));
}

#[test]
fn github() {
    insta::assert_snapshot!(render(Format::Github));
}

#[test]
fn junit() {
    insta::assert_snapshot!(render(Format::Junit));
}

#[test]
fn step_summary() {
    insta::assert_snapshot!(github::step_summary(&sample()));
}

#[test]
fn step_summary_capped() {
    insta::assert_snapshot!(github::step_summary_limited(&sample(), 2));
}

/// The SARIF log is valid JSON whose results line up with the findings and
/// whose rule indexes point at the right descriptors.
#[test]
fn sarif_is_consistent() {
    let report = sample();
    let log: serde_json::Value = serde_json::from_str(&render(Format::Sarif)).unwrap();
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), report.rules.len());
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), report.findings.len());
    let artifacts = run["artifacts"].as_array().unwrap();
    assert_eq!(artifacts.len(), 2, "one per file with findings");
    for (r, f) in results.iter().zip(&report.findings) {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], f.rule.as_str());
        assert_eq!(r["ruleId"], f.rule.as_str());
        // The artifact list comes after the results; their indexes agree.
        let location = &r["locations"][0]["physicalLocation"]["artifactLocation"];
        let a = location["index"].as_u64().unwrap() as usize;
        assert_eq!(artifacts[a]["location"]["uri"], location["uri"]);
    }
}

/// Every JUnit suite is a checked file, clean ones included.
#[test]
fn junit_has_every_file() {
    let report = sample();
    let xml = render(Format::Junit);
    assert_eq!(xml.matches("<testsuite ").count(), report.paths.len());
    assert_eq!(xml.matches("<failure ").count(), report.findings.len());
}
