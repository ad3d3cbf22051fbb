//! Where commands write: standard output that a closed pipe cannot crash,
//! and `--output` files replaced atomically through an exclusive temporary
//! file.
//!
//! Every command writes its stdout through [`Stdout`]: when the reader goes
//! away (`mlint rules | head -1`) later output is dropped and the command
//! ends as it would have, exit code included, instead of panicking like
//! `println!` does. A report for `--output FILE` is written by
//! [`Destination::open`]: to a regular file (or a path that does not exist
//! yet) through a temporary file created exclusively, under an
//! unpredictable name, in the same directory as the file a symbolic link
//! points at, then renamed over it; to anything else (a device such as
//! `/dev/null`, a FIFO, `/proc/self/fd/1`) in place, since replacing it
//! would turn it into a regular file; `-` is standard output. A pending
//! temporary file is removed when the run fails, and, on Unix, when SIGINT,
//! SIGTERM or SIGHUP end it (see [`PendingFile`]).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// Standard output that tolerates a reader going away. After a broken pipe
/// every write succeeds without writing, so a command runs to its end (for
/// `check`, to its summary and exit code) and exits quietly. Counts the
/// bytes it wrote.
pub struct Stdout {
    inner: io::StdoutLock<'static>,
    closed: bool,
    written: u64,
}

impl Stdout {
    /// Standard output, locked, behind a buffer.
    pub fn buffered() -> BufWriter<Stdout> {
        BufWriter::with_capacity(
            1 << 16,
            Stdout {
                inner: io::stdout().lock(),
                closed: false,
                written: 0,
            },
        )
    }

    /// Whether the reader went away.
    pub fn closed(&self) -> bool {
        self.closed
    }

    /// Bytes written so far.
    pub fn written(&self) -> u64 {
        self.written
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Ok(n) => {
                self.written += n as u64;
                Ok(n)
            }
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            Err(e) => Err(e),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.inner.flush() {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            result => result,
        }
    }
}

/// Writes `text` to standard output (see [`Stdout`]).
pub fn print(text: &str) -> io::Result<()> {
    let mut out = Stdout::buffered();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Temporary files not yet renamed into place, removed if a signal ends
/// the run (a signal skips destructors).
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Removes every pending temporary file: for a process about to end
/// without running destructors (the policy watchdog's abort hook).
pub fn remove_pending() {
    for path in pending().drain(..) {
        let _ = std::fs::remove_file(path);
    }
}

/// Starts, once, the thread that removes pending temporary files when
/// SIGINT, SIGTERM or SIGHUP arrive, then ends the process as the signal
/// would have (same signal, so the shell sees it).
#[cfg(unix)]
fn clean_up_on_signals() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            // Without the handler a signal leaves the temporary file.
            return;
        };
        let _ = std::thread::Builder::new()
            .name("mlint-signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    for path in pending().drain(..) {
                        let _ = std::fs::remove_file(path);
                    }
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    signal_hook::low_level::exit(128 + signal);
                }
            });
    });
}

#[cfg(not(unix))]
fn clean_up_on_signals() {}

/// A report written to an exclusive temporary file beside its destination
/// and renamed over it by [`PendingFile::commit`], so a reader never sees
/// half a report and a run that fails leaves the destination as it was.
///
/// The temporary file is created with `O_EXCL` under a random name
/// (`.NAME.XXXXXX.mlint.tmp`), so nothing planted under a predictable name
/// is followed. Dropped without a commit, it is removed; on Unix a
/// SIGINT, SIGTERM or SIGHUP removes it too. SIGKILL (or a crash of the
/// machine) can leave it behind.
pub struct PendingFile {
    path: PathBuf,
    file: BufWriter<tempfile::NamedTempFile>,
    _registered: Registered,
}

/// A temporary file's place in [`PENDING`], given up when dropped: the
/// file is then renamed or removed.
struct Registered(PathBuf);

impl Drop for Registered {
    fn drop(&mut self) {
        pending().retain(|p| *p != self.0);
    }
}

