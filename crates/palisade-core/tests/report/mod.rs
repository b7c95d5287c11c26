//! Reporters: each format snapshotted on the same report; SARIF checked against the OASIS
//! schema, JUnit checked for well-formed XML.
#![expect(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers: a failed expectation is a failed test"
)]

mod xml;

use std::borrow::Cow;
use std::collections::HashMap;

use palisade_core::report::{write_report, NoSources, OutputFormat, ReportContext};
use palisade_core::{
    region, Finding, InputError, LineIndex, Location, Position, Region, Report, RuleMeta, Severity,
    Span, Tool, Xref,
};

const APP: &str = "templates/app.yaml";
const BROKEN: &str = "templates/broken.yaml";
const ENV: &str = "config/.env";
/// Not among the sources: its finding prints without a code frame. Needs percent-encoding.
const LEGACY: &str = "templates/legacy stack ü.json";

const APP_TEXT: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Description: Données partagées 🚀
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Assets:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicRead
  Deployer:
    Type: AWS::IAM::Role
    Condition: IsProd
    Properties:
      Policies: [{PolicyName: "déploiement-🚀", PolicyDocument: {Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}}]
"#;

const BROKEN_TEXT: &str = "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n   Properties: {}\n";

const ENV_TEXT: &str = "# deploy credentials\nAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n";

fn docs(what: &str) -> Cow<'static, str> {
    Cow::Owned(format!(
        "## What it checks\nWhether {what}\n\n## Why it matters\nAttackers look for it.\n\n\
         ## How to fix\nRemove it.\n\n## References\n- AWS documentation\n"
    ))
}

fn rule(
    code: &'static str,
    name: &'static str,
    severity: Severity,
    summary: &'static str,
) -> RuleMeta {
    RuleMeta {
        code: Cow::Borrowed(code),
        name: Cow::Borrowed(name),
        severity,
        summary: Cow::Borrowed(summary),
        docs: docs(&summary.to_lowercase()),
        group: Cow::Borrowed(if code.starts_with("SEC") {
            "secrets"
        } else {
            "s3"
        }),
        xrefs: Cow::Borrowed(&[]),
        resource_types: Cow::Borrowed(&[]),
    }
}

fn rules() -> Vec<RuleMeta> {
    let mut public = rule(
        "CFN1001",
        "s3-bucket-public-read-acl",
        Severity::High,
        "An S3 bucket grants public read access through its canned ACL.",
    );
    public.xrefs = Cow::Borrowed(&[
        Xref {
            tool: Tool::CfnNag,
            id: "W31",
        },
        Xref {
            tool: Tool::Checkov,
            id: "CKV_AWS_20",
        },
    ]);
    let mut wildcard = rule(
        "CFN2001",
        "iam-wildcard-action",
        Severity::Medium,
        "An IAM policy statement allows every action.",
    );
    wildcard.group = Cow::Borrowed("iam");
    let mut description = rule(
        "CFN4001",
        "template-without-description",
        Severity::Info,
        "A template has no description.",
    );
    description.group = Cow::Borrowed("template");
    vec![
        public,
        wildcard,
        rule(
            "CFN3001",
            "s3-bucket-without-access-logging",
            Severity::Low,
            "An S3 bucket does not log access.",
        ),
        description,
        rule(
            "SEC1001",
            "aws-access-key-id",
            Severity::Critical,
            "An AWS access key id is committed.",
        ),
    ]
}

/// The region of the `nth` (0-based) occurrence of `needle` in `text`.
fn find(text: &str, needle: &str, nth: usize) -> Region {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("`{needle}` not in text"));
    region(
        text,
        &LineIndex::new(text),
        Span::new(start, start + needle.len()),
    )
}

