//! `mlint check`: discovers the files, checks them as they come and
//! streams the report to its destination, then the summary and the exit code.

use super::*;

/// Why a streamed check stopped.
enum Stop {
    /// A policy failed on a file.
    Policy(PolicyError),
    /// The report could not be written.
    Write(io::Error),
}

impl From<PolicyError> for Stop {
    fn from(e: PolicyError) -> Self {
        Stop::Policy(e)
    }
}

/// `mlint check`: checks the files and renders the report as they come, so
/// memory stays flat however many files and findings there are.
pub(super) fn check(args: CheckArgs) -> Result<u8, Failure> {
    let mut setup = setup(&args.policy, false, &[])?;
    setup.discover.force_exclude = args.force_exclude;
    let targets = discover::discover(&args.paths, &setup.discover)
        .map_err(|errs| Failure::Messages(errs.iter().map(|e| e.to_string()).collect()))?;
    if targets.is_empty() {
        let named: Vec<String> = args
            .paths
            .iter()
            .map(|p| discover::display_path(p))
            .collect();
        eprintln!(
            "mlint: warning: no Markdown files found in {}",
            crate::suggest::quoted_list(&named)
        );
    }
    let require_reason = setup.config.flag("require_reason");
    let format = args.format.unwrap_or(report::Format::Human);
    let checker = Checker::new(setup.policies, setup.parse_options, setup.levels)
        .require_reason(require_reason)
        .keep_sources(
            !args.statistics && matches!(format, report::Format::Human | report::Format::Sarif),
        );
    let on_github = std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true");
    // `--output -` is standard output.
    let output = args.output.as_deref().filter(|p| *p != Path::new("-"));
    let color = output.is_none() && use_color(args.color);
    let docs_url = setup
        .config
        .data
        .get("docs_url")
        .and_then(|v| v.as_str())
        .filter(|u| !u.is_empty())
        .map(str::to_string);
    let options = RenderOptions {
        color,
        quiet: args.quiet,
        docs_url,
        config: Some(setup.config.data.clone()),
    };
    let mut renderer: Box<dyn Renderer> = if args.statistics {
        Box::new(report::statistics::Statistics::new(args.quiet))
    } else {
        report::renderer(format, options, checker.rules())
    };
    // On GitHub Actions without an explicit format, the annotations go to
    // stdout (where the runner reads them) besides the readable report:
    // each file's right after its findings.
    let mut annotations = (on_github && args.format.is_none()).then_some(report::github::Github);
    let summary_path = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty());
    let mut step_summary = summary_path.is_some().then(|| {
        StepSummary::new(report::github::SUMMARY_LIMIT)
            .with_annotations(annotations.is_some() || format == report::Format::Github)
    });
    let mut out =
        Destination::open(output).map_err(|e| cannot_write(output.unwrap_or(Path::new("-")), e))?;
    // Annotations beside a report written to a file still go to stdout.
    let mut side = (out.path().is_some() && annotations.is_some()).then(Stdout::buffered);
    let streamed = (|| -> Result<Totals, Stop> {
        renderer.begin(&mut out).map_err(Stop::Write)?;
        let totals = checker.check_streaming(&targets, jobs(args.jobs), |outcome| {
            let file = outcome.view();
            renderer.file(&mut out, &file).map_err(Stop::Write)?;
            if let Some(annotations) = &mut annotations {
                let to: &mut dyn Write = match &mut side {
                    Some(side) => side,
                    None => &mut out,
                };
                annotations.file(to, &file).map_err(Stop::Write)?;
            }
            if let Some(summary) = &mut step_summary {
                summary.file(&file);
            }
            Ok::<(), Stop>(())
        })?;
        renderer.end(&mut out, &totals).map_err(Stop::Write)?;
        Ok(totals)
    })();
    let stdout_failure =
        |e: io::Error| Failure::message(format!("cannot write the report to stdout: {e}"));
    if let Some(side) = &mut side {
        side.flush().map_err(stdout_failure)?;
    }
    let totals = match streamed {
        Ok(totals) => {
            let path: Option<PathBuf> = out.path().map(Path::to_path_buf);
            out.finish().map_err(|e| match &path {
                Some(path) => cannot_write(path, e),
                None => stdout_failure(e),
            })?;
            match path {
                _ if args.quiet => {}
                Some(path) => eprintln!(
                    "{} (report written to {})",
                    totals.summary(),
                    discover::display_path(&path)
                ),
                None if format != report::Format::Human => eprintln!("{}", totals.summary()),
                None => {}
            }
            totals
        }
        // Dropping a pending file removes it: `--output` is left as it was.
        Err(Stop::Policy(e)) => {
            // What is on stdout ends with the last file checked in full.
            let _ = out.flush();
            let written = out.stdout_written();
            out.abandon();
            return Err(if written.is_some_and(|n| n > 0) {
                Failure::Interrupted(e)
            } else {
                e.into()
            });
        }
        Err(Stop::Write(e)) => {
            return Err(match out.path() {
                Some(path) => cannot_write(path, e),
                None => stdout_failure(e),
            });
        }
    };
    if let (Some(summary_path), Some(summary)) = (summary_path, step_summary) {
        let appended = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&summary_path)
            .and_then(|mut f| f.write_all(summary.finish(&totals).as_bytes()));
        if let Err(e) = appended {
            eprintln!(
                "mlint: warning: cannot write the job summary to {}: {e}",
                PathBuf::from(summary_path).display()
            );
        }
    }
    let threshold = match args.fail_level {
        FailLevel::Error => Some(Severity::Error),
        FailLevel::Warning => Some(Severity::Warning),
        FailLevel::Never => None,
    };
    let failed = threshold.is_some_and(|t| totals.at_least(t) > 0)
        || (args.fail_on_empty && targets.is_empty());
    // The process ends now: freeing the compiled policies value by value
    // would cost a one-file run about 3% more.
    drop(renderer);
    std::mem::forget(checker);
    Ok(if failed { EXIT_FINDINGS } else { EXIT_OK })
}
