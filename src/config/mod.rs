//! Configuration: `mlint.toml` and the defaults shipped in the binary.
//!
//! `default.toml` is the single source of every default: it is embedded in
//! the binary, it is what `mlint init` writes, and its tables become
//! `data.mlint.config` for the policies and [`crate::document::ParseOptions`]
//! for the parser.

/// The default configuration file, with comments.
pub const DEFAULT_TOML: &str = include_str!("default.toml");

/// The defaults as JSON (`data.mlint.config` when there is no config file).
pub fn defaults_json() -> serde_json::Value {
    let table: toml::Table = toml::from_str(DEFAULT_TOML).expect("default.toml is valid TOML");
    serde_json::to_value(table).expect("TOML values are JSON values")
}

#[cfg(test)]
mod tests {
    #[test]
    fn defaults_parse() {
        let json = super::defaults_json();
        assert_eq!(json["duration"]["max_days"]["sprint"], 28);
        assert_eq!(json["units"]["hour"], 0.125);
    }
}
