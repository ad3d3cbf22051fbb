//! Building the regorus engine: mlint's extensions and wrapped builtins
//! registered, each policy added (after the checks regorus's parser needs
//! first), the configuration added as data, and the time limit set.

use super::error::PolicyError;
use super::file::PolicyFile;
use regorus::Engine;
use std::time::Duration;

/// The regorus engine with every policy and the configuration added. Built
/// at load, except when the rules run on the program compiled at build time:
/// then only if a file needs the interpreter (after an RVM error), which
/// saves parsing the policies on every run.
pub(super) struct LazyEngine {
    pub(super) engine: std::sync::OnceLock<Result<Engine, String>>,
    pub(super) files: Vec<PolicyFile>,
    pub(super) data: regorus::Value,
    pub(super) timeout: Option<Duration>,
}

impl LazyEngine {
    pub(super) fn get(&self) -> Result<&Engine, PolicyError> {
        self.engine
            .get_or_init(|| {
                let (mut engine, mut errors) = new_engine(self.timeout, None);
                for file in &self.files {
                    errors.extend(add_policy(&mut engine, file, &self.files).err());
                }
                errors.extend(add_data(&mut engine, &self.data).err());
                match errors.first() {
                    None => Ok(engine),
                    Some(e) => Err(e.to_string()),
                }
            })
            .as_ref()
            .map_err(|e| PolicyError::plain(format!("cannot load the policies: {e}")))
    }
}

/// Adds one policy file; an error names its place among `files`. A file
/// nested deeper than regorus's parser can take is refused before it sees
/// it (see `syntax::nesting`).
pub(super) fn add_policy(
    engine: &mut Engine,
    file: &PolicyFile,
    files: &[PolicyFile],
) -> Result<(), PolicyError> {
    if let Some((line, column)) = super::syntax::nesting(&file.source) {
        let mut e = PolicyError::in_file(
            &file.path,
            &file.source,
            Some(line),
            format!(
                "brackets nest deeper than {} levels here; mlint refuses such policies (parsing them takes time exponential in the depth)",
                super::syntax::MAX_NESTING
            ),
        );
        e.position = Some((line, column));
        return Err(e);
    }
    engine
        .add_policy(file.path.clone(), file.source.clone())
        .map(|_| ())
        .map_err(|e| PolicyError::from_regorus(&e, files, None))
}

/// Adds the configuration (`data.mlint.config`).
pub(super) fn add_data(engine: &mut Engine, data: &regorus::Value) -> Result<(), PolicyError> {
    engine
        .add_data(data.clone())
        .map_err(|e| PolicyError::plain(format!("cannot load configuration data: {e}")))
}

/// regorus's time limit for one evaluation, checked every 1,000 steps.
pub(super) fn timer(
    timeout: Option<Duration>,
) -> Option<regorus::utils::limits::ExecutionTimerConfig> {
    timeout.map(|limit| regorus::utils::limits::ExecutionTimerConfig {
        limit,
        check_interval: std::num::NonZeroU32::new(1000).expect("non-zero"),
    })
}

/// A regorus engine with mlint's extensions: bounded `numbers.range`, cached
/// `regex.*` and, for `mlint test`, `mlint.parse_markdown` with `options`.
pub(super) fn new_engine(
    timeout: Option<Duration>,
    parse_markdown: Option<crate::document::ParseOptions>,
) -> (Engine, Vec<PolicyError>) {
    let mut engine = Engine::new();
    engine.set_rego_v0(false);
    if let Some(timer) = timer(timeout) {
        engine.set_execution_timer_config(timer);
    }
    let mut errors = Vec::new();
    if let Err(e) = super::limits::register(&mut engine) {
        errors.push(PolicyError::plain(format!(
            "cannot register numbers.range: {e}"
        )));
    }
    if let Err(e) = super::guards::register(&mut engine) {
        errors.push(PolicyError::plain(format!(
            "cannot register guarded builtins: {e}"
        )));
    }
    if let Err(e) = super::fastregex::register(&mut engine) {
        errors.push(PolicyError::plain(format!(
            "cannot register regex functions: {e}"
        )));
    }
    if let Some(options) = parse_markdown {
        let extension = move |args: Vec<regorus::Value>| -> anyhow::Result<regorus::Value> {
            let text = match args.first() {
                Some(regorus::Value::String(s)) => s.to_string(),
                _ => anyhow::bail!("mlint.parse_markdown expects a string of Markdown"),
            };
            Ok(super::value::to_value(&crate::document::parse(
                "test.md", &text, &options,
            ))?)
        };
        if let Err(e) =
            engine.add_extension("mlint.parse_markdown".to_string(), 1, Box::new(extension))
        {
            errors.push(PolicyError::plain(format!(
                "cannot register mlint.parse_markdown: {e}"
            )));
        }
    }
    (engine, errors)
}
