//! mlint: a policy linter for Markdown milestone files.
//!
//! Data flows one way: files ([`discover`]) → documents ([`document`]) →
//! findings ([`policy`]) → filtered findings ([`suppress`]) → report
//! ([`report`]). The binary in `src/main.rs` only parses arguments, calls
//! [`cli::run`] and turns its outcome into an exit code.

pub mod check;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod escape;
pub mod levels;
pub mod outcome;
pub mod outline;
pub mod output;
pub mod policy;
pub mod report;
pub mod suggest;

pub use commands::run;

/// `mlint --version`: the binary's version and the bundled policy set's.
pub const VERSION_LINE: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (policies ",
    env!("CARGO_PKG_VERSION"),
    ")"
);
pub mod schema;
pub mod suppress;
