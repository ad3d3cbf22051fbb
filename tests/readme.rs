//! The README's `console` examples are what the commands print: each block's
//! `$ mlint …` lines are run from the repository root with the release's
//! binary, and their output (stdout, then stderr) must be the lines that
//! follow, up to the next `$` line. Trailing spaces are ignored, since
//! editors strip them from Markdown.

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One `$ mlint ARGS` line and the output shown under it.
struct Example {
    line: usize,
    args: Vec<String>,
    expected: String,
}

/// Splits like a shell for the simple words README commands use: spaces,
/// and single or double quotes around a word with spaces.
fn words(command: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut started = false;
    for c in command.chars() {
        match (quote, c) {
            (None, '\'' | '"') => {
                quote = Some(c);
                started = true;
            }
            (Some(q), c) if c == q => quote = None,
            (None, ' ') => {
                if started {
                    out.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            (_, c) => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        out.push(word);
    }
    out
}

fn examples(readme: &str) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    let mut in_console = false;
    for (i, line) in readme.lines().enumerate() {
        if line.starts_with("```") {
            in_console = line == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            let args = words(command);
            assert_eq!(
                args.first().map(String::as_str),
                Some("mlint"),
                "README.md:{}: a console example runs something other than mlint",
                i + 1
            );
            out.push(Example {
                line: i + 1,
                args: args[1..].to_vec(),
                expected: String::new(),
            });
        } else if let Some(example) = out.last_mut() {
            example.expected.push_str(line.trim_end());
            example.expected.push('\n');
        }
    }
    out
}

fn trimmed(text: &str) -> String {
    text.lines()
        .map(|l| l.trim_end().to_string() + "\n")
        .collect()
}

#[test]
fn every_console_example_in_the_readme_prints_what_it_shows() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let examples = examples(&readme);
    assert!(!examples.is_empty(), "the README has no console example");
    for example in examples {
        let output = Command::new(env!("CARGO_BIN_EXE_mlint"))
            .args(&example.args)
            .current_dir(root())
            .env("NO_COLOR", "1")
            .env_remove("GITHUB_ACTIONS")
            .env_remove("GITHUB_STEP_SUMMARY")
            .output()
            .unwrap();
        let mut printed = String::from_utf8_lossy(&output.stdout).into_owned();
        if !printed.is_empty() && !printed.ends_with('\n') {
            printed.push('\n');
        }
        printed.push_str(&String::from_utf8_lossy(&output.stderr));
        assert_eq!(
            trimmed(&printed),
            example.expected,
            "README.md:{}: `mlint {}` prints something else",
            example.line,
            example.args.join(" ")
        );
    }
}

#[test]
fn words_are_split_like_a_shell_splits_them() {
    assert_eq!(
        words("mlint check 'a b' \"c\"  d"),
        ["mlint", "check", "a b", "c", "d"]
    );
}
