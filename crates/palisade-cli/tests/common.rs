//! Helpers shared by the end-to-end test modules.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The repository root (examples, docs, schemas).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `dir`, emptied and created afresh.
pub fn fresh_dir(dir: PathBuf) -> PathBuf {
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A fresh directory outside any git repository (the system temporary directory), unique to
/// this test process.
pub fn outside_git(prefix: &str, name: &str) -> PathBuf {
    fresh_dir(std::env::temp_dir().join(format!("{prefix}-{}-{name}", std::process::id())))
}

/// JSON Lines output, one value per line.
pub fn jsonl(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The finding records of JSON Lines output.
pub fn findings(lines: &[Value]) -> Vec<&Value> {
    lines.iter().filter(|l| l["type"] == "finding").collect()
}

/// A schema file of the repository as JSON.
fn schema(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(repo().join(path)).unwrap()).unwrap()
}

/// The SARIF 2.1.0 schema's validator.
pub fn sarif_validator() -> jsonschema::Validator {
    jsonschema::draft4::new(&schema(
        "crates/palisade-core/tests/schemas/sarif-schema-2.1.0.json",
    ))
    .unwrap()
}

/// The validator of our JSON Lines records (`docs/schemas/palisade-jsonl.schema.json`).
pub fn jsonl_validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema("docs/schemas/palisade-jsonl.schema.json")).unwrap()
}

/// What `validator` finds wrong in `value`, each with where.
pub fn schema_errors(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect()
}

/// The validator of custom template rule files (`docs/schemas/template-rules.schema.json`).
pub fn template_rules_validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema("docs/schemas/template-rules.schema.json")).unwrap()
}

/// A YAML (or JSON) document as JSON, for schema validation.
pub fn yaml_to_json(text: &str) -> Value {
    fn conv(n: &palisade_doc::Node) -> Value {
        use palisade_doc::Value as V;
        match &n.value {
            V::Null => Value::Null,
            V::Bool(b) => Value::Bool(*b),
            V::Number(s) => serde_json::from_str(s).unwrap_or_else(|_| Value::String(s.clone())),
            V::String(s) => Value::String(s.clone()),
            V::Seq(items) => Value::Array(items.iter().map(conv).collect()),
            V::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), conv(&e.value)))
                    .collect(),
            ),
        }
    }
    let parsed = palisade_doc::parse(text, palisade_doc::Format::Yaml);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    conv(&parsed.root.unwrap())
}
