//! Static checks of the functions a policy calls.
//!
//! regorus reports an unknown function only when the call is evaluated, so
//! a misspelled builtin in a branch the input never reaches would pass
//! silently. Before any evaluation mlint scans every policy for calls and
//! checks each against the builtins compiled into this binary, the functions
//! the loaded policies define, and mlint's own extensions. Calls that would
//! reach the network, the environment, the clock or randomness are refused
//! with a message saying why: results must be reproducible.

use super::engine::PolicyFile;
use super::error::PolicyError;
use std::collections::{BTreeMap, BTreeSet};

/// Functions mlint registers itself (available in `mlint test`).
pub const EXTENSIONS: [&str; 1] = ["mlint.parse_markdown"];

/// Builtin prefixes and names that are refused, with the reason.
const FORBIDDEN: [(&str, &str); 9] = [
    ("http.", "policies cannot reach the network"),
    ("net.", "policies cannot reach the network"),
    ("opa.runtime", "policies cannot read the environment"),
    (
        "time.",
        "policies cannot read the clock (results must be reproducible)",
    ),
    (
        "rand.",
        "policies cannot use randomness (results must be reproducible)",
    ),
    (
        "uuid.",
        "policies cannot generate random identifiers (results must be reproducible)",
    ),
    ("io.", "policies cannot read files"),
    (
        "crypto.",
        "cryptographic builtins are not available in mlint",
    ),
    ("test.sleep", "policies cannot sleep"),
];

/// Rego keywords that may be followed by `(`.
const KEYWORDS: [&str; 9] = [
    "if", "contains", "some", "every", "not", "with", "in", "else", "as",
];

/// A call found in a source: name, 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    /// The dotted name as written.
    pub name: String,
    /// Line.
    pub line: usize,
    /// Column (characters).
    pub column: usize,
}

