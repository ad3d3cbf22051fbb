//! `mlint schema`: the JSON Schema of the `mlint parse` document.

use super::*;

pub(super) fn schema() -> Result<u8, Failure> {
    emit(crate::schema::SCHEMA_JSON)?;
    Ok(EXIT_OK)
}
