//! Runs a parsed command line: resolves arguments into the objects that do
//! the work, prints results, and returns the exit code.
//!
//! Exit codes are a contract: 0 nothing at or above the fail level, 1
//! something is, 2 mlint could not do what was asked (bad usage, a missing
//! path, a policy that does not compile or fails to evaluate).

use crate::check::{Checker, Levels, Totals};
use crate::cli::{
    CheckArgs, Cli, ColorChoice, Command, CompletionsArgs, ConfigArgs, ExplainArgs, FailLevel,
    InitArgs, ListFormat, ManArgs, OutlineArgs, OutlineFormat, ParseArgs, PolicyArgs, RulesArgs,
    TestArgs,
};
use crate::config::{Config, ConfigError};
use crate::diagnostic::Severity;
use crate::discover::{self, DiscoverOptions};
use crate::document::{self, ParseOptions};
use crate::output::{Destination, Stdout};
use crate::policy::testing::{Outcome, run_tests};
use crate::policy::{Origin, PolicyError, PolicyFile, PolicySet, RuleMeta, bundled_files};
use crate::report::github::StepSummary;
use crate::report::{self, RenderOptions, Renderer};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

mod check;
mod completions;
mod config;
mod explain;
mod init;
mod man;
mod outline;
mod parse;
mod rules;
mod schema;
mod test;

/// Nothing at or above the fail level.
pub const EXIT_OK: u8 = 0;
/// Findings at or above the fail level (or failing tests).
pub const EXIT_FINDINGS: u8 = 1;
/// mlint could not do what was asked.
pub const EXIT_ERROR: u8 = 2;

/// Runs `cli` and returns the process exit code.
pub fn run(cli: Cli) -> u8 {
    // A policy stuck past its time limit ends the process; no half-written
    // `--output` file may stay behind.
    crate::policy::watchdog::on_abort(crate::output::remove_pending);
    let result = match cli.command {
        Command::Check(args) => check::check(args),
        Command::Parse(args) => parse::parse(args),
        Command::Outline(args) => outline::outline(args),
        Command::Rules(args) => rules::rules(args),
        Command::Explain(args) => explain::explain(args),
        Command::Test(args) => test::test(args),
        Command::Config(args) => config::config_cmd(args),
        Command::Init(args) => init::init(args),
        Command::Schema => schema::schema(),
        Command::Completions(args) => completions::completions(args),
        Command::Man(args) => man::man(args),
    };
    match result {
        Ok(code) => code,
        Err(failure) => {
            failure.print();
            EXIT_ERROR
        }
    }
}

/// Why a command could not run: printed to stderr, exit 2.
#[derive(Debug)]
pub enum Failure {
    /// Plain messages.
    Messages(Vec<String>),
    /// Policy problems, rendered with their `.rego` source.
    Policy(Vec<PolicyError>),
    /// Configuration problems, rendered with their TOML source.
    Config(Vec<ConfigError>),
    /// A policy error that stopped `check` after part of the report went to
    /// stdout.
    Interrupted(PolicyError),
}

impl Failure {
    fn message(m: impl Into<String>) -> Failure {
        Failure::Messages(vec![m.into()])
    }

    fn print(&self) {
        let mut err = std::io::stderr().lock();
        match self {
            Failure::Messages(ms) => {
                for m in ms {
                    let _ = writeln!(err, "mlint: error: {}", crate::escape::escape(m));
                }
            }
            Failure::Config(errors) => {
                for e in errors {
                    let _ = write!(err, "{}", e.render(stderr_color()));
                }
                let _ = writeln!(
                    err,
                    "mlint: error: {} in the configuration",
                    plural(errors.len(), "problem")
                );
            }
            Failure::Policy(errors) => {
                let color = stderr_color();
                for e in errors {
                    let _ = write!(err, "{}", crate::policy::error::render(e, color));
                }
            }
            Failure::Interrupted(e) => {
                let _ = write!(err, "{}", crate::policy::error::render(e, stderr_color()));
                let _ = writeln!(
                    err,
                    "mlint: error: the check stopped at this error: the report on stdout is incomplete"
                );
            }
        }
    }
}

fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

impl From<Vec<PolicyError>> for Failure {
    fn from(e: Vec<PolicyError>) -> Self {
        Failure::Policy(e)
    }
}

impl From<PolicyError> for Failure {
    fn from(e: PolicyError) -> Self {
        Failure::Policy(vec![e])
    }
}

/// Everything that comes from configuration and policy options.
struct Setup {
    config: Config,
    policies: PolicySet,
    parse_options: ParseOptions,
    levels: Levels,
    discover: DiscoverOptions,
}

/// Reads every `.rego` file below `dir`, sorted.
fn user_policy_files(dir: &Path) -> Result<Vec<PolicyFile>, String> {
    if !dir.is_dir() {
        return Err(format!(
            "policy directory `{}` does not exist",
            discover::display_path(dir)
        ));
    }
    let mut files = Vec::new();
    let walker = ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        // A policy directory read in part would drop rules in silence.
        let entry = entry.map_err(|e| {
            format!(
                "cannot read policy directory `{}`: {e}",
                discover::display_path(dir)
            )
        })?;
        let path = entry.path();
        if entry.file_type().is_some_and(|t| t.is_file())
            && path.extension().is_some_and(|e| e == "rego")
        {
            let source = std::fs::read_to_string(path).map_err(|e| {
                format!("cannot read policy `{}`: {e}", discover::display_path(path))
            })?;
            files.push(PolicyFile {
                path: discover::display_path(path),
                source,
                origin: Origin::Custom,
            });
        }
    }
    Ok(files)
}

/// Parses `ID=LEVEL`.
fn rule_override(spec: &str) -> Result<(String, Option<Severity>), String> {
    let (id, level) = spec.split_once('=').ok_or_else(|| {
        format!("`--rule {spec}`: expected ID=LEVEL, such as `duration/too-long=off`")
    })?;
    let level = match level.trim() {
        "off" => None,
        l => Some(Severity::parse(l).ok_or_else(|| {
            format!("`--rule {spec}`: level `{l}` is not one of error, warning, info, off")
        })?),
    };
    Ok((id.trim().to_string(), level))
}

/// Reads the configuration the options ask for.
fn load_config(args: &PolicyArgs) -> Result<Config, Failure> {
    match load_config_lenient(args) {
        (config, errors) if errors.is_empty() => Ok(config),
        (_, errors) => Err(Failure::Config(errors)),
    }
}

/// The configuration and every problem in it (see [`Config::load_lenient`]).
fn load_config_lenient(args: &PolicyArgs) -> (Config, Vec<ConfigError>) {
    if args.no_config {
        return (Config::defaults(), Vec::new());
    }
    match (&args.config, std::env::current_dir()) {
        (Some(p), _) => Config::load_lenient(p),
        (None, Ok(dir)) => Config::discover(&dir),
        (None, Err(_)) => (Config::defaults(), Vec::new()),
    }
}