/// Blanks out comments and string literals, keeping offsets.
fn code_only(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '#' => {
                out.push(' ');
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                    out.push(' ');
                }
            }
            '"' => {
                out.push(' ');
                let mut escaped = false;
                for c in chars.by_ref() {
                    out.push(if c == '\n' { '\n' } else { ' ' });
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        break;
                    }
                }
            }
            '`' => {
                out.push(' ');
                for c in chars.by_ref() {
                    out.push(if c == '\n' { '\n' } else { ' ' });
                    if c == '`' {
                        break;
                    }
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Every `name(` / `a.b.c(` in the code.
pub fn calls(source: &str) -> Vec<Call> {
    let code = code_only(source);
    let mut out = Vec::new();
    for (i, line) in code.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let mut j = 0;
        while j < chars.len() {
            let c = chars[j];
            let starts = (c.is_ascii_alphabetic() || c == '_')
                && (j == 0
                    || !(chars[j - 1].is_ascii_alphanumeric()
                        || chars[j - 1] == '_'
                        || chars[j - 1] == '.'
                        || chars[j - 1] == ']'));
            if !starts {
                j += 1;
                continue;
            }
            let start = j;
            while j < chars.len()
                && (chars[j].is_ascii_alphanumeric() || chars[j] == '_' || chars[j] == '.')
            {
                j += 1;
            }
            if chars.get(j) == Some(&'(') {
                let name: String = chars[start..j].iter().collect();
                if !KEYWORDS.contains(&name.as_str()) && name != "set" && !name.ends_with('.') {
                    out.push(Call {
                        name,
                        line: i + 1,
                        column: start + 1,
                    });
                }
            }
        }
    }
    out
}

/// `import data.a.b` → (`b`, `data.a.b`); `import data.a.b as c` → (`c`, …).
fn imports(source: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in source.lines() {
        let Some(rest) = line.trim().strip_prefix("import ") else {
            continue;
        };
        let mut parts = rest.split_whitespace();
        let Some(path) = parts.next() else { continue };
        let alias = match (parts.next(), parts.next()) {
            (Some("as"), Some(a)) => a.to_string(),
            _ => path.rsplit('.').next().unwrap_or(path).to_string(),
        };
        if path.starts_with("data.") || path == "data" {
            out.insert(alias, path.to_string());
        }
    }
    out
}

/// Functions defined at the top level of a source: `name(args) …`.
fn defined_functions(source: &str) -> Vec<String> {
    let code = code_only(source);
    code.lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_'))
        .filter_map(|l| {
            let name: String = l
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            l[name.len()..].starts_with('(').then_some(name)
        })
        .collect()
}

/// Checks every call in the user's `files` (bundled ones define functions
/// users may call, but their own calls are checked by this module's tests,
/// not on every run); returns one error per bad call.
pub fn check(files: &[PolicyFile]) -> Vec<PolicyError> {
    if files.iter().all(|f| f.origin == super::Origin::Bundled) {
        return Vec::new();
    }
    let builtins = &*regorus::unstable::BUILTINS;
    let mut defined: BTreeSet<String> = BTreeSet::new();
    for f in files {
        if let Some((pkg, _)) = super::catalog::package_of(&f.source) {
            for name in defined_functions(&f.source) {
                defined.insert(format!("data.{pkg}.{name}"));
            }
        }
    }
    let mut known: Vec<String> = builtins.keys().map(|k| k.to_string()).collect();
    known.extend(EXTENSIONS.iter().map(|s| s.to_string()));
    let mut errors = Vec::new();
    for f in files.iter().filter(|f| f.origin != super::Origin::Bundled) {
        let Some((pkg, _)) = super::catalog::package_of(&f.source) else {
            continue;
        };
        let aliases = imports(&f.source);
        for call in calls(&f.source) {
            let name = call.name.as_str();
            if let Some((_, why)) = FORBIDDEN.iter().find(|(p, _)| {
                if p.ends_with('.') {
                    name.starts_with(p)
                } else {
                    name == *p
                }
            }) {
                errors.push(at(f, &call, format!("`{name}` is not allowed: {why}")));
                continue;
            }
            if builtins.contains_key(name) || EXTENSIONS.contains(&name) || name == "print" {
                continue;
            }
            let (head, tail) = name.split_once('.').unwrap_or((name, ""));
            let full = if let Some(path) = aliases.get(head) {
                if tail.is_empty() {
                    path.clone()
                } else {
                    format!("{path}.{tail}")
                }
            } else if head == "data" {
                name.to_string()
            } else {
                format!("data.{pkg}.{name}")
            };
            if defined.contains(&full) {
                continue;
            }
            errors.push(at(
                f,
                &call,
                format!(
                    "unknown function `{name}`{}",
                    crate::suggest::did_you_mean(name, &known)
                ),
            ));
        }
    }
    errors
}

fn at(file: &PolicyFile, call: &Call, message: String) -> PolicyError {
    let mut e = PolicyError::in_file(&file.path, &file.source, Some(call.line), message);
    e.position = Some((call.line, call.column));
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Origin;

    fn file(src: &str) -> PolicyFile {
        PolicyFile {
            path: "p.rego".into(),
            source: src.into(),
            origin: Origin::Custom,
        }
    }

    #[test]
    fn calls_skip_comments_and_strings() {
        let found =
            calls("x if { count(y) > 0 } # foo(1)\nmsg := \"bar(2)\"\nz := result.at(m, \"x\")\n");
        let names: Vec<&str> = found.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["count", "result.at"]);
        assert_eq!((found[1].line, found[1].column), (3, 6));
    }

    #[test]
    fn unknown_and_forbidden_calls_are_reported_with_positions() {
        let errs = check(&[file(
            "package mlint.custom.a.b\n\nr if {\n\tfalse\n\tcoutn(input.x) > 1\n\thttp.send({})\n\topa.runtime()\n}\n",
        )]);
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            msgs,
            [
                "p.rego:5:2: unknown function `coutn` (did you mean `count`?)",
                "p.rego:6:2: `http.send` is not allowed: policies cannot reach the network",
                "p.rego:7:2: `opa.runtime` is not allowed: policies cannot read the environment",
            ]
        );
    }

    #[test]
    fn every_call_in_the_bundled_policies_is_allowed() {
        // Checked here once instead of on every run.
        let as_user: Vec<PolicyFile> = crate::policy::bundled_files()
            .into_iter()
            .map(|f| PolicyFile {
                origin: crate::policy::Origin::Custom,
                ..f
            })
            .collect();
        assert!(as_user.len() > 15);
        let errors: Vec<String> = check(&as_user).iter().map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
        assert!(check(&crate::policy::bundled_files()).is_empty());
    }

    #[test]
    fn a_users_bad_call_is_found_beside_bundled_files() {
        let mut files = crate::policy::bundled_files();
        files.push(file(
            "package mlint.custom.a.b

r if coutn(input.x) > 1
",
        ));
        let msgs: Vec<String> = check(&files).iter().map(|e| e.to_string()).collect();
        assert_eq!(
            msgs,
            ["p.rego:3:6: unknown function `coutn` (did you mean `count`?)"]
        );
    }

    #[test]
    fn imported_and_local_functions_are_known() {
        let lib = file("package mlint.lib.h\n\nat(n, m) := {\"message\": m}\n");
        let user = file(
            "package mlint.custom.a.b\n\nimport data.mlint.lib.h\n\nlocal(x) := x\n\nr contains h.at(m, \"x\") if { m := local(1) }\n",
        );
        assert!(check(&[lib, user]).is_empty());
    }
}
