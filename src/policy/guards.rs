//! Builtins that one call could turn into a crash, a memory bomb or a CPU
//! bomb, wrapped so that the call is refused with a policy error instead.
//!
//! The time limit is checked between evaluation steps, so it cannot stop a
//! single builtin call: `sprintf("%3000000000d", [1])` asks for 3 GB,
//! `replace(s, "a", s)` on 100 KB for 5 GB, `units.parse_bytes("1e2147483647")`
//! computes a two-billion-digit number, and some inputs make regorus's
//! implementations panic (`sprintf("%²d", [1])`, `strings.count(s, "")`).
//! Each wrapper checks the arguments and the size of the would-be result
//! against the bounds below *before* calling regorus's implementation (or
//! computes the result itself where regorus's is wrong), and refuses with an
//! error otherwise: a policy error naming the rule and the file, exit 2.
//! The forbidden builtins of `calls` are replaced by refusals, so they are
//! unavailable to the engine whatever the spelling of a call.
//!
//! The wrappers are [`Native`]s: registered on the interpreter as
//! extensions under the builtins' names, and called by the RVM in place of
//! the builtins (`vmcalls`).

use super::vmcalls::Native;
use regorus::Value;
use regorus::unstable::{Expr, Ref, Source, Span};

/// The longest string a builtin may produce, in bytes.
pub const MAX_STRING: usize = 16 << 20;
/// The most elements an array a builtin produces may have.
pub const MAX_ELEMENTS: usize = 1_000_000;
/// The largest width or precision in a `sprintf` format (Go's own limit).
pub const MAX_WIDTH: usize = 1_000_000;
/// The largest decimal exponent in a number read from text (`1e400`).
pub const MAX_EXPONENT: u32 = 1_000;
/// The longest number text `to_number` and `units.*` read.
pub const MAX_NUMBER_TEXT: usize = 1_000;

thread_local! {
    /// A span and argument expressions for calling regorus's builtins from
    /// outside its interpreter; they only appear in regorus's messages.
    static PLACEHOLDER: (Span, Vec<Ref<Expr>>) = placeholder();
}

fn placeholder() -> (Span, Vec<Ref<Expr>>) {
    let text = "builtin argument";
    let source =
        Source::from_contents("<mlint>".into(), text.into()).expect("a one-line source is valid");
    let span = Span {
        source,
        line: 1,
        col: 1,
        start: 0,
        end: text.len() as u32,
    };
    let params = (0..4)
        .map(|_| {
            Ref::new(Expr::Null {
                span: span.clone(),
                value: Value::Null,
                eidx: 0,
            })
        })
        .collect();
    (span, params)
}

/// Calls regorus's own implementation of `name`.
fn builtin(name: &str, args: &[Value]) -> anyhow::Result<Value> {
    let (f, _) = regorus::unstable::BUILTINS
        .get(name)
        .ok_or_else(|| anyhow::anyhow!("mlint: no builtin `{name}`"))?;
    PLACEHOLDER
        .with(|(span, params)| f(span, &params[..args.len().min(4)], args, true))
        .map_err(|e| {
            // regorus's message points at the placeholder span; keep only
            // what it says (the caller's error names the policy's line).
            let text = format!("{e:#}");
            let said = text
                .lines()
                .rev()
                .find_map(|l| l.trim().strip_prefix("error:"))
                .map_or(text.trim(), str::trim);
            anyhow::anyhow!("{said}")
        })
}

fn string<'a>(args: &'a [Value], i: usize, name: &str) -> anyhow::Result<&'a str> {
    match args.get(i) {
        Some(Value::String(s)) => Ok(s),
        _ => anyhow::bail!("`{name}` expects a string as argument {}", i + 1),
    }
}

fn too_long(name: &str, bytes: usize) -> anyhow::Error {
    anyhow::anyhow!(
        "`{name}` would make a string of {bytes} bytes; mlint allows at most {MAX_STRING} (16 MiB)"
    )
}

/// `sprintf`: no width or precision over [`MAX_WIDTH`], no non-ASCII digit
/// in one (regorus panics on `%²d`), and no result over [`MAX_STRING`].
fn sprintf(args: &[Value]) -> anyhow::Result<Value> {
    let format = string(args, 0, "sprintf")?;
    let mut estimate = format.len();
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            continue;
        }
        if chars.peek() == Some(&'.') {
            chars.next();
        }
        let mut width: usize = 0;
        while let Some(&d) = chars.peek().filter(|d| d.is_numeric()) {
            let Some(d) = d.to_digit(10).filter(|_| d.is_ascii_digit()) else {
                anyhow::bail!("`sprintf`: `{d}` is not a digit a width or precision can have");
            };
            width = width.saturating_mul(10).saturating_add(d as usize);
            chars.next();
        }
        if width > MAX_WIDTH {
            anyhow::bail!(
                "`sprintf`: a width or precision of {width}; mlint allows at most {MAX_WIDTH}"
            );
        }
        estimate = estimate.saturating_add(width);
        chars.next();
    }
    if let Some(Value::Array(items)) = args.get(1) {
        for item in items.iter() {
            estimate = estimate.saturating_add(size(item, MAX_STRING));
        }
    }
    if estimate > MAX_STRING {
        return Err(too_long("sprintf", estimate));
    }
    builtin("sprintf", args)
}

