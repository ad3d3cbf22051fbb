//! `mlint explain RULE`: a rule's documentation; RULE may be a unique
//! suffix of its id.

use super::*;

pub(super) fn explain(args: ExplainArgs) -> Result<u8, Failure> {
    let setup = setup(&args.policy, false, &[])?;
    let rules = catalog(&setup);
    let ids: Vec<String> = rules.iter().map(|r| r.id.clone()).collect();
    let id = crate::suggest::resolve_id(&args.rule, &ids).map_err(Failure::message)?;
    let Some(rule) = rules.iter().find(|r| r.id == id) else {
        return Err(Failure::message(format!("no rule `{id}`")));
    };
    emit(&crate::policy::docs::explain(rule, &setup.config.data))?;
    Ok(EXIT_OK)
}
