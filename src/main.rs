//! The `mlint` binary: arguments → [`mlint::run`] → exit code.

use clap::Parser;

// Evaluation allocates many small values; mimalloc measured faster than the
// system allocator on the benchmark corpus (see README, Performance).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
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
