//! Bounded `numbers.range` and `numbers.range_step`.
//!
//! regorus allocates a range's whole array before it checks any limit, so
//! `numbers.range(1, 1000000000)` asks for 24 GB and aborts the process
//! instead of being stopped by the time limit. regorus looks up extensions
//! before builtins, so mlint registers these two under the builtins' names,
//! with the same results, refusing ranges over [`MAX_RANGE`] values with a
//! policy error. The RVM, which has no extensions, calls them through
//! `policy::vmcalls`.

use regorus::Value;

/// The most values one range may produce.
pub const MAX_RANGE: i64 = 1_000_000;

fn integer(args: &[Value], i: usize, name: &str) -> anyhow::Result<i64> {
    let v = args
        .get(i)
        .ok_or_else(|| anyhow::anyhow!("`{name}` expects {} arguments", i + 1))?;
    let n = v
        .as_f64()
        .map_err(|_| anyhow::anyhow!("`{name}`: argument {} must be a number", i + 1))?;
    if n.fract() != 0.0 || !n.is_finite() {
        anyhow::bail!("`{name}`: argument {} must be an integer, got {n}", i + 1);
    }
    Ok(n as i64)
}

fn range(a: i64, b: i64, step: i64, name: &str) -> anyhow::Result<Value> {
    let count = (b - a).abs() / step + 1;
    if count > MAX_RANGE {
        anyhow::bail!(
            "`{name}({a}, {b})` would make {count} values; mlint allows at most {MAX_RANGE}"
        );
    }
    let values: Vec<Value> = if a <= b {
        (0..count).map(|k| Value::from(a + k * step)).collect()
    } else {
        (0..count).map(|k| Value::from(a - k * step)).collect()
    };
    Ok(Value::from(values))
}

fn numbers_range(args: &[Value]) -> anyhow::Result<Value> {
    let (a, b) = (
        integer(args, 0, "numbers.range")?,
        integer(args, 1, "numbers.range")?,
    );
    range(a, b, 1, "numbers.range")
}

fn numbers_range_step(args: &[Value]) -> anyhow::Result<Value> {
    let name = "numbers.range_step";
    let (a, b, step) = (
        integer(args, 0, name)?,
        integer(args, 1, name)?,
        integer(args, 2, name)?,
    );
    if step <= 0 {
        anyhow::bail!("`{name}`: the step must be a positive integer, got {step}");
    }
    range(a, b, step, name)
}

/// Both functions under the builtins' names, with their arity.
pub const NATIVES: [(&str, u8, super::vmcalls::Native); 2] = [
    ("numbers.range", 2, numbers_range),
    ("numbers.range_step", 3, numbers_range_step),
];

/// Registers both functions on `engine`.
pub fn register(engine: &mut regorus::Engine) -> anyhow::Result<()> {
    super::vmcalls::add_natives(engine, &NATIVES)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(query: &str) -> anyhow::Result<Value> {
        let mut engine = regorus::Engine::new();
        register(&mut engine)?;
        engine.add_policy("t.rego".into(), format!("package t\nx := {query}\n"))?;
        engine.eval_rule("data.t.x".into())
    }

    #[test]
    fn same_results_as_the_builtins() {
        assert_eq!(
            eval("numbers.range(1, 4)").unwrap(),
            Value::from_json_str("[1,2,3,4]").unwrap()
        );
        assert_eq!(
            eval("numbers.range(2, -1)").unwrap(),
            Value::from_json_str("[2,1,0,-1]").unwrap()
        );
        assert_eq!(
            eval("numbers.range_step(0, 10, 4)").unwrap(),
            Value::from_json_str("[0,4,8]").unwrap()
        );
        assert_eq!(
            eval("numbers.range_step(10, 0, 5)").unwrap(),
            Value::from_json_str("[10,5,0]").unwrap()
        );
    }

    #[test]
    fn huge_ranges_are_refused_before_allocating() {
        let err = eval("count(numbers.range(1, 1000000000))")
            .unwrap_err()
            .to_string();
        assert!(err.contains("would make 1000000000 values"), "{err}");
        assert!(
            eval("numbers.range(1.5, 3)")
                .unwrap_err()
                .to_string()
                .contains("must be an integer")
        );
        assert!(
            eval("numbers.range_step(1, 3, 0)")
                .unwrap_err()
                .to_string()
                .contains("positive")
        );
    }
}
