//! The same policies read through palisade-doc's own JSON and YAML parsers.

use palisade_doc::{parse, Format};
use palisade_iam::{parse_policy, Effect, PolicyDocument};

use crate::support::at;

fn read(src: &str, format: Format) -> PolicyDocument {
    let parsed = parse(src, format);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let root = parsed.root.expect("a tree");
    let policy = parse_policy(&root);
    assert!(policy.issues.is_empty(), "{:#?}", policy.issues);
    policy.policy
}

#[test]
fn json_policy() {
    let src = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"},
    {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["iam:Pass*"], "Resource": "*",
     "Condition": {"ForAnyValue:StringLikeIfExists": {"aws:TagKeys": ["a*"]}}}
  ]
}"#;
    let doc = read(src, Format::Json);
    let admin = &doc.statements[0];
    assert_eq!(
        at(src, admin.full_wildcard_action_span().unwrap()),
        r#""*""#
    );
    assert_eq!(at(src, admin.wildcard_resource_span().unwrap()), r#""*""#);
    let open = &doc.statements[1];
    assert_eq!(at(src, open.wildcard_principal_span().unwrap()), r#""*""#);
    assert!(open.grants_action("iam:PassRole"));
    assert_eq!(open.condition_keys(), ["aws:tagkeys"]);
}

#[test]
fn yaml_policy_with_cloudformation_short_forms() {
    let src = "\
Version: 2012-10-17
Statement:
  - Effect: Allow
    Action:
      - s3:GetObject
      - !Ref ExtraAction
    Resource: !Sub 'arn:aws:s3:::${Bucket}/*'
    Principal:
      AWS: 123456789012
  - Effect: !If [IsProd, Deny, Allow]
    NotAction: iam:*
";
    let doc = read(src, Format::Yaml);
    assert_eq!(doc.version.as_ref().unwrap().value, "2012-10-17");
    let first = &doc.statements[0];
    let actions = &first.action.as_ref().unwrap().values;
    assert_eq!(actions[0].known(), Some("s3:GetObject"));
    assert!(actions[1].is_unknown());
    assert_eq!(at(src, actions[1].span()), "!Ref ExtraAction");
    assert!(first.resource.as_ref().unwrap().values[0].is_unknown());
    assert!(!first.principal_is_wildcard());
    assert_eq!(doc.statements[1].effect.value, Effect::Unknown);
    assert!(doc.statements[1].action.as_ref().unwrap().negated);
}
