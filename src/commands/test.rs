//! `mlint test`: runs Rego unit tests, the bundled rules' against the
//! default configuration and the user's against the project's.

use super::*;

pub(super) fn test(args: TestArgs) -> Result<u8, Failure> {
    let setup = setup(&args.policy, true, &args.dirs)?;
    // The bundled rules' tests are written against the default thresholds, so
    // they run with the defaults whatever the project configures; the user's
    // tests run with the user's configuration.
    let bundled = PolicySet::load(
        bundled_files(),
        crate::config::defaults_json(),
        true,
        Some(setup.config.timeout()),
    )?;
    // Named directories: their tests only, unless `--bundled`.
    let mut results = if args.dirs.is_empty() || args.bundled {
        run_tests(&bundled, args.run.as_deref(), Some(Origin::Bundled))
    } else {
        Vec::new()
    };
    let named: Vec<String> = args
        .dirs
        .iter()
        // `policies/` names the same directory as `policies`.
        .map(|d| {
            let shown = discover::display_path(d);
            match shown.trim_end_matches('/') {
                "" => shown,
                trimmed => trimmed.to_string(),
            }
        })
        .collect();
    let in_named = |file: &str| {
        named.is_empty()
            || named.iter().any(|d| {
                d == "."
                    || file
                        .strip_prefix(d.as_str())
                        .is_some_and(|r| r.starts_with('/'))
            })
    };
    results.extend(
        run_tests(&setup.policies, args.run.as_deref(), Some(Origin::Custom))
            .into_iter()
            .filter(|r| in_named(&r.file)),
    );
    let mut out = Stdout::buffered();
    let (mut pass, mut fail, mut error) = (0, 0, 0);
    for r in &results {
        let (tag, detail) = match &r.outcome {
            Outcome::Pass => {
                pass += 1;
                ("PASS", String::new())
            }
            Outcome::Fail => {
                fail += 1;
                ("FAIL", String::new())
            }
            Outcome::Error(e) => {
                error += 1;
                ("ERROR", format!("\n      {e}"))
            }
        };
        if args.verbose || r.outcome != Outcome::Pass {
            let _ = writeln!(out, "{tag:5} {} ({}){detail}", r.name, r.file);
        }
    }
    let _ = writeln!(out, "{} passed, {} failed, {} errors", pass, fail, error);
    out.flush()
        .map_err(|e| Failure::message(format!("cannot write to stdout: {e}")))?;
    Ok(if fail + error > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}
