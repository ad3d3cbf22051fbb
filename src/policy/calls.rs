//! Static checks of the functions a policy calls.
//!
//! regorus reports an unknown function only when the call is evaluated, so
//! a misspelled builtin in a branch the input never reaches would pass
//! silently. Before any evaluation mlint reads every call of every policy
//! from regorus's own parse of it (`syntax`), whatever its spelling, and
//! checks each against the builtins compiled into this binary, the functions
//! the loaded policies define, and mlint's own extensions. Calls that would
//! reach the network, the environment, the clock or randomness are refused
//! with a message saying why: results must be reproducible (and the engine
//! has those builtins replaced by refusals too, see `guards`). A function
//! that calls itself, directly or not, is refused as OPA refuses it: regorus
//! would recurse until the stack overflows.

use super::error::PolicyError;
use super::file::PolicyFile;
use super::syntax::{self, Call, Module};
use std::collections::BTreeMap;

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

/// The refusal for a forbidden builtin `name`, if it is one.
pub fn forbidden(name: &str) -> Option<&'static str> {
    FORBIDDEN
        .iter()
        .find(|(p, _)| {
            if p.ends_with('.') {
                name.starts_with(p)
            } else {
                name == *p
            }
        })
        .map(|(_, why)| *why)
}

/// Every builtin of regorus that is forbidden, with the reason: mlint
/// replaces each by a function that refuses to run (`guards`), so no
/// spelling of a call reaches one.
pub fn forbidden_builtins() -> Vec<(&'static str, u8, &'static str)> {
    regorus::unstable::BUILTINS
        .iter()
        .filter_map(|(name, (_, arity))| forbidden(name).map(|why| (*name, *arity, why)))
        .collect()
}

/// `name` as called in `module`, as a path under `data`.
fn resolve(module: &Module, name: &str) -> String {
    let (head, tail) = name.split_once('.').unwrap_or((name, ""));
    if let Some(path) = module.imports.get(head) {
        if tail.is_empty() {
            path.clone()
        } else {
            format!("{path}.{tail}")
        }
    } else if head == "data" {
        name.to_string()
    } else {
        format!("data.{}.{name}", module.package)
    }
}

/// Checks every call in the user's `files` (bundled ones define functions
/// users may call, but their own calls are checked by this module's tests,
/// not on every run), and that no function calls itself; returns one error
/// per bad call or cycle. Files nested too deep or that do not parse are
/// left to `engine::add_policy`, which reports them.
pub fn check(files: &[PolicyFile]) -> Vec<PolicyError> {
    if files.iter().all(|f| f.origin == super::Origin::Bundled) {
        return Vec::new();
    }
    let modules: Vec<(&PolicyFile, Module)> = files
        .iter()
        .filter(|f| syntax::nesting(&f.source).is_none())
        .filter_map(|f| Some((f, module(f)?)))
        .collect();
    let builtins = &*regorus::unstable::BUILTINS;
    let mut defined: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (i, (_, m)) in modules.iter().enumerate() {
        for name in m.functions.keys() {
            defined.insert(format!("data.{}.{name}", m.package), (i, 0));
        }
    }
    let mut known: Vec<String> = builtins.keys().map(|k| k.to_string()).collect();
    known.extend(EXTENSIONS.iter().map(|s| s.to_string()));
    let mut errors = Vec::new();
    let users = modules
        .iter()
        .filter(|(f, _)| f.origin != super::Origin::Bundled);
    for (f, module) in users {
        for sub in &module.substitutes {
            if let Some(why) = sub.name.as_deref().and_then(forbidden) {
                let name = sub.name.as_deref().unwrap_or_default();
                errors.push(at(f, sub, format!("`{name}` is not allowed: {why}")));
            }
        }
        for call in &module.calls {
            let Some(name) = call.name.as_deref() else {
                errors.push(at(
                    f,
                    call,
                    "a function must be called by its name, not through a computed reference"
                        .into(),
                ));
                continue;
            };
            if let Some(why) = forbidden(name) {
                errors.push(at(f, call, format!("`{name}` is not allowed: {why}")));
                continue;
            }
            if builtins.contains_key(name) || EXTENSIONS.contains(&name) || name == "print" {
                continue;
            }
            if defined.contains_key(&resolve(module, name)) {
                continue;
            }
            errors.push(at(
                f,
                call,
                format!(
                    "unknown function `{name}`{}",
                    crate::suggest::did_you_mean(name, &known)
                ),
            ));
        }
    }
    errors.extend(recursion(&modules));
    errors
}

