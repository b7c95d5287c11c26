//! `palisade scan` and `palisade rules` end to end.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

use crate::common::{findings, jsonl, repo};

fn palisade() -> Command {
    let mut c = Command::cargo_bin("palisade").unwrap();
    c.current_dir(repo());
    c
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    crate::common::fresh_dir(Path::new(env!("CARGO_TARGET_TMPDIR")).join(name))
}

/// Run `palisade ARGS`, check its exit code, return its standard output.
fn stdout_of(args: &[&str], code: i32) -> Vec<u8> {
    palisade()
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone()
}

const PUBLIC_BUCKET: &str = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Site:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicReadWrite\n";

#[test]
fn example_stack_shows_a_range_of_findings_and_fails_the_gate() {
    let out = stdout_of(
        &[
            "scan",
            "examples/",
            "--parameters",
            "examples/parameters.json",
            "--format",
            "jsonl",
        ],
        1,
    );
    let lines = jsonl(&out);
    let f = findings(&lines);
    let rules: std::collections::HashSet<&str> =
        f.iter().map(|x| x["rule"].as_str().unwrap()).collect();
    assert!(
        rules.len() >= 10,
        "only {} distinct rules: {rules:?}",
        rules.len()
    );
    // The condition decided by the parameters file: Environment=dev, so the website is public.
    assert!(f
        .iter()
        .any(|x| x["location"]["resource"] == "WebsiteBucket" && x["rule"] == "CFN1001"));
    // The undecidable condition is reported with the branch it depends on.
    let uploads: Vec<_> = f
        .iter()
        .filter(|x| x["location"]["resource"] == "UploadsBucket" && x["rule"] == "CFN1001")
        .collect();
    assert_eq!(uploads.len(), 1);
    assert_eq!(uploads[0]["conditions"][0], "condition `HasOrigin` is true");
    // The misspelt cfn_nag key is itself reported.
    assert!(f.iter().any(|x| x["rule"] == "CFN0001"));
}

#[test]
fn text_output_has_code_frames_and_a_summary() {
    let d = scratch("text_output");
    std::fs::write(d.join("t.yaml"), PUBLIC_BUCKET).unwrap();
    let out = stdout_of(
        &[
            "scan",
            d.to_str().unwrap(),
            "--color",
            "never",
            "--select",
            "CFN1001",
        ],
        1,
    );
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("critical[CFN1001 s3-bucket-public-acl]"),
        "{text}"
    );
    assert!(
        text.contains("6 │       AccessControl: PublicReadWrite"),
        "{text}"
    );
    assert!(text.contains("^^^^^^^^^^^^^^^"), "{text}");
    assert!(text.contains("1 finding"), "{text}");
}

#[test]
fn sarif_output_is_schema_valid() {
    let validator = crate::common::sarif_validator();
    let out = stdout_of(
        &[
            "scan",
            "crates/palisade-cfn/tests/fixtures",
            "examples",
            "--format",
            "sarif",
        ],
        1,
    );
    let sarif: Value = serde_json::from_slice(&out).unwrap();
    let errors = crate::common::schema_errors(&validator, &sarif);
    assert!(errors.is_empty(), "{errors:#?}");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() > 50);
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(rules.len() >= 60);
    for r in results {
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], r["ruleId"]);
        assert!(r["partialFingerprints"]["palisade/v1"].is_string());
    }
}