fn setup(args: &PolicyArgs, with_tests: bool, extra_dirs: &[PathBuf]) -> Result<Setup, Failure> {
    let (config, mut config_errors) = load_config_lenient(args);
    let mut files = bundled_files();
    let mut problems = Vec::new();
    // A directory named twice (in mlint.toml and on the command line) is
    // loaded once. Missing configured directories are already config errors.
    let mut seen = Vec::new();
    let configured = config.policy_dirs().into_iter().filter(|d| d.is_dir());
    for dir in configured
        .chain(args.policies.iter().cloned())
        .chain(extra_dirs.iter().cloned())
    {
        let key = std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        match user_policy_files(&dir) {
            Ok(mut f) => files.append(&mut f),
            Err(e) => problems.push(e),
        }
    }
    let mut levels = Levels::default();
    let mut cli_rules = Vec::new();
    for spec in &args.rules {
        match rule_override(spec) {
            Ok(entry) => cli_rules.push(entry),
            Err(e) => problems.push(e),
        }
    }
    if !problems.is_empty() {
        return Err(Failure::Messages(problems));
    }
    let policies = PolicySet::load(
        files,
        config.data.clone(),
        with_tests,
        Some(config.timeout()),
    )?;
    let known: Vec<String> = crate::policy::builtin::rules()
        .into_iter()
        .chain(policies.rules().iter().cloned())
        .map(|r| r.id)
        .collect();
    let exists = |id: &str| match id.strip_suffix("/*") {
        Some(prefix) => known.iter().any(|k| k.starts_with(&format!("{prefix}/"))),
        None => known.iter().any(|k| k == id),
    };
    for (id, level, span) in &config.rules {
        if exists(id) {
            levels.file.insert(id.clone(), *level);
        } else {
            config_errors.push(config.rule_error(
                span.clone(),
                format!(
                    "unknown rule `{id}` in `[rules]`{}",
                    crate::suggest::did_you_mean(id, &known)
                ),
                Some("`mlint rules` lists every rule".into()),
            ));
        }
    }
    if !config_errors.is_empty() {
        config_errors.sort_by_key(|e| e.span.as_ref().map(|s| s.start).unwrap_or(0));
        return Err(Failure::Config(config_errors));
    }
    let mut unknown = Vec::new();
    for (id, level) in cli_rules {
        if exists(&id) {
            levels.cli.insert(id, level);
        } else {
            unknown.push(format!(
                "`--rule {id}=…`: no rule `{id}`{}",
                crate::suggest::did_you_mean(&id, &known)
            ));
        }
    }
    if !unknown.is_empty() {
        return Err(Failure::Messages(unknown));
    }
    let discover = discover_options(&config)?;
    Ok(Setup {
        parse_options: config.parse_options(),
        policies,
        levels,
        discover,
        config,
    })
}

/// How directories are walked under `config`: its `include` and `exclude` globs.
fn discover_options(config: &Config) -> Result<DiscoverOptions, Failure> {
    let include = discover::globs(&config.strings("include")).map_err(Failure::message)?;
    let exclude = discover::globs(&config.strings("exclude")).map_err(Failure::message)?;
    Ok(DiscoverOptions {
        include,
        exclude,
        force_exclude: false,
        base: std::fs::canonicalize(&config.root).ok(),
    })
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn cannot_write(path: &Path, e: io::Error) -> Failure {
    Failure::message(format!(
        "cannot write `{}`: {e}",
        discover::display_path(path)
    ))
}

/// Writes `text` to standard output; a reader that went away is not an
/// error (see [`Stdout`]).
fn emit(text: &str) -> Result<(), Failure> {
    crate::output::print(text).map_err(|e| Failure::message(format!("cannot write to stdout: {e}")))
}

/// Worker threads for `--jobs`: 0 (or none) is one per core, and more than
/// [`JOBS_PER_CORE`] per core are not started.
fn jobs(requested: Option<usize>) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    requested.unwrap_or(0).min(cores * JOBS_PER_CORE)
}

/// The most worker threads `--jobs` starts per core.
pub const JOBS_PER_CORE: usize = 4;

/// The text of the Markdown file at `path`, or why it cannot be read.
fn read_markdown(path: &Path) -> Result<String, String> {
    let shown = discover::display_path(path);
    let bytes = discover::read_file(path).map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "`{shown}` is not valid UTF-8 (first invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

fn catalog(setup: &Setup) -> Vec<RuleMeta> {
    let mut rules = crate::policy::builtin::rules();
    rules.extend(setup.policies.rules().iter().cloned());
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    rules
}

fn level_name(setup: &Setup, rule: &RuleMeta) -> &'static str {
    setup
        .levels
        .level(&rule.id, rule.default_level)
        .map(Severity::as_str)
        .unwrap_or("off")
}

#[cfg(test)]
mod tests {
    #[test]
    fn jobs_are_capped_at_four_per_core() {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert_eq!(super::jobs(Some(100_000)), 4 * cores);
        assert_eq!(super::jobs(Some(1)), 1);
        // 0 lets the pool start one per core.
        assert_eq!(super::jobs(None), 0);
    }
}