/// About how many bytes `value` takes as text, stopping past `limit`.
fn size(value: &Value, limit: usize) -> usize {
    let mut total = 0usize;
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        total = total.saturating_add(match v {
            Value::String(s) => s.len() + 2,
            Value::Array(a) => {
                stack.extend(a.iter());
                2 + a.len()
            }
            Value::Set(s) => {
                stack.extend(s.iter());
                2 + s.len()
            }
            Value::Object(o) => {
                for (k, v) in o.iter() {
                    stack.push(k);
                    stack.push(v);
                }
                2 + 2 * o.len()
            }
            _ => 24,
        });
        if total > limit {
            break;
        }
    }
    total
}

/// `concat`: the joined string must fit in [`MAX_STRING`].
fn concat(args: &[Value]) -> anyhow::Result<Value> {
    let delimiter = string(args, 0, "concat")?;
    let items: Box<dyn Iterator<Item = &Value>> = match args.get(1) {
        Some(Value::Array(a)) => Box::new(a.iter()),
        Some(Value::Set(s)) => Box::new(s.iter()),
        _ => return builtin("concat", args),
    };
    let mut total = 0usize;
    for (i, item) in items.enumerate() {
        let len = match item {
            Value::String(s) => s.len(),
            _ => 0,
        };
        total = total.saturating_add(len + if i > 0 { delimiter.len() } else { 0 });
        if total > MAX_STRING {
            return Err(too_long("concat", total));
        }
    }
    builtin("concat", args)
}

/// The length of `s` with every `old` replaced by a string of `new` bytes.
fn replaced_len(s: &str, old: &str, new: usize) -> usize {
    let count = if old.is_empty() {
        s.chars().count() + 1
    } else {
        s.matches(old).count()
    };
    (s.len() - count * old.len()).saturating_add(count.saturating_mul(new))
}

/// `replace`: the result must fit in [`MAX_STRING`].
fn replace(args: &[Value]) -> anyhow::Result<Value> {
    let (s, old, new) = (
        string(args, 0, "replace")?,
        string(args, 1, "replace")?,
        string(args, 2, "replace")?,
    );
    let len = replaced_len(s, old, new.len());
    if len > MAX_STRING {
        return Err(too_long("replace", len));
    }
    builtin("replace", args)
}

/// `strings.replace_n`, as regorus computes it (each pattern in key order,
/// over the result of the previous), each step checked against
/// [`MAX_STRING`].
fn replace_n(args: &[Value]) -> anyhow::Result<Value> {
    let name = "strings.replace_n";
    let (Some(Value::Object(patterns)), Ok(s)) = (args.first(), string(args, 1, name)) else {
        return builtin(name, args);
    };
    let mut s = s.to_string();
    for (old, new) in patterns.iter() {
        let (Value::String(old), Value::String(new)) = (old, new) else {
            anyhow::bail!("`{name}` expects string keys and values in pattern object.");
        };
        let len = replaced_len(&s, old, new.len());
        if len > MAX_STRING {
            return Err(too_long(name, len));
        }
        s = s.replace(old.as_ref(), new.as_ref());
    }
    Ok(Value::from(s))
}

/// `strings.count`: regorus panics on an empty substring; Go's
/// `strings.Count` (which OPA uses) then counts the characters plus one.
fn strings_count(args: &[Value]) -> anyhow::Result<Value> {
    let name = "strings.count";
    let (s, sub) = (string(args, 0, name)?, string(args, 1, name)?);
    if sub.is_empty() {
        return Ok(Value::from(s.chars().count() + 1));
    }
    builtin(name, args)
}

/// `array.concat`: the result must have at most [`MAX_ELEMENTS`] elements.
fn array_concat(args: &[Value]) -> anyhow::Result<Value> {
    if let (Some(Value::Array(a)), Some(Value::Array(b))) = (args.first(), args.get(1))
        && a.len() + b.len() > MAX_ELEMENTS
    {
        anyhow::bail!(
            "`array.concat` would make {} elements; mlint allows at most {MAX_ELEMENTS}",
            a.len() + b.len()
        );
    }
    builtin("array.concat", args)
}

