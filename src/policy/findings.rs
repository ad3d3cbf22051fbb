//! What a rule returns, read into raw findings: a set of objects with a
//! `message` (and optionally `line`, `span`, `help`, `detail`), or of strings
//! for conftest-style rules. Anything else is a policy error naming the rule.

use super::catalog::{RuleMeta, Style};
use super::error::PolicyError;

/// What a rule reported, before mlint locates and levels it.
#[derive(Clone, Debug, PartialEq)]
pub struct RawFinding {
    /// Index into [`crate::policy::PolicySet::rules`].
    pub rule: usize,
    /// The message.
    pub message: String,
    /// Line the finding is about, if the rule gave one.
    pub line: Option<usize>,
    /// Byte span the finding is about, if the rule gave one.
    pub span: Option<(usize, usize)>,
    /// Finding-specific help, replacing the rule's.
    pub help: Option<String>,
    /// conftest `warn` findings are warnings whatever the rule's level.
    pub warn_only: bool,
    /// A detail of a summary finding of the same rule (`"detail": true`).
    pub detail: bool,
}

/// Turns a rule's result set into raw findings, rejecting malformed ones.
pub(super) fn collect(
    rule: &RuleMeta,
    index: usize,
    warn_only: bool,
    value: &regorus::Value,
    out: &mut Vec<RawFinding>,
) -> Result<(), PolicyError> {
    let items: Vec<&regorus::Value> = match value {
        regorus::Value::Undefined => return Ok(()),
        regorus::Value::Set(set) => set.iter().collect(),
        regorus::Value::Array(arr) => arr.iter().collect(),
        other => {
            return Err(PolicyError::malformed(
                rule,
                format!("expected a set of findings, got {}", describe(other)),
            ));
        }
    };
    for item in items {
        out.push(raw_finding(rule, index, warn_only, item)?);
    }
    Ok(())
}

fn describe(v: &regorus::Value) -> String {
    let json = v.to_json_str().unwrap_or_else(|_| "a value".into());
    let short: String = json.chars().take(80).collect();
    if short.len() < json.len() {
        format!("`{short}…`")
    } else {
        format!("`{short}`")
    }
}

fn raw_finding(
    rule: &RuleMeta,
    index: usize,
    warn_only: bool,
    item: &regorus::Value,
) -> Result<RawFinding, PolicyError> {
    use regorus::Value;
    if let Value::String(s) = item
        && rule.style == Style::Conftest
    {
        {
            return Ok(RawFinding {
                rule: index,
                message: s.to_string(),
                line: None,
                span: None,
                help: None,
                warn_only,
                detail: false,
            });
        }
    }
    let Value::Object(obj) = item else {
        return Err(PolicyError::malformed(
            rule,
            format!(
                "a finding must be an object with a `message`, got {}",
                describe(item)
            ),
        ));
    };
    let get = |k: &str| obj.get(&Value::from(k));
    let message = match get("message").or_else(|| get("msg")) {
        Some(Value::String(s)) if !s.trim().is_empty() => shorten_quotes(s),
        _ => {
            return Err(PolicyError::malformed(
                rule,
                format!("a finding has no `message` string: {}", describe(item)),
            ));
        }
    };
    let number = |v: Option<&Value>, what: &str| -> Result<Option<usize>, PolicyError> {
        match v {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v.as_u64().ok().map(|n| Some(n as usize)).ok_or_else(|| {
                PolicyError::malformed(
                    rule,
                    format!(
                        "finding `{message}` has a `{what}` that is not a whole number: {}",
                        describe(v)
                    ),
                )
            }),
        }
    };
    let line = number(get("line"), "line")?;
    let span = match get("span") {
        None | Some(Value::Null) => None,
        Some(Value::Object(s)) => {
            let start = number(s.get(&Value::from("start")), "span.start")?;
            let end = number(s.get(&Value::from("end")), "span.end")?;
            match (start, end) {
                (Some(a), Some(b)) if a <= b => Some((a, b)),
                _ => {
                    return Err(PolicyError::malformed(
                        rule,
                        format!("finding `{message}` has a span without a valid start and end"),
                    ));
                }
            }
        }
        Some(other) => {
            return Err(PolicyError::malformed(
                rule,
                format!(
                    "finding `{message}` has a `span` that is not an object: {}",
                    describe(other)
                ),
            ));
        }
    };
    let help = match get("help") {
        Some(Value::String(s)) => Some(s.to_string()),
        _ => None,
    };
    let detail = matches!(get("detail"), Some(Value::Bool(true)));
    Ok(RawFinding {
        rule: index,
        message,
        line,
        span,
        help,
        warn_only,
        detail,
    })
}

/// The longest quotation a message keeps, in characters.
const QUOTE_MAX: usize = 80;

/// Cuts each backtick quotation longer than [`QUOTE_MAX`] characters to its
/// start and `…`: a message names what it is about, and the span shows the
/// whole of it (a paragraph read as a duration, a long heading).
pub(crate) fn shorten_quotes(message: &str) -> String {
    let mut parts = message.split('`');
    let mut out = parts.next().unwrap_or_default().to_string();
    let rest: Vec<&str> = parts.collect();
    for (i, part) in rest.iter().enumerate() {
        out.push('`');
        // Even parts after the first are inside quotes, unless the last
        // quote is unclosed.
        let inside = i % 2 == 0 && i + 1 < rest.len();
        if inside && part.chars().count() > QUOTE_MAX {
            out.extend(part.chars().take(QUOTE_MAX - 1));
            out.push('…');
        } else {
            out.push_str(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::shorten_quotes;

    #[test]
    fn long_quotations_are_cut() {
        let long = "a".repeat(100);
        let got = shorten_quotes(&format!("phase `P` lasts `{long}`: not a length"));
        assert_eq!(
            got,
            format!("phase `P` lasts `{}…`: not a length", "a".repeat(79))
        );
        assert_eq!(shorten_quotes("`short` and `x`"), "`short` and `x`");
        // An unclosed quotation is left whole.
        let open = format!("lasts `{long}");
        assert_eq!(shorten_quotes(&open), open);
        assert_eq!(shorten_quotes("no quotes"), "no quotes");
    }
}
