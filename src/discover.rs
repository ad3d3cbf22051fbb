//! Paths on the command line → the sorted list of Markdown files to lint.
//!
//! Directories are walked for `*.md` and `*.markdown` (or the configured
//! `include` globs), honouring `.gitignore`, `.ignore` and global git
//! excludes (also outside a git repository) and skipping hidden entries. An
//! explicitly named file or directory is always linted, unless `force_exclude`
//! is set and an `exclude` glob matches it (pre-commit passes file names
//! explicitly); below a named directory, globs judge only the paths inside it.
//! The result is sorted and de-duplicated, so output never depends on the
//! order the file system returns entries in.
//!
//! Nothing is skipped in silence: a directory the walk cannot read, and a
//! named path that is not a regular file (a FIFO, a device), become targets
//! that carry why they cannot be read, and the check reports each as
//! `input/unreadable`. [`read_file`] opens without blocking and reads only
//! regular files, so a file replaced by a FIFO after discovery cannot hang
//! the run.

use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

/// A file to lint.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Target {
    /// The path shown in reports: relative to the working directory when it
    /// is below it, without a leading `./`, escaped (see [`display_path`]).
    pub display: String,
    /// The path to open.
    pub path: PathBuf,
    /// Why the walk could not read this path (a directory it could not
    /// list): reported as `input/unreadable` instead of reading it.
    pub unreadable: Option<String>,
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
/// it, no leading `./`, and escaped so that it prints as one inert line and
/// two paths never show the same (see [`crate::escape::path_text`]).
pub fn display_path(path: &Path) -> String {
    let s = crate::escape::path_text(&shown_path(path));
    if s.is_empty() { ".".to_string() } else { s }
}

/// `path` relative to the working directory when below it, without a
/// leading `./`: what [`display_path`] shows and globs match.
fn shown_path(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().ok();
    let mut shown = match (&cwd, path.is_absolute()) {
        (Some(cwd), true) => path.strip_prefix(cwd).unwrap_or(path),
        _ => path,
    };
    while let Ok(rest) = shown.strip_prefix(".") {
        shown = rest;
    }
    shown.to_path_buf()
}

/// `path` as globs see it: `/`-separated on every platform (on Unix a `\`
/// stays a file-name character).
fn glob_text(path: &Path) -> String {
    let s = path.to_string_lossy();
    if cfg!(windows) {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    }
}

/// The bytes of the regular file at `path`. Opened without blocking (a
/// FIFO or a device put where a file was would otherwise block the open or
/// the read forever), then checked through the open handle, so what is
/// read is what was checked.
pub fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let mut file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other(format!(
            "not a regular file ({})",
            kind_of(&meta)
        )));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(1 << 30) as usize);
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// What kind of file system object `meta` describes, in words.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a file"
}

/// `path` relative to the configuration's directory, if it is below it.
fn relative_to_base(opts: &DiscoverOptions, path: &Path) -> Option<String> {
    let base = opts.base.as_ref()?;
    let canonical = std::fs::canonicalize(path).ok()?;
    Some(glob_text(canonical.strip_prefix(base).ok()?))
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
        // Anything named that is not a directory is linted, or reported
        // when it is not a regular file (a FIFO, a device) and cannot be.
        if !meta.is_dir() {
            if !(opts.force_exclude && excluded_any(opts, path, &[&glob_text(&shown_path(path))])) {
                targets.push(Target {
                    display: shown,
                    path: path.clone(),
                    unreadable: None,
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
    // A directory named on the command line is linted even when an `exclude`
    // glob covers it, as a named file is (unless `--force-exclude`): the
    // globs then only judge the paths below it.
    // A glob covers it when it matches the directory or what lies in it
    // (`docs/**` matches `docs/-` but not `docs`).
    let named = glob_text(&shown_path(root));
    let inside = |dir: &str| match dir {
        "" | "." => "-".to_string(),
        dir => format!("{}/-", dir.trim_end_matches('/')),
    };
    let named_excluded = !opts.force_exclude
        && !opts.exclude.is_empty()
        && (excluded_any(opts, root, &[&named])
            || excluded(opts, &inside(&named))
            || relative_to_base(opts, root).is_some_and(|r| excluded(opts, &inside(&r))));
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .git_global(true)
        .git_exclude(true)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                out.push(walk_error(root, &e));
                continue;
            }
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        let rel_to_root = glob_text(path.strip_prefix(root).unwrap_or(path));
        let shown = display_path(path);
        let plain = glob_text(&shown_path(path));
        let based = relative_to_base(opts, path);
        let included = opts.include.is_match(&rel_to_root)
            || opts.include.is_match(&plain)
            || based.as_ref().is_some_and(|b| opts.include.is_match(b));
        if !included {
            continue;
        }
        let skip = if named_excluded {
            excluded(opts, &rel_to_root)
        } else {
            excluded_any(opts, path, &[&rel_to_root, &plain])
        };
        if skip {
            continue;
        }
        out.push(Target {
            display: shown,
            path: path.to_path_buf(),
            unreadable: None,
        });
    }
}

/// The operating system's error code somewhere in `e`'s chain of causes.
fn os_error(e: &(dyn std::error::Error + 'static)) -> Option<i32> {
    if let Some(io) = e.downcast_ref::<std::io::Error>() {
        if let Some(code) = io.raw_os_error() {
            return Some(code);
        }
        if let Some(code) = io.get_ref().and_then(|inner| os_error(inner)) {
            return Some(code);
        }
    }
    e.source().and_then(os_error)
}

/// A target for what the walk below `root` could not read: the path the
/// error names (or `root`), and why.
fn walk_error(root: &Path, e: &ignore::Error) -> Target {
    fn path_of(e: &ignore::Error) -> Option<&Path> {
        match e {
            ignore::Error::WithPath { path, .. } => Some(path),
            ignore::Error::Loop { child, .. } => Some(child),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                path_of(err)
            }
            ignore::Error::Partial(errs) => errs.iter().find_map(path_of),
            _ => None,
        }
    }
    let path = path_of(e).unwrap_or(root).to_path_buf();
    let display = display_path(&path);
    // The operating system's words, without the walker's own wrapping.
    let why = match e.io_error() {
        Some(io) => match os_error(io) {
            Some(code) => std::io::Error::from_raw_os_error(code).to_string(),
            None => io.to_string(),
        },
        None => e.to_string(),
    };
    Target {
        unreadable: Some(format!("cannot read `{display}`: {why}")),
        display,
        path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_paths_are_clean() {
        assert_eq!(display_path(Path::new("./docs/a.md")), "docs/a.md");
        assert_eq!(display_path(Path::new("././a.md")), "a.md");
        assert_eq!(display_path(Path::new(".")), ".");
        assert_eq!(display_path(Path::new("./.hidden/a.md")), ".hidden/a.md");
    }

    #[test]
    fn a_walk_error_is_a_target_that_says_why() {
        let e = ignore::Error::WithPath {
            path: PathBuf::from("docs/private"),
            err: Box::new(ignore::Error::Io(std::io::Error::from(
                std::io::ErrorKind::PermissionDenied,
            ))),
        };
        let target = walk_error(Path::new("docs"), &e);
        assert_eq!(target.display, "docs/private");
        assert_eq!(
            target.unreadable.as_deref(),
            Some("cannot read `docs/private`: permission denied")
        );
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