fn finding(
    code: &str,
    name: &str,
    severity: Severity,
    message: &str,
    location: Location,
) -> Finding {
    Finding {
        rule: code.into(),
        rule_name: name.into(),
        severity,
        message: message.into(),
        location,
        conditions: Vec::new(),
        evidence: None,
        confidence: None,
        provenance: None,
        xrefs: Vec::new(),
        fingerprint: String::new(),
    }
    .with_fingerprint()
}

fn sources() -> HashMap<String, String> {
    [(APP, APP_TEXT), (BROKEN, BROKEN_TEXT), (ENV, ENV_TEXT)]
        .into_iter()
        .map(|(p, t)| (p.to_owned(), t.to_owned()))
        .collect()
}

fn sample_report() -> Report {
    let public = finding(
        "CFN1001",
        "s3-bucket-public-read-acl",
        Severity::High,
        "bucket `Assets` grants read access to <AllUsers> & \"everyone\"",
        Location {
            path: APP.into(),
            region: Some(find(APP_TEXT, "PublicRead", 0)),
            resource: Some("Assets".into()),
            resource_type: Some("AWS::S3::Bucket".into()),
            json_path: Some("Resources.Assets.Properties.AccessControl".into()),
        },
    );
    let mut wildcard = finding(
        "CFN2001",
        "iam-wildcard-action",
        Severity::Medium,
        "policy `déploiement-🚀` allows every action (`*`)",
        Location {
            path: APP.into(),
            // The first `"*"` on its line comes after an emoji: one character, but two UTF-16
            // code units, so its SARIF column differs from its character column.
            region: Some(find(APP_TEXT, "\"*\"", 0)),
            resource: Some("Deployer".into()),
            resource_type: Some("AWS::IAM::Role".into()),
            json_path: Some(
                "Resources.Deployer.Properties.Policies[0].PolicyDocument.Statement[0].Action"
                    .into(),
            ),
        },
    );
    wildcard.conditions = vec!["condition `IsProd` is true".into()];
    let logging = finding(
        "CFN3001",
        "s3-bucket-without-access-logging",
        Severity::Low,
        "bucket `Assets` does not log access",
        Location {
            path: APP.into(),
            region: None,
            resource: Some("Assets".into()),
            resource_type: Some("AWS::S3::Bucket".into()),
            json_path: Some("Resources.Assets".into()),
        },
    );
    let legacy = finding(
        "CFN4001",
        "template-without-description",
        Severity::Info,
        "template has no `Description`",
        Location {
            path: LEGACY.into(),
            region: Some(Region {
                span: Span { start: 0, end: 1 },
                start: Position {
                    line: 1,
                    column: 1,
                    utf16_column: 1,
                },
                end: Position {
                    line: 1,
                    column: 2,
                    utf16_column: 2,
                },
            }),
            resource: None,
            resource_type: None,
            json_path: None,
        },
    );
    let mut key = finding(
        "SEC1001",
        "aws-access-key-id",
        Severity::Critical,
        "an AWS access key id is committed",
        Location {
            path: ENV.into(),
            region: Some(find(ENV_TEXT, "AKIAIOSFODNN7EXAMPLE", 0)),
            resource: None,
            resource_type: None,
            json_path: None,
        },
    );
    key.evidence = Some("AKIA************MPLE".into());

    let mut report = Report {
        findings: vec![legacy, key, wildcard, public, logging],
        errors: vec![
            InputError {
                path: BROKEN.into(),
                message: "could not parse YAML: did not find expected key".into(),
                region: Some(find(BROKEN_TEXT, "Properties", 0)),
                help: Some("indent `Properties` under `Queue` like `Type`".into()),
            },
            InputError {
                path: String::new(),
                message: "unknown rule `CFN9999` in `--enable`".into(),
                region: None,
                help: Some("run `palisade rules` to list rule codes".into()),
            },
        ],
        files_scanned: 4,
        files_skipped: 1,
        suppressed: 2,
        baselined: 1,
    };
    report.sort();
    report
}

