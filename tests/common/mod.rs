//! Helpers shared by the end-to-end test files: run the built `mlint` in a
//! directory with the CI variables of the outer environment removed,
//! capture what it printed, and write fixtures into temporary directories.

// Each test file is its own crate and uses a subset of these.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tempfile::TempDir;

/// A hang fails the test after this long instead of blocking the suite.
pub const HANG: Duration = Duration::from_secs(120);

/// `mlint` run in `dir`, without the CI variables of the outer environment.
pub fn mlint_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mlint").expect("the mlint binary is built");
    cmd.current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("NO_COLOR")
        .timeout(HANG);
    cmd
}

/// What a run produced: its exit code (-1 when a signal ended it) and its
/// two output streams (bytes that are not UTF-8 replaced).
#[derive(Debug)]
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    /// Non-empty stdout lines.
    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().filter(|l| !l.is_empty()).collect()
    }

    /// stderr with miette's line wrapping undone, so a message can be
    /// matched whole (messages are wrapped at 100 columns, after a space or
    /// a hyphen).
    pub fn stderr_flat(&self) -> String {
        self.stderr.replace("-\n  │ ", "-").replace("\n  │ ", " ")
    }
}

/// `mlint ARGS…` in `dir`.
pub fn run(dir: &Path, args: &[&str]) -> Out {
    run_cmd(mlint_in(dir).args(args))
}

/// Runs a prepared command.
pub fn run_cmd(cmd: &mut Command) -> Out {
    let output = cmd.output().expect("mlint runs");
    Out {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Writes `text` to `dir/rel`, creating directories; returns the path.
pub fn write(dir: &Path, rel: impl AsRef<Path>, text: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("create dirs");
    std::fs::write(&path, text).expect("write fixture");
    path
}

pub fn tempdir() -> TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

/// Parses JSON output, showing it when it is not JSON.
pub fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}
