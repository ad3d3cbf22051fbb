//! Generated documentation is never stale: `docs/rules/<id>.md` and the
//! README's rule table are rendered from the rule catalog (the METADATA of
//! each policy), the same source as `mlint explain` and SARIF descriptors.
//! Run with `MLINT_BLESS=1` to rewrite them after changing a rule.

use mlint::check::Checker;
use mlint::policy::docs::{explain, rule_table};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bless() -> bool {
    std::env::var_os("MLINT_BLESS").is_some()
}

#[test]
fn rule_docs_are_up_to_date() {
    let checker = Checker::bundled().expect("bundled policies compile");
    let config = mlint::config::defaults_json();
    let mut stale = Vec::new();
    for rule in checker.rules() {
        let path = root().join("docs/rules").join(format!("{}.md", rule.id));
        let want = explain(rule, &config);
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        if have != want {
            if bless() {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &want).unwrap();
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale rule docs (run `MLINT_BLESS=1 cargo test --test docs`):\n{}",
        stale.join("\n")
    );
}

#[test]
fn readme_rule_table_is_up_to_date() {
    let checker = Checker::bundled().expect("bundled policies compile");
    let table = rule_table(checker.rules());
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let a = readme.find(start).expect("README has <!-- rules:start -->") + start.len();
    let b = readme.find(end).expect("README has <!-- rules:end -->");
    if readme[a..b] != table {
        if bless() {
            let updated = format!("{}{}{}", &readme[..a], table, &readme[b..]);
            std::fs::write(&path, updated).unwrap();
        } else {
            panic!("README rule table is stale (run `MLINT_BLESS=1 cargo test --test docs`)");
        }
    }
}
