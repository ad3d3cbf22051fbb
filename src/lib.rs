//! mlint: a policy linter for Markdown milestone files.
//!
//! Data flows one way: files ([`discover`]) → documents ([`document`]) →
//! findings ([`policy`]) → filtered findings ([`suppress`]) → report
//! ([`report`]). The binary in `src/main.rs` only parses arguments, calls
//! [`cli::run`] and turns its outcome into an exit code.

pub mod document;
pub mod diagnostic;
pub mod policy;
pub mod config;
