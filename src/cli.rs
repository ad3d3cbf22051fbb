//! Command-line definitions (clap). Help text is these doc comments.
//!
//! Arguments are parsed here into plain values; [`crate::run`] resolves them
//! into the objects that do the work.

use crate::report::Format;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// A policy linter for Markdown milestone files.
///
/// mlint reads milestone plans (phases, sprints, milestones), turns each file
/// into a JSON document and checks it with Rego policies: required sections,
/// realistic durations, documentation deliverables, leftover placeholders.
#[derive(Debug, Parser)]
#[command(name = "mlint", version = crate::VERSION_LINE, about, long_about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check Markdown files and directories against the policies.
    Check(CheckArgs),
    /// Print the JSON document that policies receive as `input` for a file.
    Parse(ParseArgs),
    /// Show what mlint read of each file: its units, one line each, with
    /// line, kind, form, duration, status and sections.
    Outline(OutlineArgs),
    /// List every rule with its level and a one-line description.
    Rules(RulesArgs),
    /// Print the full documentation of a rule.
    Explain(ExplainArgs),
    /// Run Rego unit tests (`test_*` rules in `*_test.rego` files).
    Test(TestArgs),
    /// Print the effective configuration as TOML, with where each value came from.
    Config(ConfigArgs),
    /// Write a short starter `mlint.toml` (`--full`: every option with its default).
    Init(InitArgs),
    /// Print the JSON Schema of the document `mlint parse` prints.
    Schema,
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the man page (roff), or write one per command into a directory.
    Man(ManArgs),
}

/// `mlint man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write `mlint.1` and one page per subcommand (`mlint-check.1`, …) into
    /// this directory instead of printing `mlint.1`.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `mlint config`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Policy and configuration options.
    #[command(flatten)]
    pub policy: PolicyArgs,
}

/// `mlint init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write it.
    #[arg(value_name = "FILE", default_value = "mlint.toml")]
    pub path: PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
    /// Write every option with its default value (today's whole vocabulary
    /// and thresholds), instead of a short starter that keeps later
    /// releases' defaults.
    #[arg(long)]
    pub full: bool,
}

/// `mlint completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// When to colour the human report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The lowest severity that makes `mlint check` exit 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailLevel {
    /// Fail on errors.
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Never fail because of findings (exit 2 for usage or policy problems still).
    Never,
}

/// Options shared by commands that load policies.
#[derive(Debug, Args, Clone, Default)]
pub struct PolicyArgs {
    /// Use this configuration file instead of searching for `mlint.toml`.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long)]
    pub no_config: bool,
    /// Set a rule's level: `ID=error|warning|info|off` (ID may be `category/*`). Repeatable.
    #[arg(long = "rule", value_name = "ID=LEVEL")]
    pub rules: Vec<String>,
    /// Load user policies from this directory too. Repeatable.
    #[arg(long = "policy", value_name = "DIR")]
    pub policies: Vec<PathBuf>,
}

/// `mlint check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and directories to check (directories are walked for *.md and *.markdown).
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format [default: human; on GitHub Actions, human plus annotations].
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,
    /// Write the report to this file (atomically) instead of stdout; a
    /// one-line summary still goes to stderr. `-` is stdout; a device or a
    /// FIFO is written in place.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print the findings only: no summary line.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Print how many findings each rule has (count, rule, level; most
    /// first) instead of the findings.
    #[arg(long, conflicts_with = "format")]
    pub statistics: bool,
    /// Exit 1 when no file is found to check (by default that is a warning
    /// on stderr, and exit 0).
    #[arg(long)]
    pub fail_on_empty: bool,
    /// Exit 1 when a finding is at or above this level.
    #[arg(long, value_enum, default_value_t = FailLevel::Error)]
    pub fail_level: FailLevel,
    /// Worker threads (default: one per core; at most 4 per core are started).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Apply `exclude` globs to files named on the command line too (for pre-commit).
    #[arg(long)]
    pub force_exclude: bool,
    /// When to use colour in the human format.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Policy and configuration options.
    #[command(flatten)]
    pub policy: PolicyArgs,
}

/// `mlint parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The Markdown file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Print compact JSON on one line.
    #[arg(long)]
    pub compact: bool,
    /// Policy and configuration options (the configuration's vocabulary changes parsing).
    #[command(flatten)]
    pub policy: PolicyArgs,
}

/// Output formats of `mlint outline`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutlineFormat {
    /// One aligned line per unit, nested under the unit it sits in.
    Human,
    /// A JSON array with one object per file, sorted by path, units by line.
    Json,
}

/// `mlint outline`.
#[derive(Debug, Args)]
pub struct OutlineArgs {
    /// Files and directories (directories are walked like `mlint check` walks them).
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = OutlineFormat::Human)]
    pub format: OutlineFormat,
    /// Policy and configuration options (the configuration's vocabulary and
    /// `include`/`exclude` apply).
    #[command(flatten)]
    pub policy: PolicyArgs,
}

/// Output formats of `mlint rules`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// An aligned table.
    Text,
    /// A JSON array.
    Json,
}

/// `mlint rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    /// Policy and configuration options.
    #[command(flatten)]
    pub policy: PolicyArgs,
}

/// `mlint explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, such as `duration/too-long`.
    #[arg(value_name = "RULE")]
    pub rule: String,
    /// Policy and configuration options.
    #[command(flatten)]
    pub policy: PolicyArgs,
}

/// `mlint test`.
#[derive(Debug, Args)]
pub struct TestArgs {
    /// Directories of user policies whose tests to run (none: the bundled
    /// tests and those of the configured policy directories).
    #[arg(value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    /// Run the bundled rules' tests too when directories are named.
    #[arg(long)]
    pub bundled: bool,
    /// Only run tests whose full name contains this text.
    #[arg(long, value_name = "TEXT")]
    pub run: Option<String>,
    /// Print every test, not only failures.
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Policy and configuration options.
    #[command(flatten)]
    pub policy: PolicyArgs,
}
