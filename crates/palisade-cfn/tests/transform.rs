//! Transforms before rules: `Fn::ForEach` expansion and SAM `Globals` merging.

use palisade_cfn::transform::apply;
use palisade_cfn::{scan_text, ScanOptions};
use palisade_core::config::Config;
use palisade_core::Finding;
use palisade_doc::{parse, Format, Node};

fn doc(text: &str) -> Node {
    let p = parse(text, Format::Yaml);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    p.root.unwrap()
}

fn scan(text: &str, rule: &str) -> (Vec<Finding>, Vec<String>) {
    let opts = ScanOptions {
        config: Config {
            select: vec![rule.to_string()],
            ..Config::default()
        },
        ..ScanOptions::default()
    };
    let out = scan_text("t.yaml", text, Format::Yaml, &opts);
    (
        out.findings
            .into_iter()
            .filter(|f| f.rule == rule)
            .collect(),
        out.errors.into_iter().map(|e| e.message).collect(),
    )
}

fn line_of(f: &Finding) -> u32 {
    f.location.region.as_ref().unwrap().start.line
}

const LOOP: &str = "AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::LanguageExtensions
Parameters:
  Names: {Type: CommaDelimitedList, Default: 'logs,data'}
Resources:
  Fn::ForEach::Buckets:
    - Name
    - !Ref Names
    - Bucket${Name}:
        Type: AWS::S3::Bucket
        Properties:
          BucketName: !Sub 'acme-${Name}'
          AccessControl: PublicRead
";

#[test]
fn for_each_expands_each_value_and_points_at_the_loop_body() {
    let root = doc(LOOP);
    let (out, errors) = apply(&root, &Default::default());
    assert!(errors.is_empty(), "{errors:?}");
    let out = out.unwrap();
    let res = out.get("Resources").unwrap();
    let ids: Vec<&str> = res
        .as_map()
        .unwrap()
        .iter()
        .map(|e| e.key.as_str())
        .collect();
    assert_eq!(ids, ["Bucketlogs", "Bucketdata"]);
    let name = res
        .get("Bucketdata")
        .and_then(|r| r.get("Properties"))
        .and_then(|p| p.get("BucketName"))
        .unwrap();
    // The `Fn::Sub` string had the identifier substituted.
    assert!(format!("{name:?}").contains("acme-data"), "{name:?}");

    let (findings, errors) = scan(LOOP, "CFN1001");
    assert!(errors.is_empty(), "{errors:?}");
    let resources: Vec<&str> = findings
        .iter()
        .map(|f| f.location.resource.as_deref().unwrap())
        .collect();
    let mut sorted = resources.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, ["Bucketdata", "Bucketlogs"]);
    assert!(findings.iter().all(|f| line_of(f) == 13), "{findings:#?}");
    assert_ne!(findings[0].fingerprint, findings[1].fingerprint);
}

#[test]
fn for_each_user_parameter_values_and_refs_to_the_identifier() {
    let text = LOOP.replace("AccessControl: PublicRead", "AccessControl: !Ref Name");
    let opts = ScanOptions {
        parameters: [("Names".to_string(), "PublicRead, Private".to_string())].into(),
        config: Config {
            select: vec!["CFN1001".into()],
            ..Config::default()
        },
        ..ScanOptions::default()
    };
    let out = scan_text("t.yaml", &text, Format::Yaml, &opts);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let hit: Vec<&str> = out
        .findings
        .iter()
        .filter(|f| f.rule == "CFN1001")
        .map(|f| f.location.resource.as_deref().unwrap())
        .collect();
    // Only the copy whose `Ref Name` is `PublicRead`.
    assert_eq!(hit, ["BucketPublicRead"]);
}

#[test]
fn for_each_with_an_unknown_collection_is_scanned_once_with_unknown_values() {
    let text = "Transform: AWS::LanguageExtensions
Parameters:
  Names: {Type: CommaDelimitedList}
Resources:
  Fn::ForEach::Buckets:
    - Name
    - !Ref Names
    - Bucket${Name}:
        Type: AWS::S3::Bucket
        Properties:
          AccessControl: !Ref Name
";
    let (findings, errors) = scan(text, "CFN1001");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].severity, palisade_core::Severity::Info);
}

