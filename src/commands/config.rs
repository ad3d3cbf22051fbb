//! `mlint config`: the effective configuration as TOML, each value with
//! where it came from (a file and line, `--rule`, or the default).

use super::*;

pub(super) fn config_cmd(args: ConfigArgs) -> Result<u8, Failure> {
    let setup = setup(&args.policy, false, &[])?;
    let levels: Vec<(String, &'static str, String)> = catalog(&setup)
        .iter()
        .map(|r| {
            let origin = match setup.levels.origin(&r.id) {
                Some((true, key)) if key == r.id => "--rule".to_string(),
                Some((true, key)) => format!("--rule {key}"),
                Some((false, key)) => setup
                    .config
                    .origins
                    .get(&format!("rules.{key}"))
                    .cloned()
                    .unwrap_or_else(|| "configuration".to_string()),
                None => "default".to_string(),
            };
            (r.id.clone(), level_name(&setup, r), origin)
        })
        .collect();
    emit(&crate::config::effective_toml(&setup.config, &levels))?;
    Ok(EXIT_OK)
}