#[test]
fn malformed_file_is_named_and_others_still_scanned() {
    let d = scratch("malformed");
    std::fs::write(d.join("good.yaml"), PUBLIC_BUCKET).unwrap();
    std::fs::write(
        d.join("broken.yaml"),
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A:\n    Type: [unclosed\n",
    )
    .unwrap();
    std::fs::write(d.join("binary.json"), b"{\"Resources\": \x00\xff\xfe}").unwrap();
    std::fs::write(d.join("dup.json"), "{\"Resources\": {\"A\": {\"Type\": \"AWS::S3::Bucket\"}, \"A\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"AccessControl\": \"PublicRead\"}}}}").unwrap();
    let big = format!(
        "Resources:\n  A:\n    Type: AWS::S3::Bucket\n{}",
        "# padding\n".repeat(1_200_000)
    );
    std::fs::write(d.join("huge.yaml"), big).unwrap();
    std::fs::write(d.join("values.yaml"), "replicaCount: 2\nimage: nginx\n").unwrap();
    let out = stdout_of(&["scan", d.to_str().unwrap(), "--format", "jsonl"], 2);
    let lines = jsonl(&out);
    let errors: Vec<&Value> = lines.iter().filter(|l| l["type"] == "error").collect();
    let by_file = |name: &str| {
        errors
            .iter()
            .find(|e| e["path"].as_str().unwrap().ends_with(name))
            .copied()
    };
    let broken = by_file("broken.yaml").expect("broken.yaml named");
    assert_eq!(broken["region"]["start"]["line"], 5, "{broken}");
    let binary = by_file("binary.json").expect("binary.json named");
    assert!(
        binary["message"].as_str().unwrap().contains("binary"),
        "{binary}"
    );
    let dup = by_file("dup.json").expect("dup.json named");
    assert!(dup["message"]
        .as_str()
        .unwrap()
        .contains("duplicate key `A`"));
    assert_eq!(dup["region"]["start"]["line"], 1);
    assert!(by_file("huge.yaml").expect("huge.yaml named")["message"]
        .as_str()
        .unwrap()
        .contains("larger than"));
    assert!(
        by_file("values.yaml").is_none(),
        "non-template YAML is skipped quietly"
    );
    let f = findings(&lines);
    assert!(f.iter().any(|x| x["location"]["path"]
        .as_str()
        .unwrap()
        .ends_with("good.yaml")));
    // The duplicate-key template is still scanned (last value wins).
    assert!(f.iter().any(|x| x["location"]["path"]
        .as_str()
        .unwrap()
        .ends_with("dup.json")));
}

#[test]
fn non_template_files_alone_exit_zero() {
    let d = scratch("non_template");
    std::fs::write(d.join("values.yaml"), "replicaCount: 2\n").unwrap();
    std::fs::write(d.join("package.json"), "{\"name\": \"x\"}").unwrap();
    stdout_of(&["scan", d.to_str().unwrap()], 0);
}

#[test]
fn baseline_survives_lines_moving() {
    let d = scratch("baseline");
    let t = d.join("t.yaml");
    std::fs::write(&t, PUBLIC_BUCKET).unwrap();
    let base = d.join("baseline.json");
    stdout_of(
        &[
            "scan",
            d.to_str().unwrap(),
            "--write-baseline",
            base.to_str().unwrap(),
        ],
        0,
    );
    stdout_of(
        &[
            "scan",
            d.to_str().unwrap(),
            "--baseline",
            base.to_str().unwrap(),
        ],
        0,
    );
    let moved = PUBLIC_BUCKET.replace(
        "Resources:\n",
        "Description: moved down\nMetadata: {}\nResources:\n",
    );
    std::fs::write(&t, moved).unwrap();
    stdout_of(
        &[
            "scan",
            d.to_str().unwrap(),
            "--baseline",
            base.to_str().unwrap(),
        ],
        0,
    );
    // A new finding is reported.
    std::fs::write(d.join("new.yaml"), PUBLIC_BUCKET).unwrap();
    stdout_of(
        &[
            "scan",
            d.to_str().unwrap(),
            "--baseline",
            base.to_str().unwrap(),
        ],
        1,
    );
}

#[test]
fn config_unknown_key_is_an_error_with_a_location() {
    let d = scratch("config");
    std::fs::write(d.join("t.yaml"), PUBLIC_BUCKET).unwrap();
    let cfg = d.join("palisade.toml");
    std::fs::write(&cfg, "fail-on = \"high\"\nexclud = [\"x\"]\n").unwrap();
    let out = stdout_of(
        &[
            "scan",
            d.to_str().unwrap(),
            "--config",
            cfg.to_str().unwrap(),
            "--format",
            "jsonl",
        ],
        2,
    );
    let lines = jsonl(&out);
    let e = lines.iter().find(|l| l["type"] == "error").unwrap();
    assert!(e["message"].as_str().unwrap().contains("exclud"), "{e}");
    assert_eq!(e["region"]["start"]["line"], 2);
    // The scan still ran.
    assert!(!findings(&lines).is_empty());
}

#[test]
fn config_selects_ignores_and_overrides_severity() {
    let d = scratch("config_select");
    std::fs::write(d.join("t.yaml"), PUBLIC_BUCKET).unwrap();
    let cfg = d.join("palisade.toml");
    std::fs::write(&cfg, "ignore = [\"CFN1001\"]\n").unwrap();
    stdout_of(
        &[
            "scan",
            d.to_str().unwrap(),
            "--config",
            cfg.to_str().unwrap(),
            "--select",
            "s3",
        ],
        0,
    );
    std::fs::write(&cfg, "[severity]\ns3-bucket-public-acl = \"low\"\n").unwrap();
    stdout_of(
        &[
            "scan",
            d.to_str().unwrap(),
            "--config",
            cfg.to_str().unwrap(),
            "--select",
            "CFN1001",
        ],
        0,
    );
    stdout_of(
        &[
            "scan",
            d.to_str().unwrap(),
            "--config",
            cfg.to_str().unwrap(),
            "--select",
            "CFN1001",
            "--fail-on",
            "low",
        ],
        1,
    );
    std::fs::write(&cfg, "select = [\"CFN9999\"]\n").unwrap();
    stdout_of(
        &[
            "scan",
            d.to_str().unwrap(),
            "--config",
            cfg.to_str().unwrap(),
        ],
        2,
    );
}

#[test]
fn suppressions_in_all_four_forms() {
    let d = scratch("suppress");
    let t = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Metadata:\n      cfn_nag:\n        rules_to_suppress:\n          - id: F14\n            reason: test\n    Properties:\n      AccessControl: PublicReadWrite\n  B:\n    Type: AWS::S3::Bucket\n    Metadata:\n      checkov:\n        skip:\n          - id: CKV_AWS_20\n            comment: test\n    Properties:\n      AccessControl: PublicRead\n  C:\n    Type: AWS::S3::Bucket\n    Metadata:\n      palisade:\n        suppress:\n          - id: s3-bucket-public-acl\n            reason: public website\n    Properties:\n      AccessControl: PublicRead\n  D:\n    # checkov:skip=CKV_AWS_20:static website, reviewed\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicRead\n  E:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicRead  # checkov:skip=CKV_AWS_99:another check\n";
    std::fs::write(d.join("t.yaml"), t).unwrap();
    let out = stdout_of(
        &[
            "scan",
            d.to_str().unwrap(),
            "--select",
            "CFN1001,CFN0001",
            "--format",
            "jsonl",
        ],
        1,
    );
    let lines = jsonl(&out);
    // checkov's inline comment suppresses D; E's comment names another check.
    let left: Vec<&Value> = findings(&lines);
    assert_eq!(left.len(), 1, "{lines:#?}");
    assert_eq!(left[0]["location"]["resource"], "E");
    assert_eq!(lines.last().unwrap()["suppressed"], 4);
}

#[test]
fn parameters_file_forms() {
    let d = scratch("params");
    let t = "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Acl:\n    Type: String\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: !Ref Acl\n";
    std::fs::write(d.join("t.yaml"), t).unwrap();
    let cli = d.join("cli.json");
    std::fs::write(
        &cli,
        r#"[{"ParameterKey": "Acl", "ParameterValue": "PublicRead"}]"#,
    )
    .unwrap();
    let pipeline = d.join("pipeline.json");
    std::fs::write(&pipeline, r#"{"Parameters": {"Acl": "Private"}}"#).unwrap();
    stdout_of(
        &[
            "scan",
            d.join("t.yaml").to_str().unwrap(),
            "-p",
            cli.to_str().unwrap(),
        ],
        1,
    );
    stdout_of(
        &[
            "scan",
            d.join("t.yaml").to_str().unwrap(),
            "-p",
            pipeline.to_str().unwrap(),
        ],
        0,
    );
    // Without values the ACL is unknown: an info finding, not a failure.
    let out = stdout_of(
        &[
            "scan",
            d.join("t.yaml").to_str().unwrap(),
            "--format",
            "jsonl",
            "--select",
            "CFN1001",
        ],
        0,
    );
    let lines = jsonl(&out);
    assert_eq!(findings(&lines)[0]["severity"], "info");
}

#[test]
fn rules_lists_shows_and_maps() {
    let out = stdout_of(&["rules", "--format", "json"], 0);
    let rules: Value = serde_json::from_slice(&out).unwrap();
    assert!(rules.as_array().unwrap().len() >= 60);
    let out = stdout_of(&["rules", "CFN1001"], 0);
    let text = String::from_utf8(out).unwrap();
    for s in [
        "## What it checks",
        "## Why it matters",
        "## How to fix",
        "## References",
    ] {
        assert!(text.contains(s), "{text}");
    }
    // One line per cfn_nag / checkov id: every one of their CloudFormation checks is covered.
    let out = String::from_utf8(stdout_of(&["rules", "--from", "cfn_nag"], 0)).unwrap();
    assert_eq!(out.lines().count(), 166, "{out}");
    assert!(out
        .lines()
        .any(|l| l.starts_with("F14 ") && l.contains("CFN1001")));
    let out = String::from_utf8(stdout_of(&["rules", "--from", "checkov"], 0)).unwrap();
    assert_eq!(out.lines().count(), 139, "{out}");
    let json: Value =
        serde_json::from_slice(&stdout_of(&["rules", "--from", "checkov", "-f", "json"], 0))
            .unwrap();
    assert_eq!(json.as_array().unwrap().len(), 139);
    palisade().args(["rules", "NOPE"]).assert().code(2);
}

/// Every line of `--format jsonl` (findings with conditions, errors with regions, the summary)
/// matches the published schema `docs/schemas/palisade-jsonl.schema.json`.
#[test]
fn jsonl_output_matches_its_schema() {
    let validator = crate::common::jsonl_validator();
    let d = scratch("jsonl_schema");
    std::fs::copy(
        repo().join("examples/insecure-stack.yaml"),
        d.join("stack.yaml"),
    )
    .unwrap();
    std::fs::write(
        d.join("broken.yaml"),
        "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties: [\n",
    )
    .unwrap();
    let out = stdout_of(&["scan", d.to_str().unwrap(), "--format", "jsonl"], 2);
    let lines = jsonl(&out);
    let kinds: Vec<&str> = lines.iter().map(|l| l["type"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"finding") && kinds.contains(&"error"));
    assert_eq!(kinds.last(), Some(&"summary"));
    assert!(lines.iter().any(|l| l.get("conditions").is_some()));
    for line in &lines {
        let errors = crate::common::schema_errors(&validator, line);
        assert!(errors.is_empty(), "{line}: {errors:?}");
    }
    // the schema is not vacuous
    let mut bad = lines[0].clone();
    bad["severity"] = Value::from("severe");
    assert!(!validator.is_valid(&bad));
}

const HOUSE_RULES_TEMPLATE: &str = "Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Timeout: 900
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      Tags: [{Key: Team, Value: data}]
  Owned:
    Type: AWS::S3::Bucket
    Properties:
      Tags: [{Key: Owner, Value: data}]
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
";

#[test]
fn custom_template_rules_run_from_a_directory_and_their_file_is_schema_valid() {
    let rules_file = repo().join("examples/custom-rules/acme.yaml");
    let doc = crate::common::yaml_to_json(&std::fs::read_to_string(&rules_file).unwrap());
    let errors = crate::common::schema_errors(&crate::common::template_rules_validator(), &doc);
    assert!(errors.is_empty(), "{errors:#?}");

    let dir = scratch("custom-rules");
    let t = dir.join("stack.yaml");
    std::fs::write(&t, HOUSE_RULES_TEMPLATE).unwrap();
    let out = stdout_of(
        &[
            "scan",
            t.to_str().unwrap(),
            "--rules",
            "examples/custom-rules",
            "--select",
            "ACME0001,ACME0002",
            "--format",
            "jsonl",
        ],
        0,
    );
    let lines = jsonl(&out);
    let got: Vec<(String, String)> = findings(&lines)
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["location"]["resource"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("ACME0002".to_string(), "Api".to_string()),
            ("ACME0001".to_string(), "Logs".to_string())
        ]
    );
    // The inherited timeout is reported where it is written: in Globals.
    let api = findings(&lines)
        .into_iter()
        .find(|f| f["rule"] == "ACME0002")
        .unwrap();
    assert_eq!(api["location"]["region"]["start"]["line"], 4, "{api}");
    // `palisade rules` lists and documents them with --rules.
    let doc = stdout_of(
        &["rules", "ACME0001", "--rules", "examples/custom-rules"],
        0,
    );
    assert!(String::from_utf8_lossy(&doc).contains("## How to fix"));
}

#[test]
fn broken_custom_rules_are_errors_with_a_location_and_the_good_ones_still_run() {
    let dir = scratch("custom-rules-broken");
    let rules = dir.join("rules");
    std::fs::create_dir_all(&rules).unwrap();
    std::fs::write(
        rules.join("a-bad.yaml"),
        "template_rules:\n  - code: BAD0001\n    name: bad\n    summary: bad\n    types: [AWS::S3::Bucket]\n    check:\n      path: Tags\n      contains: x\n",
    )
    .unwrap();
    std::fs::write(
        rules.join("b-good.yaml"),
        "template_rules:\n  - code: GOOD0001\n    name: bucket-versioned\n    summary: buckets keep versions\n    types: [AWS::S3::Bucket]\n    check:\n      path: VersioningConfiguration.Status\n      equals: Enabled\n",
    )
    .unwrap();
    let t = dir.join("stack.yaml");
    std::fs::write(&t, HOUSE_RULES_TEMPLATE).unwrap();
    let out = palisade()
        .args([
            "scan",
            t.to_str().unwrap(),
            "--rules",
            rules.to_str().unwrap(),
            "--select",
            "GOOD0001",
            "--format",
            "jsonl",
        ])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let lines = jsonl(&out.stdout);
    let errors: Vec<&Value> = lines.iter().filter(|l| l["type"] == "error").collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = errors[0];
    assert!(e["path"].as_str().unwrap().ends_with("a-bad.yaml"), "{e}");
    assert!(e["message"].as_str().unwrap().contains("`contains`"), "{e}");
    assert_eq!(e["region"]["start"]["line"], 8, "{e}");
    assert_eq!(findings(&lines).len(), 2, "{lines:#?}");
}

/// A reader that stops early (`palisade rules | head -1`) gets no error message on standard
/// error; the exit code still says the output is incomplete.
#[test]
fn a_closed_pipe_is_not_reported_as_an_error() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command as Std, Stdio};
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("palisade"))
        .arg("rules")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("CFN"), "{first}");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
