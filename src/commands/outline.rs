//! `mlint outline`: what mlint read of each file, one unit per line, or as
//! JSON.

use super::*;

/// `mlint outline`: each file's units, one file at a time in path order.
/// A file that cannot be read is reported on stderr after the others (exit
/// 2); a reader that goes away (`mlint outline docs | head`) ends the run
/// quietly.
pub(super) fn outline(args: OutlineArgs) -> Result<u8, Failure> {
    use serde::ser::{SerializeSeq, Serializer};
    let config = load_config(&args.policy)?;
    let targets = discover::discover(&args.paths, &discover_options(&config)?)
        .map_err(|errs| Failure::Messages(errs.iter().map(|e| e.to_string()).collect()))?;
    let options = config.parse_options();
    let mut problems = Vec::new();
    let mut docs = targets
        .iter()
        .filter_map(|target| match read_markdown(&target.path) {
            Ok(source) => Some(document::parse(&target.display, &source, &options)),
            Err(problem) => {
                problems.push(problem);
                None
            }
        });
    let mut out = Stdout::buffered();
    let written = (|| -> io::Result<()> {
        match args.format {
            OutlineFormat::Json => {
                let mut json = serde_json::Serializer::pretty(&mut out);
                let mut seq = json.serialize_seq(None)?;
                for doc in docs.by_ref() {
                    seq.serialize_element(&crate::outline::Outline::of(&doc))?;
                }
                seq.end()?;
                writeln!(out)
            }
            OutlineFormat::Human => {
                for (i, doc) in docs.by_ref().enumerate() {
                    if i > 0 {
                        writeln!(out)?;
                    }
                    crate::outline::Outline::of(&doc).write_human(&mut out)?;
                    if out.get_ref().closed() {
                        break;
                    }
                }
                Ok(())
            }
        }
    })();
    drop(docs);
    written
        .and_then(|()| out.flush())
        .map_err(|e| Failure::message(format!("cannot write the outline to stdout: {e}")))?;
    if problems.is_empty() {
        Ok(EXIT_OK)
    } else {
        Err(Failure::Messages(problems))
    }
}
