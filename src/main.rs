//! The `mlint` binary: arguments → [`mlint::run`] → exit code.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = mlint::cli::Cli::parse();
    std::process::ExitCode::from(mlint::run(cli))
}