/// Refuses a number text whose digits or exponent would make regorus
/// compute an enormous integer (`1e2147483647`).
fn number_text(name: &str, args: &[Value]) -> anyhow::Result<()> {
    let Some(Value::String(s)) = args.first() else {
        return Ok(());
    };
    if s.len() > MAX_NUMBER_TEXT {
        anyhow::bail!(
            "`{name}`: a number text of {} bytes; mlint allows at most {MAX_NUMBER_TEXT}",
            s.len()
        );
    }
    if let Some(i) = s.find(['e', 'E']) {
        let digits: String = s[i + 1..]
            .chars()
            .skip_while(|c| *c == '+' || *c == '-')
            .take_while(|c| c.is_ascii_digit() || *c == '_')
            .filter(|c| *c != '_')
            .collect();
        let exponent = digits.trim_start_matches('0');
        if exponent.len() > 4 || exponent.parse::<u32>().is_ok_and(|e| e > MAX_EXPONENT) {
            anyhow::bail!(
                "`{name}`: the exponent of `{s}` is over {MAX_EXPONENT}; mlint refuses numbers that large"
            );
        }
    }
    Ok(())
}

fn to_number(args: &[Value]) -> anyhow::Result<Value> {
    number_text("to_number", args)?;
    builtin("to_number", args)
}

fn units_parse(args: &[Value]) -> anyhow::Result<Value> {
    number_text("units.parse", args)?;
    builtin("units.parse", args)
}

fn units_parse_bytes(args: &[Value]) -> anyhow::Result<Value> {
    number_text("units.parse_bytes", args)?;
    builtin("units.parse_bytes", args)
}

/// `json.marshal` and the like: the text must fit in [`MAX_STRING`] (a
/// value may repeat one long string many times at no cost).
fn marshal(name: &'static str) -> Native {
    fn check(name: &str, args: &[Value]) -> anyhow::Result<Value> {
        let bytes = size(args.first().unwrap_or(&Value::Null), MAX_STRING);
        if bytes > MAX_STRING {
            return Err(too_long(name, bytes));
        }
        builtin(name, args)
    }
    match name {
        "json.marshal" => |a| check("json.marshal", a),
        "json.marshal_with_options" => |a| check("json.marshal_with_options", a),
        _ => |a| check("yaml.marshal", a),
    }
}

/// `yaml.unmarshal` and `yaml.is_valid`: flow collections nested deeper
/// than `catalog::MAX_YAML_NESTING` are refused before the YAML parser,
/// whose time grows faster than the depth.
fn yaml(name: &'static str) -> Native {
    fn check(name: &str, args: &[Value]) -> anyhow::Result<Value> {
        if let Some(Value::String(s)) = args.first()
            && let Some(line) = super::catalog::yaml_nesting(s)
        {
            anyhow::bail!(
                "`{name}`: flow collections nest deeper than {} levels on line {line}; mlint refuses such YAML",
                super::catalog::MAX_YAML_NESTING
            );
        }
        builtin(name, args)
    }
    match name {
        "yaml.unmarshal" => |a| check("yaml.unmarshal", a),
        _ => |a| check("yaml.is_valid", a),
    }
}

/// The guarded builtins under their own names, with their arity (made once:
/// the RVM's program is patched from this list on every run).
pub fn natives() -> &'static [(&'static str, u8, Native)] {
    static NATIVES: std::sync::OnceLock<Vec<(&'static str, u8, Native)>> =
        std::sync::OnceLock::new();
    NATIVES.get_or_init(make_natives)
}

fn make_natives() -> Vec<(&'static str, u8, Native)> {
    let mut out: Vec<(&'static str, u8, Native)> = vec![
        ("sprintf", 2, sprintf),
        ("concat", 2, concat),
        ("replace", 3, replace),
        ("strings.replace_n", 2, replace_n),
        ("strings.count", 2, strings_count),
        ("array.concat", 2, array_concat),
        ("to_number", 1, to_number),
        ("units.parse", 1, units_parse),
        ("units.parse_bytes", 1, units_parse_bytes),
        ("json.marshal", 1, marshal("json.marshal")),
        (
            "json.marshal_with_options",
            2,
            marshal("json.marshal_with_options"),
        ),
        ("yaml.marshal", 1, marshal("yaml.marshal")),
        ("yaml.unmarshal", 1, yaml("yaml.unmarshal")),
        ("yaml.is_valid", 1, yaml("yaml.is_valid")),
    ];
    for (name, arity, _) in super::calls::forbidden_builtins() {
        out.push((name, arity, refuse));
    }
    out.retain(|(name, _, _)| regorus::unstable::BUILTINS.contains_key(name));
    out
}

/// A forbidden builtin: never runs (`calls` refuses such calls before any
/// evaluation; this is the second line).
fn refuse(_: &[Value]) -> anyhow::Result<Value> {
    anyhow::bail!("this builtin is not available in mlint (results must be reproducible)")
}

/// Registers every guarded builtin on `engine`.
pub fn register(engine: &mut regorus::Engine) -> anyhow::Result<()> {
    super::vmcalls::add_natives(engine, natives())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regorus_errors_keep_their_message_without_the_placeholder() {
        let e = builtin("to_number", &[Value::from("abc")]).unwrap_err();
        assert_eq!(e.to_string(), "could not parse string as number");
    }
}
