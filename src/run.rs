//! Runs a parsed command line: resolves arguments into the objects that do
//! the work, prints results, and returns the exit code.
//!
//! Exit codes are a contract: 0 nothing at or above the fail level, 1
//! something is, 2 mlint could not do what was asked (bad usage, a missing
//! path, a policy that does not compile or fails to evaluate).

use crate::check::{Checker, Levels, Totals};
use crate::cli::{
    CheckArgs, Cli, ColorChoice, Command, CompletionsArgs, ConfigArgs, ExplainArgs, FailLevel,
    InitArgs, ListFormat, OutlineArgs, OutlineFormat, ParseArgs, PolicyArgs, RulesArgs, TestArgs,
};
use crate::config::{Config, ConfigError};
use crate::diagnostic::Severity;
use crate::discover::{self, DiscoverOptions};
use crate::document::{self, ParseOptions};
use crate::policy::testing::{Outcome, run_tests};
use crate::policy::{Origin, PolicyError, PolicyFile, PolicySet, RuleMeta, bundled_files};
use crate::report::github::StepSummary;
use crate::report::{self, RenderOptions, Renderer};
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Nothing at or above the fail level.
pub const EXIT_OK: u8 = 0;
/// Findings at or above the fail level (or failing tests).
pub const EXIT_FINDINGS: u8 = 1;
/// mlint could not do what was asked.
pub const EXIT_ERROR: u8 = 2;