#[test]
fn nested_loops_and_alphanumeric_substitution() {
    let text = "Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Envs:
    - Env
    - [dev, prod]
    - Fn::ForEach::Cidrs:
        - Cidr
        - ['10.0.0.0/24', '10.0.1.0/24']
        - Sg${Env}&{Cidr}:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: !Sub '${Env} ${Cidr}'
";
    let root = doc(text);
    let (out, errors) = apply(&root, &Default::default());
    assert!(errors.is_empty(), "{errors:?}");
    let out = out.unwrap();
    let ids: Vec<String> = out
        .get("Resources")
        .unwrap()
        .as_map()
        .unwrap()
        .iter()
        .map(|e| e.key.clone())
        .collect();
    assert_eq!(
        ids,
        [
            "Sgdev1000024",
            "Sgdev1001024",
            "Sgprod1000024",
            "Sgprod1001024"
        ]
    );
}

#[test]
fn malformed_loops_are_errors_and_the_rest_is_scanned() {
    let text = "Resources:
  Fn::ForEach::Bad:
    - Name
    - [a]
  Open:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicRead
";
    let (findings, errors) = scan(text, "CFN1001");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("Fn::ForEach::Bad"), "{errors:?}");
    assert_eq!(findings.len(), 1);
}

#[test]
fn loops_that_generate_too_much_stop_with_an_error() {
    let values: Vec<String> = (0..120).map(|i| format!("v{i}")).collect();
    let list = values.join(", ");
    let text = format!(
        "Resources:
  Fn::ForEach::A:
    - X
    - [{list}]
    - Fn::ForEach::B:
        - Y
        - [{list}]
        - R${{X}}${{Y}}:
            Type: AWS::SNS::Topic
"
    );
    let root = doc(&text);
    let (out, errors) = apply(&root, &Default::default());
    assert_eq!(errors.len(), 1, "{errors:?}");
    let n = out
        .unwrap()
        .get("Resources")
        .unwrap()
        .as_map()
        .unwrap()
        .len();
    assert_eq!(n, palisade_cfn::transform::MAX_GENERATED);
}

const SAM: &str = "Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    Tracing: Active
    Environment:
      Variables:
        TABLE: data
    Layers: [arn:aws:lambda:us-east-1:123456789012:layer:shared:1]
Resources:
  Fn1:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Tracing: PassThrough
      Environment:
        Variables:
          MODE: fast
      Layers: [arn:aws:lambda:us-east-1:123456789012:layer:own:1]
  Fn2:
    Type: AWS::Serverless::Function
  Table:
    Type: AWS::DynamoDB::Table
";

#[test]
fn sam_globals_merge_as_sam_does() {
    let root = doc(SAM);
    let (out, errors) = apply(&root, &Default::default());
    assert!(errors.is_empty(), "{errors:?}");
    let out = out.unwrap();
    let res = out.get("Resources").unwrap();
    let p1 = res.get("Fn1").unwrap().get("Properties").unwrap();
    // The resource's scalar wins.
    assert_eq!(p1.get("Tracing").unwrap().as_str(), Some("PassThrough"));
    // Mappings merge key by key.
    let vars = p1.get("Environment").unwrap().get("Variables").unwrap();
    let keys: Vec<&str> = vars
        .as_map()
        .unwrap()
        .iter()
        .map(|e| e.key.as_str())
        .collect();
    assert_eq!(keys, ["MODE", "TABLE"]);
    // Lists join, Globals first.
    let layers: Vec<&str> = p1
        .get("Layers")
        .unwrap()
        .as_seq()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert!(layers[0].ends_with("shared:1") && layers[1].ends_with("own:1"));
    // A resource without Properties inherits them all.
    let p2 = res.get("Fn2").unwrap().get("Properties").unwrap();
    assert_eq!(p2.get("Runtime").unwrap().as_str(), Some("python3.12"));
    // Other types are untouched.
    assert!(res.get("Table").unwrap().get("Properties").is_none());
}

#[test]
fn unsupported_globals_sections_are_reported() {
    let text = SAM.replace("Globals:\n", "Globals:\n  Bucket:\n    Foo: 1\n");
    let (_, errors) = apply(&doc(&text), &Default::default());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("Globals.Bucket"));
}

#[test]
fn templates_without_loops_or_globals_are_not_copied() {
    let root = doc("Resources:\n  B:\n    Type: AWS::S3::Bucket\n");
    assert!(apply(&root, &Default::default()).0.is_none());
}
