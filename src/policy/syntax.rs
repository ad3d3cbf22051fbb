//! What a policy's source says, read with regorus's own parser: the calls it
//! makes, the functions it defines, its imports — and a cheap lexical check
//! that must pass before any parser sees the source.
//!
//! The static checks of `calls` decide on this parsed form, not on the text,
//! so `rand.intn ("x", 1)` (a space before the parenthesis) and
//! `rand["intn"]("x", 1)` are the same call as `rand.intn("x", 1)`.
//!
//! regorus's parser takes time exponential in the nesting of brackets (a
//! 140-byte `x := [[[…]]]` 26 deep took 56 s), so [`nesting`] refuses a
//! source nested deeper than [`MAX_NESTING`] first, in one pass that skips
//! strings and comments.

use regorus::unstable::{Expr, Literal, Parser, Query, Rule, RuleHead, Source};
use std::collections::BTreeMap;

/// The deepest nesting of `(`, `[` and `{` a policy may have (the bundled
/// policies reach 7).
pub const MAX_NESTING: usize = 32;

/// A call found in a policy: the dotted name (`None` when the function is
/// computed, e.g. `f[x](1)`), 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    /// The dotted name, with `a["b"]` written `a.b`.
    pub name: Option<String>,
    /// Line.
    pub line: usize,
    /// Column.
    pub column: usize,
}

/// A function defined by a module, with the calls in its definitions.
#[derive(Clone, Debug, Default)]
pub struct Function {
    /// Line of its first definition.
    pub line: usize,
    /// Calls in its bodies and arguments.
    pub calls: Vec<Call>,
}

/// The parts of one parsed module the static checks need.
#[derive(Clone, Debug, Default)]
pub struct Module {
    /// The package, without `data.` (`mlint.custom.a.b`).
    pub package: String,
    /// Import alias → imported path (`h` → `data.mlint.lib.h`).
    pub imports: BTreeMap<String, String>,
    /// Functions by name (within the package).
    pub functions: BTreeMap<String, Function>,
    /// Every call in the module, in source order.
    pub calls: Vec<Call>,
    /// The named values of `with … as NAME`, which may put a function in
    /// place of another (`with count as rand.intn`).
    pub substitutes: Vec<Call>,
}

/// The first place where brackets nest deeper than [`MAX_NESTING`], as
/// (line, column), skipping strings, raw strings and comments.
pub fn nesting(source: &str) -> Option<(usize, usize)> {
    let (mut depth, mut line, mut column) = (0usize, 1usize, 0usize);
    let mut chars = source.chars();
    while let Some(c) = chars.next() {
        column += 1;
        match c {
            '\n' => (line, column) = (line + 1, 0),
            '#' => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        (line, column) = (line + 1, 0);
                        break;
                    }
                }
            }
            '"' | '`' => {
                let mut escaped = false;
                for s in chars.by_ref() {
                    column += 1;
                    if s == '\n' {
                        (line, column) = (line + 1, 0);
                    }
                    if escaped {
                        escaped = false;
                    } else if s == '\\' && c == '"' {
                        escaped = true;
                    } else if s == c {
                        break;
                    }
                }
            }
            '(' | '[' | '{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some((line, column));
                }
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Parses `source` with regorus's parser; `None` when it does not parse
/// (regorus reports that, with its own message, when the policy is added).
/// The caller has checked [`nesting`].
pub fn parse(path: &str, source: &str) -> Option<Module> {
    let source = Source::from_contents(path.to_string(), source.to_string()).ok()?;
    let mut parser = Parser::new(&source).ok()?;
    parser.enable_rego_v1().ok()?;
    let module = parser.parse().ok()?;
    let package = dotted(&module.package.refr)?;
    let package = package
        .strip_prefix("data.")
        .unwrap_or(&package)
        .to_string();
    let mut out = Module {
        package,
        ..Module::default()
    };
    for import in &module.imports {
        let Some(path) = dotted(&import.refr) else {
            continue;
        };
        let alias = match &import.r#as {
            Some(span) => span.text().to_string(),
            None => path.rsplit('.').next().unwrap_or(&path).to_string(),
        };
        out.imports.insert(alias, path);
    }
    for rule in &module.policy {
        let (name, line, exprs, queries) = parts(rule);
        let mut calls = Vec::new();
        walk(exprs, queries, &mut calls, &mut out.substitutes);
        if let Some(name) = name {
            let f = out.functions.entry(name).or_insert_with(|| Function {
                line,
                calls: Vec::new(),
            });
            f.calls.extend(calls.iter().cloned());
        }
        out.calls.extend(calls);
    }
    out.calls.sort_by_key(|c| (c.line, c.column));
    Some(out)
}

