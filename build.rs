//! Embeds the bundled policies (`policies/**/*.rego`) in the binary.
//!
//! Writes `$OUT_DIR/bundled.rs` with one `(path, source)` pair per file,
//! sorted by path so the engine is built the same way on every machine, and
//! `$OUT_DIR/bundled.rvm`: the bundled rules compiled for regorus's virtual
//! machine, so that a run with only the bundled policies starts without
//! compiling them (about a third of a one-file run). The program does not
//! depend on the configuration, which the VM receives as data. If compiling
//! fails here, the file is empty and mlint compiles at run time, as it does
//! whenever user policies are loaded.
//!
//! It also writes `$OUT_DIR/catalog.rs`: each bundled file's `# METADATA`
//! block, parsed here by the module mlint reads user policies' blocks with
//! (`src/policy/metadata.rs`), so that a run with only the bundled policies
//! parses no YAML. A block that does not parse is left to run time, which
//! reports it as it reports a user's.

use std::path::{Path, PathBuf};

#[allow(dead_code)]
#[path = "src/policy/metadata.rs"]
mod metadata;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rego") {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets this"));
    let policies = root.join("policies");
    println!("cargo:rerun-if-changed=policies");
    println!("cargo:rerun-if-changed=src/policy/metadata.rs");
    let mut files = Vec::new();
    collect(&policies, &mut files);
    files.sort();
    let mut code = String::from(
        "/// Bundled policy files: (path relative to the repo, source).\npub static BUNDLED: &[(&str, &str)] = &[\n",
    );
    for file in &files {
        let rel = file
            .strip_prefix(&root)
            .expect("under the manifest dir")
            .to_string_lossy()
            .replace('\\', "/");
        code.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            file.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets this"));
    std::fs::write(out_dir.join("bundled.rs"), code).expect("OUT_DIR is writable");
    std::fs::write(out_dir.join("catalog.rs"), catalog(&root, &files))
        .expect("OUT_DIR is writable");
    let program = match compile_rules(&root, &files) {
        Ok(bytes) => bytes,
        Err(e) => {
            println!(
                "cargo:warning=bundled rules not precompiled (mlint will compile them at run time): {e}"
            );
            Vec::new()
        }
    };
    std::fs::write(out_dir.join("bundled.rvm"), program).expect("OUT_DIR is writable");
}

/// `CATALOG`: per bundled file, sorted by path (as a string), its path, its
/// text and its METADATA block with the line it starts on (`Some(None)`
/// without a block, `None` when the block does not parse).
fn catalog(root: &Path, files: &[PathBuf]) -> String {
    let mut entries: Vec<(String, String)> = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(root)
            .expect("under the manifest dir")
            .to_string_lossy()
            .replace('\\', "/");
        let source = std::fs::read_to_string(file).unwrap_or_default();
        let meta = match metadata::parse(&source) {
            Ok(Some((meta, line))) => format!(
                "Some(Some(({}, {line})))",
                metadata::StaticMetadata::source_of(&meta)
            ),
            Ok(None) => "Some(None)".to_string(),
            Err(_) => "None".to_string(),
        };
        let entry = format!(
            "    ({rel:?}, include_str!({:?}), {meta}),\n",
            file.display().to_string()
        );
        entries.push((rel, entry));
    }
    entries.sort();
    let mut code = String::from(
        "/// Bundled policy files: (path, source, METADATA and its line).\n#[allow(clippy::type_complexity)]\npub static CATALOG: &[(&str, &str, Option<Option<(StaticMetadata, usize)>>)] = &[\n",
    );
    for (_, entry) in entries {
        code.push_str(&entry);
    }
    code.push_str("];\n");
    code
}

/// Compiles the `report` rule of every bundled rule package
/// (`package mlint.rules.…`) into one RVM program, serialized. mlint checks
/// at run time that the program has an entry point for every query it
/// would have compiled itself, and otherwise compiles them.
fn compile_rules(root: &Path, files: &[PathBuf]) -> Result<Vec<u8>, String> {
    let mut engine = regorus::Engine::new();
    engine.set_rego_v0(false);
    let mut queries = Vec::new();
    for file in files {
        if file.to_string_lossy().ends_with("_test.rego") {
            continue;
        }
        let source =
            std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let package = source
            .lines()
            .find_map(|l| l.strip_prefix("package "))
            .map(|p| p.trim().to_string())
            .ok_or_else(|| format!("{}: no package", file.display()))?;
        let rel = file
            .strip_prefix(root)
            .map_err(|e| e.to_string())?
            .to_string_lossy()
            .replace('\\', "/");
        engine.add_policy(rel, source).map_err(|e| e.to_string())?;
        if package.starts_with("mlint.rules.") {
            queries.push(format!("data.{package}.report"));
        }
    }
    queries.sort();
    let queries: Vec<&str> = queries.iter().map(String::as_str).collect();
    let first: std::sync::Arc<str> = std::sync::Arc::from(*queries.first().ok_or("no rules")?);
    let compiled = engine
        .compile_with_entrypoint(&first)
        .map_err(|e| e.to_string())?;
    let program =
        regorus::languages::rego::compiler::Compiler::compile_from_policy(&compiled, &queries)
            .map_err(|e| e.to_string())?;
    program.serialize_binary()
}
