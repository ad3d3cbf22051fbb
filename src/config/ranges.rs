//! The valid range of every number in the configuration, in one table.
//!
//! A number outside its range is a configuration error pointing at the
//! value, like a wrong type: `timeout_seconds = 1e20` would otherwise panic
//! when it becomes a `Duration`, and `items_per_week = 0` or
//! `wide_range_ratio = -1` would silently make a rule report everything or
//! nothing. The bounds are generous — they refuse what cannot be meant, not
//! what is merely unusual — and finite, so that products of configured
//! numbers (a unit's days times a count) stay finite. A test checks that
//! every number in `default.toml` has a row here and that its default lies
//! in it.

/// The valid values of one configuration number.
#[derive(Clone, Copy, Debug)]
pub struct NumberRange {
    /// Dotted key; a last segment `*` stands for every key of that table
    /// (`units.*`). Inside `[presets.NAME]` the same keys have the same range.
    pub key: &'static str,
    /// The lower bound.
    pub min: f64,
    /// Whether `min` itself is allowed (`>=`) or not (`>`).
    pub min_inclusive: bool,
    /// The upper bound, always allowed.
    pub max: f64,
    /// Whether the value must be a whole number.
    pub integer: bool,
}

/// Ten times the longest plan anyone writes: a hundred years, in days.
const CENTURY: f64 = 36_525.0;

const fn at_least(key: &'static str, min: f64, max: f64, integer: bool) -> NumberRange {
    NumberRange {
        key,
        min,
        min_inclusive: true,
        max,
        integer,
    }
}

const fn above(key: &'static str, min: f64, max: f64) -> NumberRange {
    NumberRange {
        key,
        min,
        min_inclusive: false,
        max,
        integer: false,
    }
}

/// Every number of the configuration and its range.
pub const RANGES: &[NumberRange] = &[
    // A count of findings; 0 never sums up.
    at_least("summarise_after", 0.0, 1_000_000.0, true),
    // Seconds a policy may run on one file: above zero, at most a day.
    above("limits.timeout_seconds", 0.0, 86_400.0),
    // Calendar days of one unit.
    above("units.*", 0.0, CENTURY),
    // A ratio below 1 would call every fixed length a wide range.
    at_least("duration.wide_range_ratio", 1.0, 1_000.0, false),
    // Zero items per week would call every milestone overloaded.
    above("duration.items_per_week", 0.0, 10_000.0),
    at_least("duration.min_items", 0.0, 1_000_000.0, true),
    above("duration.max_days.*", 0.0, CENTURY),
    at_least("duration.min_days.*", 0.0, CENTURY, false),
];

/// The range of the number at dotted `key`, if it has one. A preset's keys
/// (`presets.strict.duration.min_items`) have the ranges of the keys they set.
pub fn range_of(key: &str) -> Option<&'static NumberRange> {
    let key = match key.strip_prefix("presets.") {
        Some(rest) => rest.split_once('.').map_or(rest, |(_, k)| k),
        None => key,
    };
    RANGES.iter().find(|r| match r.key.strip_suffix(".*") {
        Some(table) => key
            .strip_prefix(table)
            .and_then(|k| k.strip_prefix('.'))
            .is_some_and(|k| !k.is_empty() && !k.contains('.')),
        None => r.key == key,
    })
}

impl NumberRange {
    /// Why `value` is outside this range, for the configuration error of
    /// `key`; `None` when it is valid.
    pub fn refuse(&self, key: &str, value: f64) -> Option<String> {
        let n = |v: f64| format_number(v);
        if self.integer && value.fract() != 0.0 {
            return Some(format!("`{key}` must be a whole number"));
        }
        if self.min_inclusive && value < self.min {
            return Some(format!("`{key}` must be at least {}", n(self.min)));
        }
        if !self.min_inclusive && value <= self.min {
            return Some(format!("`{key}` must be greater than {}", n(self.min)));
        }
        if value > self.max {
            return Some(format!("`{key}` must be at most {}", n(self.max)));
        }
        None
    }

    /// The range in words, for the error's help.
    pub fn describe(&self) -> String {
        let low = if self.min_inclusive { "from" } else { "above" };
        let whole = if self.integer { "a whole number " } else { "" };
        format!(
            "valid: {whole}{low} {} up to {}",
            format_number(self.min),
            format_number(self.max)
        )
    }
}

/// A bound as a person writes it: `0`, `0.5`, `86400`.
fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every number in the defaults, with its dotted key.
    fn numbers(v: &serde_json::Value, key: &str, out: &mut Vec<(String, f64)>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    let key = if key.is_empty() {
                        k.clone()
                    } else {
                        format!("{key}.{k}")
                    };
                    numbers(v, &key, out);
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| numbers(v, key, out)),
            serde_json::Value::Number(n) => out.push((key.to_string(), n.as_f64().unwrap())),
            _ => {}
        }
    }

    #[test]
    fn every_default_number_has_a_range_that_holds_it() {
        let mut found = Vec::new();
        numbers(&super::super::defaults_json(), "", &mut found);
        assert!(found.len() > 10, "{found:?}");
        for (key, value) in found {
            let range = range_of(&key).unwrap_or_else(|| panic!("no range for `{key}`"));
            assert_eq!(range.refuse(&key, value), None, "default of `{key}`");
        }
    }

    #[test]
    fn keys_match_their_rows() {
        assert_eq!(range_of("units.week").unwrap().key, "units.*");
        assert_eq!(
            range_of("presets.strict.duration.min_days.sprint")
                .unwrap()
                .key,
            "duration.min_days.*"
        );
        assert!(range_of("units").is_none());
        assert!(range_of("units.week.x").is_none());
        assert!(range_of("limits.timeout").is_none());
    }

    #[test]
    fn bounds_are_refused_as_written() {
        let t = range_of("limits.timeout_seconds").unwrap();
        assert_eq!(
            t.refuse("limits.timeout_seconds", 1e20).as_deref(),
            Some("`limits.timeout_seconds` must be at most 86400")
        );
        assert_eq!(
            t.refuse("limits.timeout_seconds", 0.0).as_deref(),
            Some("`limits.timeout_seconds` must be greater than 0")
        );
        assert_eq!(t.refuse("limits.timeout_seconds", 0.5), None);
        let s = range_of("summarise_after").unwrap();
        assert_eq!(
            s.refuse("summarise_after", 2.5).as_deref(),
            Some("`summarise_after` must be a whole number")
        );
        assert_eq!(s.describe(), "valid: a whole number from 0 up to 1000000");
    }
}
