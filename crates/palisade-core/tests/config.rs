//! `.palisade.toml`: the parser and the published JSON schema agree, and errors have locations.
#![cfg(test)]

use std::path::Path;

use palisade_core::config::Config;
use serde_json::Value;

fn repo_file(rel: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(rel),
    )
    .unwrap()
}

fn schema() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(&repo_file("docs/schemas/palisade-config.schema.json")).unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
}

fn as_json(text: &str) -> Value {
    let v: toml::Value = toml::from_str(text).unwrap();
    serde_json::to_value(v).unwrap()
}

/// The configuration shown in the README.
fn readme_config() -> String {
    let readme = repo_file("README.md");
    let start = readme
        .find("```toml\n")
        .expect("a toml block in the README")
        + 8;
    let len = readme[start..].find("```").unwrap();
    readme[start..start + len].to_string()
}

#[test]
fn the_readme_config_parses_and_matches_the_schema() {
    let text = readme_config();
    let config = Config::parse(&text, Path::new(".palisade.toml")).unwrap();
    assert!(!config.select.is_empty());
    assert!(config.fail_on.is_some());
    let errors: Vec<String> = schema()
        .iter_errors(&as_json(&text))
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn parser_and_schema_reject_the_same_mistakes() {
    let validator = schema();
    for bad in [
        "fail_on = \"high\"\n",               // snake case
        "selct = [\"s3\"]\n",                 // misspelt key
        "fail-on = \"severe\"\n",             // no such severity
        "[severity]\nCFN1001 = \"urgent\"\n", // no such severity
        "include = \"*.yaml\"\n",             // not a list
    ] {
        let parsed = Config::parse(bad, Path::new("cfg.toml"));
        let error = parsed.expect_err(bad);
        let region = error.region.expect("a location");
        assert_eq!(
            region.start.line,
            if bad.starts_with('[') { 2 } else { 1 },
            "{bad}"
        );
        assert!(
            error.message.starts_with("invalid configuration"),
            "{error:?}"
        );
        assert!(!validator.is_valid(&as_json(bad)), "schema accepts {bad:?}");
    }
}