/// A rule's function name (if it is a function), line, and the expressions
/// and queries to search for calls.
fn parts(rule: &Rule) -> (Option<String>, usize, Vec<&Expr>, Vec<&Query>) {
    let mut exprs: Vec<&Expr> = Vec::new();
    let mut queries: Vec<&Query> = Vec::new();
    match rule {
        Rule::Spec { span, head, bodies } => {
            let name = match head {
                RuleHead::Compr { refr, assign, .. } => {
                    exprs.push(refr);
                    exprs.extend(assign.iter().map(|a| &*a.value));
                    None
                }
                RuleHead::Set { refr, key, .. } => {
                    exprs.push(refr);
                    exprs.extend(key.iter().map(|k| &**k));
                    None
                }
                RuleHead::Func {
                    refr, args, assign, ..
                } => {
                    exprs.extend(args.iter().map(|a| &**a));
                    exprs.extend(assign.iter().map(|a| &*a.value));
                    dotted(refr)
                }
            };
            for body in bodies {
                exprs.extend(body.assign.iter().map(|a| &*a.value));
                queries.push(&body.query);
            }
            (name, span.line as usize, exprs, queries)
        }
        Rule::Default {
            span,
            refr,
            args,
            value,
            ..
        } => {
            exprs.extend(args.iter().map(|a| &**a));
            exprs.push(value);
            let name = (!args.is_empty()).then(|| dotted(refr)).flatten();
            (name, span.line as usize, exprs, queries)
        }
    }
}

/// `a`, `a.b`, `a["b"]` as a dotted name; `None` for anything computed.
pub fn dotted(expr: &Expr) -> Option<String> {
    let mut parts = Vec::new();
    let mut e = expr;
    loop {
        match e {
            Expr::Var { span, .. } => {
                parts.push(span.text().to_string());
                break;
            }
            Expr::RefDot { refr, field, .. } => {
                parts.push(field.0.text().to_string());
                e = refr;
            }
            Expr::RefBrack { refr, index, .. } => match &**index {
                Expr::String { value, .. } | Expr::RawString { value, .. } => {
                    parts.push(value.as_string().ok()?.to_string());
                    e = refr;
                }
                _ => return None,
            },
            _ => return None,
        }
    }
    parts.reverse();
    Some(parts.join("."))
}

/// The 1-based column of `span` in characters (regorus counts a tab as
/// four columns).
fn column(span: &regorus::unstable::Span) -> usize {
    let text = span.source.contents();
    let start = (span.start as usize).min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    text.get(line_start..start)
        .map_or(1, |s| s.chars().count() + 1)
}