/// What the checks need of `file`. A bundled file only contributes the
/// names it defines (its calls are checked by this module's tests, and it
/// calls no user function, so no cycle passes through it): read from the
/// text, which saves parsing twenty files on every run with user policies.
fn module(file: &PolicyFile) -> Option<Module> {
    if file.origin != super::Origin::Bundled {
        return syntax::parse(&file.path, &file.source);
    }
    let (package, _) = super::catalog::package_of(&file.source)?;
    let functions = syntax::defined_rules(&file.source)
        .into_iter()
        .map(|name| (name, syntax::Function::default()))
        .collect();
    Some(Module {
        package,
        functions,
        ..Module::default()
    })
}

/// One error per cycle of function calls among `modules` that passes
/// through a user's file: Rego does not allow recursion (OPA refuses it at
/// compile time), and regorus would recurse until the process's stack
/// overflows.
fn recursion(modules: &[(&PolicyFile, Module)]) -> Vec<PolicyError> {
    // Nodes: every function; edges: the calls in its definitions, with
    // the call (for the message's position).
    let mut nodes: Vec<(usize, &str)> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for (m, (_, module)) in modules.iter().enumerate() {
        for name in module.functions.keys() {
            index.insert(format!("data.{}.{name}", module.package), nodes.len());
            nodes.push((m, name));
        }
    }
    let edges: Vec<Vec<(usize, &Call)>> = nodes
        .iter()
        .map(|&(m, name)| {
            let module = &modules[m].1;
            module.functions[name]
                .calls
                .iter()
                .filter_map(|c| Some((*index.get(&resolve(module, c.name.as_deref()?))?, c)))
                .collect()
        })
        .collect();
    let title = |n: usize| format!("{}.{}", modules[nodes[n].0].1.package, nodes[n].1);
    // Depth-first search without recursion: 0 unseen, 1 on the path, 2 done.
    let mut state = vec![0u8; nodes.len()];
    let mut errors = Vec::new();
    for root in 0..nodes.len() {
        if state[root] != 0 {
            continue;
        }
        let mut path: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            let Some(&(to, call)) = edges[node].get(*next) else {
                state[node] = 2;
                path.pop();
                continue;
            };
            *next += 1;
            match state[to] {
                0 => {
                    state[to] = 1;
                    path.push((to, 0));
                }
                1 => {
                    let from = path.iter().position(|(n, _)| *n == to).unwrap_or(0);
                    let mut cycle: Vec<String> =
                        path[from..].iter().map(|(n, _)| title(*n)).collect();
                    cycle.push(title(to));
                    let (file, _) = modules[nodes[node].0];
                    if file.origin != super::Origin::Bundled {
                        errors.push(at(
                            file,
                            call,
                            format!(
                                "function `{}` is recursive ({}): Rego does not allow recursion",
                                title(to),
                                cycle
                                    .iter()
                                    .map(|c| format!("`{c}`"))
                                    .collect::<Vec<_>>()
                                    .join(" calls ")
                            ),
                        ));
                    }
                }
                _ => {}
            }
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

    #[test]
    fn every_spelling_of_a_forbidden_call_is_refused() {
        let errs = check(&[file(
            "package mlint.custom.a.b\n\nr if {\n\trand.intn (\"x\", 1000000)\n\trand[\"intn\"](\"x\", 10)\n\tfalse; coutn ([1]) > 0\n}\n",
        )]);
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            msgs,
            [
                "p.rego:4:2: `rand.intn` is not allowed: policies cannot use randomness (results must be reproducible)",
                "p.rego:5:2: `rand.intn` is not allowed: policies cannot use randomness (results must be reproducible)",
                "p.rego:6:9: unknown function `coutn` (did you mean `count`?)",
            ]
        );
    }

    #[test]
    fn a_forbidden_builtin_put_in_place_of_another_is_refused() {
        let errs = check(&[file(
            "package mlint.custom.a.b\n\nr if {\n\tcount([1]) > 0 with count as rand.intn\n}\n",
        )]);
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            msgs,
            [
                "p.rego:4:31: `rand.intn` is not allowed: policies cannot use randomness (results must be reproducible)"
            ]
        );
    }

    #[test]
    fn recursion_is_refused_as_opa_refuses_it() {
        let lib = file("package mlint.lib.r\n\nping(x) := pong(x)\n\npong(x) := ping(x)\n");
        let user = file(
            "package mlint.custom.a.b\n\nimport data.mlint.lib.r\n\nf(x) := y if { y := f(x + 1) }\n\ng(x) := r.ping(x)\n",
        );
        let msgs: Vec<String> = check(&[lib, user]).iter().map(|e| e.to_string()).collect();
        assert_eq!(
            msgs,
            [
                "p.rego:5:12: function `mlint.lib.r.ping` is recursive (`mlint.lib.r.ping` calls `mlint.lib.r.pong` calls `mlint.lib.r.ping`): Rego does not allow recursion",
                "p.rego:5:21: function `mlint.custom.a.b.f` is recursive (`mlint.custom.a.b.f` calls `mlint.custom.a.b.f`): Rego does not allow recursion",
            ]
        );
    }
}
