//! The `mlint` binary: arguments → [`mlint::run`] → exit code.

use clap::Parser;

// Evaluation allocates many small values; mimalloc measured faster than the
// system allocator on the benchmark corpus (see README, Performance).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let cli = mlint::cli::Cli::parse();
    std::process::ExitCode::from(mlint::run(cli))
}
