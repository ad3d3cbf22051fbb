//! Policies: the rule catalog, the regorus engine, and turning what rules
//! report into located [`Finding`]s.

pub mod builtin;
pub mod calls;
pub mod catalog;
pub mod docs;
pub mod engine;
pub mod error;
pub mod evaluator;
pub mod fastregex;
pub mod file;
pub mod findings;
pub mod guards;
pub mod limits;
pub mod metadata;
pub mod natives;
pub mod panics;
pub mod setup;
pub mod shared;
pub mod syntax;
pub mod testing;
pub mod value;
pub mod vm;
pub mod vmcalls;
pub mod watchdog;

pub use catalog::{Origin, RuleMeta, Style};
pub use engine::{Evaluator, PolicyFile, PolicySet, RawFinding, bundled_files};
pub use error::PolicyError;