/// Every call under `exprs` and `queries`, without recursion (an expression
/// may be deep).
fn walk(
    exprs: Vec<&Expr>,
    queries: Vec<&Query>,
    calls: &mut Vec<Call>,
    substitutes: &mut Vec<Call>,
) {
    let mut exprs = exprs;
    let mut queries = queries;
    loop {
        if let Some(q) = queries.pop() {
            for stmt in &q.stmts {
                for with in &stmt.with_mods {
                    if let Some(name) = dotted(&with.r#as) {
                        let span = with.r#as.span();
                        substitutes.push(Call {
                            name: Some(name),
                            line: span.line as usize,
                            column: column(span),
                        });
                    }
                    exprs.push(&with.refr);
                    exprs.push(&with.r#as);
                }
                match &stmt.literal {
                    Literal::SomeVars { .. } => {}
                    Literal::SomeIn {
                        key,
                        value,
                        collection,
                        ..
                    } => {
                        exprs.extend(key.iter().map(|k| &**k));
                        exprs.push(value);
                        exprs.push(collection);
                    }
                    Literal::Expr { expr, .. } | Literal::NotExpr { expr, .. } => exprs.push(expr),
                    Literal::Every { domain, query, .. } => {
                        exprs.push(domain);
                        queries.push(query);
                    }
                }
            }
            continue;
        }
        let Some(e) = exprs.pop() else { break };
        match e {
            Expr::String { .. }
            | Expr::RawString { .. }
            | Expr::Number { .. }
            | Expr::Bool { .. }
            | Expr::Null { .. }
            | Expr::Var { .. } => {}
            Expr::Array { items, .. } | Expr::Set { items, .. } => {
                exprs.extend(items.iter().map(|i| &**i))
            }
            Expr::Object { fields, .. } => {
                for (_, k, v) in fields {
                    exprs.push(k);
                    exprs.push(v);
                }
            }
            Expr::ArrayCompr { term, query, .. } | Expr::SetCompr { term, query, .. } => {
                exprs.push(term);
                queries.push(query);
            }
            Expr::ObjectCompr {
                key, value, query, ..
            } => {
                exprs.push(key);
                exprs.push(value);
                queries.push(query);
            }
            Expr::Call { fcn, params, .. } => {
                let span = fcn.span();
                calls.push(Call {
                    name: dotted(fcn),
                    line: span.line as usize,
                    column: column(span),
                });
                exprs.push(fcn);
                exprs.extend(params.iter().map(|p| &**p));
            }
            Expr::UnaryExpr { expr, .. } => exprs.push(expr),
            Expr::RefDot { refr, .. } => exprs.push(refr),
            Expr::RefBrack { refr, index, .. } => {
                exprs.push(refr);
                exprs.push(index);
            }
            Expr::BinExpr { lhs, rhs, .. }
            | Expr::BoolExpr { lhs, rhs, .. }
            | Expr::ArithExpr { lhs, rhs, .. }
            | Expr::AssignExpr { lhs, rhs, .. } => {
                exprs.push(lhs);
                exprs.push(rhs);
            }
            Expr::Membership {
                key,
                value,
                collection,
                ..
            } => {
                exprs.extend(key.iter().map(|k| &**k));
                exprs.push(value);
                exprs.push(collection);
            }
        }
    }
}

/// Names of the top-level rules a source defines (`name if`, `name contains`,
/// `name :=`, `name[...]`, `name {`), in order of first appearance.
pub fn defined_rules(source: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for line in source.lines() {
        let first = line.chars().next();
        if !first.is_some_and(|c| c.is_ascii_alphabetic() || c == '_') {
            continue;
        }
        let name: String = line
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if matches!(name.as_str(), "package" | "import" | "default") {
            if let Some(rest) = line.strip_prefix("default ") {
                {
                    let n: String = rest
                        .trim_start()
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if !n.is_empty() && !names.contains(&n) {
                        names.push(n);
                    }
                }
            }
            continue;
        }
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(src: &str) -> Vec<Option<String>> {
        parse("p.rego", src)
            .expect("parses")
            .calls
            .into_iter()
            .map(|c| c.name)
            .collect()
    }

    #[test]
    fn calls_are_found_however_they_are_spelled() {
        let src = "package t\n\nx := rand.intn (\"x\", 1)\ny := rand[\"intn\"](\"x\", 2)\nz := count([1]) # foo(1)\nw := \"bar(2)\"\n";
        assert_eq!(
            names(src),
            [
                Some("rand.intn".into()),
                Some("rand.intn".into()),
                Some("count".into())
            ]
        );
    }

    #[test]
    fn functions_imports_and_packages_are_read() {
        let m = parse(
            "p.rego",
            "package mlint.custom.a\n\nimport data.mlint.lib.h as k\n\nf(x) := y if { y := g(x) }\n\ng(x) := upper(x)\n",
        )
        .unwrap();
        assert_eq!(m.package, "mlint.custom.a");
        assert_eq!(m.imports["k"], "data.mlint.lib.h");
        assert_eq!(m.functions["f"].line, 5);
        assert_eq!(m.functions["f"].calls[0].name.as_deref(), Some("g"));
        assert_eq!(m.functions["g"].calls[0].name.as_deref(), Some("upper"));
    }

    #[test]
    fn nesting_is_bounded_outside_strings_and_comments() {
        let deep = format!("package t\n\nx := {}1{}\n", "[".repeat(33), "]".repeat(33));
        assert_eq!(nesting(&deep), Some((3, 38)));
        let ok = format!("package t\n\nx := {}1{}\n", "[".repeat(32), "]".repeat(32));
        assert_eq!(nesting(&ok), None);
        let quoted = format!(
            "package t\n# {}\nx := \"{}\\\"\"\ny := `{}`\n",
            "(".repeat(99),
            "{".repeat(99),
            "[".repeat(99)
        );
        assert_eq!(nesting(&quoted), None);
    }
}
