//! `mlint completions SHELL`: the shell completion script, generated from
//! the clap definitions.

use super::*;

pub(super) fn completions(args: CompletionsArgs) -> Result<u8, Failure> {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "mlint", &mut script);
    emit(&String::from_utf8_lossy(&script))?;
    Ok(EXIT_OK)
}
