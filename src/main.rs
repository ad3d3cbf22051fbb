//! The `mlint` binary: arguments → [`mlint::run`] → exit code.

use clap::Parser;

// Evaluation allocates many small values; mimalloc measured faster than the
// system allocator on the benchmark corpus (see README, Performance).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Keeps memory flat: mimalloc asks for transparent huge pages on its arenas
/// (`madvise`), so with THP enabled each touched 2 MiB stays resident, and
/// 10,000 files peaked at 64 MB instead of 19 MB (docs/performance.md).
/// `PR_SET_THP_DISABLE` opts this process out, whatever the system or
/// `MIMALLOC_ALLOW_THP` say; the kernel honours it for mappings made before
/// (mimalloc's first arena) as well as after.
#[cfg(target_os = "linux")]
fn no_huge_pages() {
    const PR_SET_THP_DISABLE: std::ffi::c_int = 41;
    unsafe extern "C" {
        fn prctl(option: std::ffi::c_int, ...) -> std::ffi::c_int;
    }
    // SAFETY: prctl with this option only sets a flag of the calling
    // process; a failure (an old kernel) leaves THP as it was.
    unsafe {
        prctl(
            PR_SET_THP_DISABLE,
            1 as std::ffi::c_ulong,
            0 as std::ffi::c_ulong,
            0 as std::ffi::c_ulong,
            0 as std::ffi::c_ulong,
        );
    }
}

#[cfg(not(target_os = "linux"))]
fn no_huge_pages() {}

fn main() -> std::process::ExitCode {
    no_huge_pages();
    // regorus reports parse and evaluation failures it recovers from as
    // `anyhow` errors, and `anyhow` captures a backtrace for each one when
    // `RUST_BACKTRACE` is set (common in developers' shells): 12% of a
    // one-file run. mlint never shows those backtraces; panics still honour
    // `RUST_BACKTRACE`, which this does not touch.
    if std::env::var_os("RUST_LIB_BACKTRACE").is_none() {
        // SAFETY: first thing in `main`, before any other thread exists.
        unsafe { std::env::set_var("RUST_LIB_BACKTRACE", "0") };
    }
    let cli = mlint::cli::Cli::parse();
    std::process::ExitCode::from(mlint::run(cli))
}