fn render(format: OutputFormat, report: &Report, color: bool) -> String {
    let rules = rules();
    let sources = sources();
    let ctx = ReportContext {
        report,
        rules: &rules,
        sources: &sources,
        color,
        tool_version: "0.1.0",
        fail_on: Severity::Medium,
    };
    let mut out = Vec::new();
    write_report(format, &ctx, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// Remove ANSI SGR sequences (`ESC [ ... m`).
fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn sarif_validator() -> jsonschema::Validator {
    /// Refuse every external reference: the tests run offline.
    struct Offline;
    impl jsonschema::Retrieve for Offline {
        fn retrieve(
            &self,
            uri: &jsonschema::Uri<String>,
        ) -> Result<serde_json::Value, Box<dyn std::error::Error + Send + Sync>> {
            Err(format!("no network in tests: {}", uri.as_str()).into())
        }
    }
    let text = include_str!("../schemas/sarif-schema-2.1.0.json");
    let schema: serde_json::Value = serde_json::from_str(text).unwrap();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .with_retriever(Offline)
        .build(&schema)
        .unwrap()
}

fn assert_valid_sarif(sarif: &str) -> serde_json::Value {
    let value: serde_json::Value = serde_json::from_str(sarif).unwrap();
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF does not match the schema:\n{}",
        errors.join("\n")
    );
    value
}

#[test]
fn text_report_groups_by_file_with_code_frames() {
    insta::assert_snapshot!("text", render(OutputFormat::Text, &sample_report(), false));
}

#[test]
fn text_report_in_colour_is_the_plain_report_plus_ansi_styles() {
    let report = sample_report();
    let plain = render(OutputFormat::Text, &report, false);
    let colour = render(OutputFormat::Text, &report, true);
    assert!(!plain.contains('\u{1b}'));
    assert!(colour.contains("\u{1b}["));
    assert_eq!(strip_ansi(&colour), plain);
}

#[test]
fn text_report_without_findings_says_so() {
    let report = Report {
        files_scanned: 3,
        ..Report::default()
    };
    assert_eq!(
        render(OutputFormat::Text, &report, false),
        "no findings in 3 files\n"
    );
    let report = Report {
        files_scanned: 1,
        suppressed: 2,
        ..Report::default()
    };
    assert_eq!(
        render(OutputFormat::Text, &report, false),
        "no findings in 1 file; 2 suppressed, 0 baselined\n"
    );
}

#[test]
fn text_report_without_sources_prints_locations_without_frames() {
    let report = sample_report();
    let rules = rules();
    let ctx = ReportContext {
        report: &report,
        rules: &rules,
        sources: &NoSources,
        color: false,
        tool_version: "0.1.0",
        fail_on: Severity::High,
    };
    let mut out = Vec::new();
    write_report(OutputFormat::Text, &ctx, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains('│'), "{text}");
    assert!(text.contains("  ┌─ templates/app.yaml: Assets\n"), "{text}");
    assert!(
        text.contains("  ┌─ templates/app.yaml:9:22: Assets\n"),
        "{text}"
    );
    assert!(text.contains("  ┌─ templates/broken.yaml:4:4\n"), "{text}");
    assert!(text.ends_with("2 at or above --fail-on high\n"), "{text}");
}

#[test]
fn sarif_report_snapshot() {
    insta::assert_snapshot!(
        "sarif",
        render(OutputFormat::Sarif, &sample_report(), false)
    );
}

#[test]
fn sarif_report_matches_the_oasis_schema() {
    let value = assert_valid_sarif(&render(OutputFormat::Sarif, &sample_report(), false));
    let run = &value["runs"][0];
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    assert_eq!(run["tool"]["driver"]["rules"].as_array().unwrap().len(), 5);
    assert_eq!(run["results"].as_array().unwrap().len(), 5);
}

#[test]
fn sarif_schema_check_rejects_invalid_logs() {
    // Guards the guard: the schema must catch a wrong level and a zero column.
    let mut value: serde_json::Value =
        serde_json::from_str(&render(OutputFormat::Sarif, &sample_report(), false)).unwrap();
    value["runs"][0]["results"][0]["level"] = "fatal".into();
    value["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] =
        0.into();
    let validator = sarif_validator();
    assert_eq!(validator.iter_errors(&value).count(), 2);
}

#[test]
fn sarif_columns_are_utf16_code_units() {
    let report = sample_report();
    let wildcard = report
        .findings
        .iter()
        .find(|f| f.rule == "CFN2001")
        .unwrap();
    let start = wildcard.location.region.unwrap().start;
    // One accented letter and one emoji precede the region on its line.
    assert_eq!(start.utf16_column, start.column + 1);
    let value = assert_valid_sarif(&render(OutputFormat::Sarif, &report, false));
    let result = value["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "CFN2001")
        .unwrap();
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startColumn"], start.utf16_column);
    assert_eq!(region["endColumn"], start.utf16_column + 3);
    assert_eq!(result["ruleIndex"], 1);
    assert_eq!(
        result["message"]["text"],
        "policy `déploiement-🚀` allows every action (`*`) (only when condition `IsProd` is true)"
    );
}

#[test]
fn sarif_uris_are_percent_encoded_relative_references() {
    let value = assert_valid_sarif(&render(OutputFormat::Sarif, &sample_report(), false));
    let uris: Vec<&str> = value["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(
        uris.contains(&"templates/legacy%20stack%20%C3%BC.json"),
        "{uris:?}"
    );
    assert!(uris.contains(&"config/.env"), "{uris:?}");
}

#[test]
fn sarif_report_without_findings_is_valid_and_successful() {
    let report = Report {
        files_scanned: 2,
        ..Report::default()
    };
    let value = assert_valid_sarif(&render(OutputFormat::Sarif, &report, false));
    assert_eq!(
        value["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
    assert_eq!(value["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn junit_report_snapshot() {
    let xml = render(OutputFormat::Junit, &sample_report(), false);
    xml::assert_well_formed(&xml);
    insta::assert_snapshot!("junit", xml);
}

#[test]
fn junit_report_without_findings_has_one_passing_case() {
    let report = Report {
        files_scanned: 7,
        ..Report::default()
    };
    let xml = render(OutputFormat::Junit, &report, false);
    xml::assert_well_formed(&xml);
    assert!(xml.contains("<testsuites name=\"palisade\" tests=\"1\" failures=\"0\" errors=\"0\">"));
    assert!(xml.contains("name=\"7 files scanned, no findings\""));
}

#[test]
fn junit_escapes_markup_and_drops_characters_xml_forbids() {
    let mut f = finding(
        "SEC1001",
        "aws-access-key-id",
        Severity::Critical,
        "key in `a<b>&'c'\"d\"` \u{1b}[31mred\u{0} \u{FFFE}",
        Location {
            path: "a&b.env".into(),
            ..Location::default()
        },
    );
    f.evidence = Some("line1\nline2\r\ttab\u{7}".into());
    let report = Report {
        findings: vec![f],
        ..Report::default()
    };
    let xml = render(OutputFormat::Junit, &report, false);
    xml::assert_well_formed(&xml);
    for forbidden in ['\u{1b}', '\u{0}', '\u{7}', '\u{FFFE}'] {
        assert!(!xml.contains(forbidden), "{forbidden:?} in {xml}");
    }
    assert!(xml.contains("<testsuite name=\"a&amp;b.env\""), "{xml}");
    assert!(
        xml.contains("message=\"key in `a&lt;b&gt;&amp;&apos;c&apos;&quot;d&quot;` \u{FFFD}[31mred\u{FFFD} \u{FFFD}\""),
        "{xml}"
    );
    assert!(
        xml.contains("evidence: line1\nline2&#13;\ttab\u{FFFD}\n"),
        "{xml}"
    );
}
