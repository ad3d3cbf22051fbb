//! `mlint init`: writes a starter `mlint.toml` (short by default, every
//! option with `--full`), atomically, never over an existing file unless
//! `--force`.

use super::*;

/// What `mlint init` writes: only the keys a project usually sets, so every
/// other value (vocabulary, thresholds) stays the release's default and
/// later releases' additions apply. `mlint init --full` writes them all.
pub const STARTER_TOML: &str = r#"# mlint configuration. Only what this project changes is set here: every
# other option keeps mlint's default, so later releases' vocabulary and
# thresholds still apply. `mlint config` prints the effective configuration,
# `mlint init --full` a file with every option and its default.

# The convention checked: "recommended" or "strict" (every milestone has
# objectives, a success-criteria checklist, a duration and a documentation
# deliverable).
preset = "recommended"

# Globs of files and directories to skip, on top of .gitignore.
exclude = []

# Per-rule level: "error", "warning", "info" or "off", for one rule or a
# whole category. `mlint rules` lists them.
[rules]
# "duration/wide-range" = "off"
# "content/*" = "error"

# Words added to the defaults (a `[sections]` or `[keywords]` table would
# replace them instead):
# [extend.sections]
# success_criteria = ["Exit Gate"]
# [extend.keywords]
# milestone = ["Checkpoint"]
# [extend.status]
# done = ["landed"]
"#;

pub(super) fn init(args: InitArgs) -> Result<u8, Failure> {
    if args.path.exists() && !args.force {
        return Err(Failure::message(format!(
            "`{}` already exists (use --force to overwrite)",
            discover::display_path(&args.path)
        )));
    }
    let text = if args.full {
        crate::config::DEFAULT_TOML
    } else {
        STARTER_TOML
    };
    crate::output::write_atomically(&args.path, text).map_err(|e| cannot_write(&args.path, e))?;
    eprintln!("wrote {}", discover::display_path(&args.path));
    eprintln!(
        "preset in force: \"recommended\"; `preset = \"strict\"` asks every milestone for objectives, a success-criteria checklist, a duration and a documentation deliverable"
    );
    Ok(EXIT_OK)
}