/// Runs `cli` and returns the process exit code.
pub fn run(cli: Cli) -> u8 {
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Parse(args) => parse(args),
        Command::Outline(args) => outline(args),
        Command::Rules(args) => rules(args),
        Command::Explain(args) => explain(args),
        Command::Test(args) => test(args),
        Command::Config(args) => config_cmd(args),
        Command::Init(args) => init(args),
        Command::Schema => schema(),
        Command::Completions(args) => completions(args),
        Command::Man => man(),
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
                    let _ = writeln!(err, "mlint: error: {m}");
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
            dir.display()
        ));
    }
    let mut files = Vec::new();
    let walker = ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker.flatten() {
        let path = entry.path();
        if entry.file_type().is_some_and(|t| t.is_file())
            && path.extension().is_some_and(|e| e == "rego")
        {
            let source = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read policy `{}`: {e}", path.display()))?;
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

/// A file written under a temporary name beside its destination and renamed
/// over it by [`PendingFile::commit`], so a reader never sees half a report
/// and a run that fails leaves the destination as it was. Dropped without
/// a commit, the temporary file is removed.
struct PendingFile {
    tmp: PathBuf,
    path: PathBuf,
    file: Option<BufWriter<File>>,
}

impl PendingFile {
    /// Creates the temporary file for `path`.
    fn create(path: &Path) -> io::Result<PendingFile> {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "report".into());
        let tmp = dir.join(format!(".{name}.mlint-{}.tmp", std::process::id()));
        let file = File::create(&tmp)?;
        Ok(PendingFile {
            tmp,
            path: path.to_path_buf(),
            file: Some(BufWriter::with_capacity(1 << 16, file)),
        })
    }

    /// Writes out what is buffered and renames the file into place.
    fn commit(mut self) -> io::Result<()> {
        if let Some(file) = self.file.take() {
            // Closes the file, so a rename on any platform sees it whole.
            drop(file.into_inner().map_err(|e| e.into_error())?);
        }
        std::fs::rename(&self.tmp, &self.path)?;
        self.tmp = PathBuf::new();
        Ok(())
    }
}

impl Write for PendingFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.file {
            Some(file) => file.write(buf),
            None => Err(io::Error::other("the report file is already closed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(file) => file.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        // Not committed (or the commit failed): the destination is left as
        // it was, and so is nothing else.
        if !self.tmp.as_os_str().is_empty() {
            drop(self.file.take());
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes `text` to `path` atomically (see [`PendingFile`]).
fn write_atomically(path: &Path, text: &str) -> Result<(), Failure> {
    PendingFile::create(path)
        .and_then(|mut file| {
            file.write_all(text.as_bytes())?;
            file.commit()
        })
        .map_err(|e| cannot_write(path, e))
}

fn cannot_write(path: &Path, e: io::Error) -> Failure {
    Failure::message(format!("cannot write `{}`: {e}", path.display()))
}

/// Standard output for a streamed report. A reader that goes away (a
/// broken pipe, as in `mlint check | head`) is not an error: later output is
/// dropped and the check goes on, for the summary and the exit code. Counts
/// the bytes it wrote.
struct Stdout {
    inner: io::StdoutLock<'static>,
    closed: bool,
    written: u64,
}

impl Stdout {
    /// Standard output, locked, behind a buffer.
    fn buffered() -> BufWriter<Stdout> {
        BufWriter::with_capacity(
            1 << 16,
            Stdout {
                inner: io::stdout().lock(),
                closed: false,
                written: 0,
            },
        )
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Ok(n) => {
                self.written += n as u64;
                Ok(n)
            }
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            Err(e) => Err(e),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.inner.flush() {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            result => result,
        }
    }
}

/// Where `check` writes its report.
enum Destination {
    /// Standard output.
    Stdout(BufWriter<Stdout>),
    /// `--output FILE`.
    File(PendingFile),
}

impl Write for Destination {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Destination::Stdout(out) => out.write(buf),
            Destination::File(file) => file.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Destination::Stdout(out) => out.flush(),
            Destination::File(file) => file.flush(),
        }
    }
}

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
fn check(args: CheckArgs) -> Result<u8, Failure> {
    let mut setup = setup(&args.policy, false, &[])?;
    setup.discover.force_exclude = args.force_exclude;
    let targets = discover::discover(&args.paths, &setup.discover)
        .map_err(|errs| Failure::Messages(errs.iter().map(|e| e.to_string()).collect()))?;
    let require_reason = setup.config.flag("require_reason");
    let format = args.format.unwrap_or(report::Format::Human);
    let checker = Checker::new(setup.policies, setup.parse_options, setup.levels)
        .require_reason(require_reason)
        .keep_sources(matches!(
            format,
            report::Format::Human | report::Format::Sarif
        ));
    let on_github = std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true");
    let color = args.output.is_none() && use_color(args.color);
    let mut renderer = report::renderer(format, RenderOptions { color }, checker.rules());
    // On GitHub Actions without an explicit format, the annotations go to
    // stdout (where the runner reads them) besides the readable report:
    // each file's right after its findings.
    let mut annotations = (on_github && args.format.is_none()).then_some(report::github::Github);
    let summary_path = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty());
    let mut step_summary = summary_path
        .is_some()
        .then(|| StepSummary::new(report::github::SUMMARY_LIMIT));
    let mut out = match &args.output {
        Some(path) => {
            Destination::File(PendingFile::create(path).map_err(|e| cannot_write(path, e))?)
        }
        None => Destination::Stdout(Stdout::buffered()),
    };
    // Annotations beside a report written to a file still go to stdout.
    let mut side = (args.output.is_some() && annotations.is_some()).then(Stdout::buffered);
    let streamed = (|| -> Result<Totals, Stop> {
        renderer.begin(&mut out).map_err(Stop::Write)?;
        let totals = checker.check_streaming(&targets, args.jobs.unwrap_or(0), |outcome| {
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
    let totals = match (streamed, out) {
        (Ok(totals), Destination::File(file)) => {
            let path = file.path.clone();
            file.commit().map_err(|e| cannot_write(&path, e))?;
            eprintln!(
                "{} (report written to {})",
                totals.summary(),
                path.display()
            );
            totals
        }
        (Ok(totals), Destination::Stdout(mut out)) => {
            out.flush().map_err(stdout_failure)?;
            if format != report::Format::Human {
                eprintln!("{}", totals.summary());
            }
            totals
        }
        // Dropping the pending file removes it: `--output` is left as it was.
        (Err(Stop::Policy(e)), Destination::File(_)) => return Err(e.into()),
        (Err(Stop::Policy(e)), Destination::Stdout(mut out)) => {
            // What is on stdout ends with the last file checked in full.
            let _ = out.flush();
            return Err(if out.get_ref().written > 0 {
                Failure::Interrupted(e)
            } else {
                e.into()
            });
        }
        (Err(Stop::Write(e)), Destination::File(file)) => return Err(cannot_write(&file.path, e)),
        (Err(Stop::Write(e)), Destination::Stdout(_)) => return Err(stdout_failure(e)),
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
    let failed = threshold.is_some_and(|t| totals.at_least(t) > 0);
    // The process ends now: freeing the compiled policies value by value
    // would cost a one-file run about 3% more.
    drop(renderer);
    std::mem::forget(checker);
    Ok(if failed { EXIT_FINDINGS } else { EXIT_OK })
}

fn config_cmd(args: ConfigArgs) -> Result<u8, Failure> {
    let setup = setup(&args.policy, false, &[])?;
    let levels: Vec<(String, &'static str, String)> = catalog(&setup)
        .iter()
        .map(|r| {
            let origin = match setup.levels.origin(&r.id) {
                Some((true, key)) if key == r.id => "--rule".to_string(),
                Some((true, key)) => format!("--rule {key}"),
                Some((false, key)) => setup
                    .config
                    .origins
                    .get(&format!("rules.{key}"))
                    .cloned()
                    .unwrap_or_else(|| "configuration".to_string()),
                None => "default".to_string(),
            };
            (r.id.clone(), level_name(&setup, r), origin)
        })
        .collect();
    print!("{}", crate::config::effective_toml(&setup.config, &levels));
    Ok(EXIT_OK)
}

fn init(args: InitArgs) -> Result<u8, Failure> {
    if args.path.exists() && !args.force {
        return Err(Failure::message(format!(
            "`{}` already exists (use --force to overwrite)",
            args.path.display()
        )));
    }
    write_atomically(&args.path, crate::config::DEFAULT_TOML)?;
    eprintln!("wrote {}", args.path.display());
    eprintln!(
        "preset in force: \"recommended\"; `preset = \"strict\"` asks every milestone for objectives, a success-criteria checklist, a duration and a documentation deliverable"
    );
    Ok(EXIT_OK)
}

fn completions(args: CompletionsArgs) -> Result<u8, Failure> {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    clap_complete::generate(args.shell, &mut cmd, "mlint", &mut std::io::stdout());
    Ok(EXIT_OK)
}

fn man() -> Result<u8, Failure> {
    let cmd = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut out)
        .map_err(|e| Failure::message(e.to_string()))?;
    std::io::stdout()
        .write_all(&out)
        .map_err(|e| Failure::message(e.to_string()))?;
    Ok(EXIT_OK)
}

/// The text of the Markdown file at `path`, or why it cannot be read.
fn read_markdown(path: &Path) -> Result<String, String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "`{}` is not valid UTF-8 (first invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

fn parse(args: ParseArgs) -> Result<u8, Failure> {
    let config = load_config(&args.policy)?;
    let source = read_markdown(&args.file).map_err(Failure::message)?;
    let doc = document::parse(
        &discover::display_path(&args.file),
        &source,
        &config.parse_options(),
    );
    let json = doc.to_json();
    let text = if args.compact {
        serde_json::to_string(&json)
    } else {
        serde_json::to_string_pretty(&json)
    };
    println!("{}", text.map_err(|e| Failure::message(e.to_string()))?);
    Ok(EXIT_OK)
}

/// `mlint outline`: each file's units, one file at a time in path order.
/// A file that cannot be read is reported on stderr after the others (exit
/// 2); a reader that goes away (`mlint outline docs | head`) ends the run
/// quietly.
fn outline(args: OutlineArgs) -> Result<u8, Failure> {
    use serde::ser::{SerializeSeq, Serializer};
    let config = load_config(&args.policy)?;
    let targets = discover::discover(&args.paths, &discover_options(&config)?)
        .map_err(|errs| Failure::Messages(errs.iter().map(|e| e.to_string()).collect()))?;
    let options = config.parse_options();
    let mut problems = Vec::new();
    let mut docs = targets
        .iter()
        .filter_map(|target| match read_markdown(&target.path) {
            Ok(source) => Some(document::parse(&target.display, &source, &options)),
            Err(problem) => {
                problems.push(problem);
                None
            }
        });
    let mut out = Stdout::buffered();
    let written = (|| -> io::Result<()> {
        match args.format {
            OutlineFormat::Json => {
                let mut json = serde_json::Serializer::pretty(&mut out);
                let mut seq = json.serialize_seq(None)?;
                for doc in docs.by_ref() {
                    seq.serialize_element(&crate::outline::Outline::of(&doc))?;
                }
                seq.end()?;
                writeln!(out)
            }
            OutlineFormat::Human => {
                for (i, doc) in docs.by_ref().enumerate() {
                    if i > 0 {
                        writeln!(out)?;
                    }
                    crate::outline::Outline::of(&doc).write_human(&mut out)?;
                    if out.get_ref().closed {
                        break;
                    }
                }
                Ok(())
            }
        }
    })();
    drop(docs);
    written
        .and_then(|()| out.flush())
        .map_err(|e| Failure::message(format!("cannot write the outline to stdout: {e}")))?;
    if problems.is_empty() {
        Ok(EXIT_OK)
    } else {
        Err(Failure::Messages(problems))
    }
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

fn rules(args: RulesArgs) -> Result<u8, Failure> {
    let setup = setup(&args.policy, false, &[])?;
    let rules = catalog(&setup);
    match args.format {
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = rules
                .iter()
                .map(|r| serde_json::json!({"id": r.id, "level": level_name(&setup, r), "default_level": r.default_level.as_str(), "title": r.title, "origin": r.origin, "file": r.file}))
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&list).unwrap_or_default()
            );
        }
        ListFormat::Text => {
            let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
            for r in &rules {
                println!("{:width$}  {:7}  {}", r.id, level_name(&setup, r), r.title);
            }
        }
    }
    Ok(EXIT_OK)
}

fn explain(args: ExplainArgs) -> Result<u8, Failure> {
    let setup = setup(&args.policy, false, &[])?;
    let rules = catalog(&setup);
    let Some(rule) = rules.iter().find(|r| r.id == args.rule) else {
        let ids: Vec<String> = rules.iter().map(|r| r.id.clone()).collect();
        return Err(Failure::message(format!(
            "no rule `{}`{}",
            args.rule,
            crate::suggest::did_you_mean(&args.rule, &ids)
        )));
    };
    print!("{}", crate::policy::docs::explain(rule, &setup.config.data));
    Ok(EXIT_OK)
}

fn test(args: TestArgs) -> Result<u8, Failure> {
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
    let mut results = run_tests(&bundled, args.run.as_deref(), Some(Origin::Bundled));
    results.extend(run_tests(
        &setup.policies,
        args.run.as_deref(),
        Some(Origin::Custom),
    ));
    let mut out = std::io::stdout().lock();
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
    Ok(if fail + error > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

fn schema() -> Result<u8, Failure> {
    print!("{}", crate::schema::SCHEMA_JSON);
    Ok(EXIT_OK)
}
