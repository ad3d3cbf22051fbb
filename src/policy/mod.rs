//! Policies: the rule catalog, the regorus engine, and turning what rules
//! report into located [`Finding`]s.

pub mod builtin;
pub mod calls;
pub mod catalog;
pub mod docs;
pub mod engine;
pub mod error;
pub mod fastregex;
pub mod guards;
pub mod limits;
pub mod panics;
pub mod syntax;
pub mod testing;
pub mod value;
pub mod vmcalls;

pub use catalog::{Origin, RuleMeta, Style};
pub use engine::{Evaluator, PolicyFile, PolicySet, RawFinding, bundled_files};
pub use error::PolicyError;
