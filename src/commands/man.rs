//! `mlint man`: the man page on stdout, or with `--dir` one page per
//! command (`mlint.1`, `mlint-check.1`, …), generated from the clap
//! definitions.

use super::*;

pub(super) fn man(args: ManArgs) -> Result<u8, Failure> {
    let cmd = <Cli as clap::CommandFactory>::command();
    if let Some(dir) = &args.dir {
        std::fs::create_dir_all(dir)
            .and_then(|()| clap_mangen::generate_to(cmd, dir))
            .map_err(|e| cannot_write(dir, e))?;
        return Ok(EXIT_OK);
    }
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut out)
        .map_err(|e| Failure::message(e.to_string()))?;
    emit(&String::from_utf8_lossy(&out))?;
    Ok(EXIT_OK)
}
