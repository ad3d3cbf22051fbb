//! Paths on the command line → the sorted list of Markdown files to lint.
//!
//! Directories are walked for `*.md` and `*.markdown` (or the configured
//! `include` globs), honouring `.gitignore`, `.ignore` and global git
//! excludes (also outside a git repository) and skipping hidden entries. An
//! explicitly named file is always linted, unless `force_exclude` is set and
//! an `exclude` glob matches it (pre-commit passes file names explicitly).
//! The result is sorted and de-duplicated, so output never depends on the
//! order the file system returns entries in.

use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

/// A file to lint.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Target {
    /// The path shown in reports: relative to the working directory when it
    /// is below it, with `/` separators, without a leading `./`.
    pub display: String,
    /// The path to open.
    pub path: PathBuf,
}

/// How to walk.
#[derive(Clone, Debug)]
pub struct DiscoverOptions {
    /// Globs a walked file must match (matched against the path relative to
    /// the walk root and to the working directory).
    pub include: GlobSet,
    /// Globs that remove files and directories.
    pub exclude: GlobSet,
    /// Apply `exclude` to explicitly named files too.
    pub force_exclude: bool,
    /// The configuration file's directory (canonical): globs are also
    /// matched against paths relative to it.
    pub base: Option<PathBuf>,
}

impl Default for DiscoverOptions {
    fn default() -> Self {
        DiscoverOptions {
            include: globs(&["**/*.md", "**/*.markdown"]).expect("valid default globs"),
            exclude: GlobSet::empty(),
            force_exclude: false,
            base: None,
        }
    }
}

/// Builds a glob set; the error names the bad glob.
pub fn globs<S: AsRef<str>>(patterns: &[S]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        let glob =
            Glob::new(p.as_ref()).map_err(|e| format!("invalid glob `{}`: {e}", p.as_ref()))?;
        builder.add(glob);
    }
    builder.build().map_err(|e| e.to_string())
}

/// A command-line path that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiscoverError {
    /// The path as given.
    pub path: String,
    /// Why.
    pub message: String,
}

impl std::fmt::Display for DiscoverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// The path shown for `path`: relative to the working directory when below
/// it, `/`-separated, no leading `./`.
pub fn display_path(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let shown = match (&cwd, path.is_absolute()) {
        (Some(cwd), true) => path.strip_prefix(cwd).unwrap_or(path),
        _ => path,
    };
    let mut s = shown.to_string_lossy().replace('\\', "/");
    while let Some(rest) = s.strip_prefix("./") {
        s = rest.to_string();
    }
    if s.is_empty() { ".".to_string() } else { s }
}

/// `path` relative to the configuration's directory, if it is below it.
fn relative_to_base(opts: &DiscoverOptions, path: &Path) -> Option<String> {
    let base = opts.base.as_ref()?;
    let canonical = std::fs::canonicalize(path).ok()?;
    Some(
        canonical
            .strip_prefix(base)
            .ok()?
            .to_string_lossy()
            .replace('\\', "/"),
    )
}

fn excluded_any(opts: &DiscoverOptions, path: &Path, candidates: &[&str]) -> bool {
    if opts.exclude.is_empty() {
        return false;
    }
    candidates.iter().any(|c| excluded(opts, c))
        || relative_to_base(opts, path).is_some_and(|r| excluded(opts, &r))
}

fn excluded(opts: &DiscoverOptions, rel: &str) -> bool {
    if opts.exclude.is_empty() {
        return false;
    }
    // A glob excludes a file when it matches the file or any directory above it.
    let mut candidate = rel;
    loop {
        if opts.exclude.is_match(candidate) {
            return true;
        }
        match candidate.rfind('/') {
            Some(i) => candidate = &candidate[..i],
            None => return false,
        }
    }
}

/// Resolves command-line paths into the files to lint. Every bad path is
/// reported, not only the first.
pub fn discover(
    paths: &[PathBuf],
    opts: &DiscoverOptions,
) -> Result<Vec<Target>, Vec<DiscoverError>> {
    let mut targets = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let shown = display_path(path);
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                let message = if e.kind() == std::io::ErrorKind::NotFound {
                    "no such file or directory".to_string()
                } else {
                    e.to_string()
                };
                errors.push(DiscoverError {
                    path: shown,
                    message,
                });
                continue;
            }
        };
        if meta.is_file() {
            if !(opts.force_exclude && excluded_any(opts, path, &[&shown])) {
                targets.push(Target {
                    display: shown,
                    path: path.clone(),
                });
            }
            continue;
        }
        walk(path, opts, &mut targets);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    targets.sort();
    targets.dedup_by(|a, b| a.display == b.display);
    Ok(targets)
}

fn walk(root: &Path, opts: &DiscoverOptions, out: &mut Vec<Target>) {
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .git_global(true)
        .git_exclude(true)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker.flatten() {
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        let rel_to_root = path
            .strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let shown = display_path(path);
        let based = relative_to_base(opts, path);
        let included = opts.include.is_match(&rel_to_root)
            || opts.include.is_match(&shown)
            || based.as_ref().is_some_and(|b| opts.include.is_match(b));
        if !included {
            continue;
        }
        if excluded_any(opts, path, &[&rel_to_root, &shown]) {
            continue;
        }
        out.push(Target {
            display: shown,
            path: path.to_path_buf(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_paths_are_clean() {
        assert_eq!(display_path(Path::new("./docs/a.md")), "docs/a.md");
        assert_eq!(display_path(Path::new(".")), ".");
    }

    #[test]
    fn exclude_matches_parent_directories() {
        let opts = DiscoverOptions {
            exclude: globs(&["vendor"]).unwrap(),
            ..Default::default()
        };
        assert!(excluded(&opts, "vendor/x/a.md"));
        assert!(!excluded(&opts, "docs/vendor.md"));
    }
}
