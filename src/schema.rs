//! The JSON Schema of the input document (`mlint schema`).
//!
//! Kept as a file (`docs/input.schema.json`) so editors and policy authors can
//! use it directly; `tests/schema.rs` validates `mlint parse` output for every
//! fixture against it, so it cannot drift from the parser.

/// The schema, as shipped in `docs/input.schema.json`.
pub const SCHEMA_JSON: &str = include_str!("../docs/input.schema.json");