impl PendingFile {
    /// Creates the temporary file for `path`, which is a regular file or
    /// does not exist. A symbolic link is followed: the file it points at
    /// is replaced, the link stays.
    pub fn create(path: &Path) -> io::Result<PendingFile> {
        let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let dir = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "report".into());
        let mut builder = tempfile::Builder::new();
        let prefix = format!(".{name}.");
        builder.prefix(&prefix).suffix(".mlint.tmp");
        // The report keeps the permissions of the file it replaces; a new
        // one gets what `File::create` would give (0666 less the umask).
        #[cfg(unix)]
        let permissions = {
            use std::os::unix::fs::PermissionsExt;
            std::fs::metadata(&target)
                .map(|m| m.permissions())
                .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o666))
        };
        #[cfg(unix)]
        builder.permissions(permissions);
        clean_up_on_signals();
        let file = builder.tempfile_in(dir)?;
        pending().push(file.path().to_path_buf());
        Ok(PendingFile {
            path: target,
            _registered: Registered(file.path().to_path_buf()),
            file: BufWriter::with_capacity(1 << 16, file),
        })
    }

    /// The file the report replaces.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes out what is buffered and renames the file into place.
    pub fn commit(self) -> io::Result<()> {
        let PendingFile {
            path,
            file,
            _registered,
        } = self;
        let file = file.into_inner().map_err(|e| e.into_error())?;
        // Renamed, or removed when the failed persist's file is dropped.
        file.persist(&path).map(drop).map_err(|e| e.error)
    }
}

impl Write for PendingFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Where a report goes.
pub enum Destination {
    /// Standard output (no `--output`, or `--output -`).
    Stdout(BufWriter<Stdout>),
    /// A regular file, replaced atomically.
    File(PendingFile),
    /// Something that is not a regular file (a device, a FIFO), written in
    /// place.
    InPlace {
        /// The path as given.
        path: PathBuf,
        /// The open file.
        file: BufWriter<File>,
    },
}

impl Destination {
    /// The destination for `--output`: `None` or `-` is standard output.
    pub fn open(output: Option<&Path>) -> io::Result<Destination> {
        let Some(path) = output.filter(|p| *p != Path::new("-")) else {
            return Ok(Destination::Stdout(Stdout::buffered()));
        };
        match std::fs::metadata(path) {
            // Follows symbolic links: `/proc/self/fd/1` is a pipe or a
            // terminal, and written to as it is.
            Ok(meta) if !meta.is_file() && !meta.is_dir() => {
                let file = std::fs::OpenOptions::new().write(true).open(path)?;
                Ok(Destination::InPlace {
                    path: path.to_path_buf(),
                    file: BufWriter::with_capacity(1 << 16, file),
                })
            }
            Ok(meta) if meta.is_dir() => Err(io::Error::other("is a directory")),
            _ => Ok(Destination::File(PendingFile::create(path)?)),
        }
    }

    /// The file written to, when it is not standard output.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Destination::Stdout(_) => None,
            Destination::File(file) => Some(file.path()),
            Destination::InPlace { path, .. } => Some(path),
        }
    }

    /// Bytes written to standard output, when that is where this goes.
    pub fn stdout_written(&self) -> Option<u64> {
        match self {
            Destination::Stdout(out) => Some(out.get_ref().written()),
            _ => None,
        }
    }

    /// Gives up on an incomplete report: what went to standard output or
    /// in place is flushed, a pending file is removed.
    pub fn abandon(self) {
        match self {
            Destination::Stdout(mut out) => drop(out.flush()),
            Destination::File(file) => drop(file),
            Destination::InPlace { mut file, .. } => drop(file.flush()),
        }
    }

    /// Finishes the report: flushes it and, for a file, renames it into
    /// place.
    pub fn finish(self) -> io::Result<()> {
        match self {
            Destination::Stdout(mut out) => out.flush(),
            Destination::File(file) => file.commit(),
            Destination::InPlace { mut file, .. } => file.flush(),
        }
    }
}

impl Write for Destination {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Destination::Stdout(out) => out.write(buf),
            Destination::File(file) => file.write(buf),
            Destination::InPlace { file, .. } => file.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Destination::Stdout(out) => out.flush(),
            Destination::File(file) => file.flush(),
            Destination::InPlace { file, .. } => file.flush(),
        }
    }
}

/// Writes `text` to `path` atomically (see [`PendingFile`]).
pub fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    let mut file = PendingFile::create(path)?;
    file.write_all(text.as_bytes())?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pending_file_is_removed_unless_committed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        let mut file = PendingFile::create(&path).unwrap();
        file.write_all(b"half").unwrap();
        assert_eq!(pending().len(), 1);
        drop(file);
        assert!(pending().is_empty());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        write_atomically(&path, "whole").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "whole");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
