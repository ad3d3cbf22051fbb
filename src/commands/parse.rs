//! `mlint parse FILE`: the JSON document policies receive as `input`.

use super::*;

pub(super) fn parse(args: ParseArgs) -> Result<u8, Failure> {
    let config = load_config(&args.policy)?;
    let source = read_markdown(&args.file).map_err(Failure::message)?;
    let doc = document::parse(
        &discover::display_path(&args.file),
        &source,
        &config.parse_options(),
    );
    let json = doc.to_json();
    let text = if args.compact {
        serde_json::to_string(&json)
    } else {
        serde_json::to_string_pretty(&json)
    };
    let text = text.map_err(|e| Failure::message(e.to_string()))?;
    emit(&format!("{text}\n"))?;
    Ok(EXIT_OK)
}
