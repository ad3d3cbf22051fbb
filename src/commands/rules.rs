//! `mlint rules`: every rule with its effective level and title, as a
//! table or JSON.

use super::*;

pub(super) fn rules(args: RulesArgs) -> Result<u8, Failure> {
    let setup = setup(&args.policy, false, &[])?;
    let rules = catalog(&setup);
    match args.format {
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = rules
                .iter()
                .map(|r| serde_json::json!({"id": r.id, "level": level_name(&setup, r), "default_level": r.default_level.as_str(), "title": r.title, "origin": r.origin, "file": r.file}))
                .collect();
            emit(&format!(
                "{}\n",
                serde_json::to_string_pretty(&list).unwrap_or_default()
            ))?;
        }
        ListFormat::Text => {
            let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
            let mut table = String::new();
            for r in &rules {
                table.push_str(&format!(
                    "{:width$}  {:7}  {}\n",
                    r.id,
                    level_name(&setup, r),
                    r.title
                ));
            }
            emit(&table)?;
        }
    }
    Ok(EXIT_OK)
}
