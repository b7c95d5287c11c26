//! Structural problems are reported, all of them, and reading carries on.

use palisade_doc::{Node, Span, Value};
use palisade_iam::{parse_policy, Effect, PrincipalValue};

use crate::support::{at, issues, parse};

fn messages(src: &str) -> Vec<String> {
    issues(src).into_iter().map(|(m, _)| m).collect()
}

#[test]
fn missing_effect_points_at_the_statement() {
    let src = r#"{"Statement": [{"Action": "s3:GetObject", "Resource": "*"}]}"#;
    let parsed = parse(src);
    assert_eq!(parsed.issues.len(), 1);
    let issue = &parsed.issues[0];
    assert_eq!(issue.message, "statement has no `Effect`");
    assert!(issue.help.is_some());
    assert_eq!(
        at(src, issue.span),
        r#"{"Action": "s3:GetObject", "Resource": "*"}"#
    );
    let st = &parsed.policy.statements[0];
    assert_eq!(st.effect.value, Effect::Missing);
    assert_eq!(st.effect.span, st.span);
    assert!(!st.is_allow() && !st.is_deny());
    assert!(st.action.is_some(), "the rest is still read");
}

#[test]
fn effect_must_be_allow_or_deny_case_sensitively() {
    let src = r#"{"Statement": [{"Effect": "allow", "Action": "*"}, {"Effect": "Permit", "Action": "*"}, {"Effect": true, "Action": "*"}]}"#;
    let parsed = parse(src);
    let got: Vec<_> = parsed
        .issues
        .iter()
        .map(|i| (i.message.as_str(), at(src, i.span), i.help.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "`Effect` must be `Allow` or `Deny`, found `allow`",
                r#""allow""#,
                Some("the value is case-sensitive: use `Allow`")
            ),
            (
                "`Effect` must be `Allow` or `Deny`, found `Permit`",
                r#""Permit""#,
                Some("use `Allow` or `Deny`")
            ),
            (
                "`Effect` must be `Allow` or `Deny`, found a boolean",
                "true",
                None
            ),
        ]
    );
    assert!(parsed
        .policy
        .statements
        .iter()
        .all(|s| s.effect.value == Effect::Invalid));
}

#[test]
fn action_and_not_action_together() {
    let src = r#"{"Statement": {"Effect": "Allow", "Action": "s3:*", "NotAction": "iam:*", "Resource": "*", "NotResource": "x"}}"#;
    let parsed = parse(src);
    let got: Vec<_> = parsed
        .issues
        .iter()
        .map(|i| (i.message.as_str(), at(src, i.span)))
        .collect();
    assert_eq!(
        got,
        [
            (
                "a statement cannot have both `Action` and `NotAction`",
                r#""NotAction""#
            ),
            (
                "a statement cannot have both `Resource` and `NotResource`",
                r#""NotResource""#
            ),
        ]
    );
    let st = &parsed.policy.statements[0];
    assert!(
        !st.action.as_ref().unwrap().negated,
        "the first one is kept"
    );
    assert!(!st.resource.as_ref().unwrap().negated);
}

#[test]
fn principal_and_not_principal_together() {
    let src = r#"{"Statement": {"Effect": "Deny", "Action": "*", "NotPrincipal": {"AWS": "1"}, "Principal": "*"}}"#;
    assert_eq!(
        issues(src),
        [(
            "a statement cannot have both `Principal` and `NotPrincipal`".to_owned(),
            r#""Principal""#
        )]
    );
}

#[test]
fn missing_action() {
    let src = r#"{"Statement": {"Effect": "Allow", "Resource": "*"}}"#;
    assert_eq!(messages(src), ["statement has no `Action` or `NotAction`"]);
}

#[test]
fn missing_statement() {
    let src = r#"{"Version": "2012-10-17"}"#;
    assert_eq!(issues(src), [("policy has no `Statement`".to_owned(), src)]);
    assert!(parse(src).policy.statements.is_empty());
}

#[test]
fn empty_statement_list_and_empty_action_list() {
    assert_eq!(messages(r#"{"Statement": []}"#), ["`Statement` is empty"]);
    assert_eq!(
        messages(r#"{"Statement": {"Effect": "Allow", "Action": []}}"#),
        ["`Action` is empty"]
    );
}

#[test]
fn wrong_types_are_reported_and_the_rest_is_read() {
    let src = r#"{"Version": 2, "Id": ["x"], "Statement": [
        "not a statement",
        {"Sid": {"a": 1}, "Effect": "Allow", "Action": ["s3:GetObject", 7, true, null, ["nested"]], "Resource": {"a": "b"}},
        {"Effect": "Deny", "Action": "*", "Principal": "arn:aws:iam::1:root", "Condition": ["x"]},
        {"Effect": "Deny", "Action": "*", "Principal": {"AWS": [false], "Users": "x"},
         "Condition": {"StringEquals": "x", "Bogus": {"k": [null, {"a": "b"}]}}}
    ]}"#;
    let parsed = parse(src);
    let got: Vec<_> = parsed
        .issues
        .iter()
        .map(|i| (i.message.as_str(), at(src, i.span)))
        .collect();
    assert_eq!(
        got,
        [
            ("unknown policy version `2`", "2"),
            ("`Id` must be a string, found a list", r#"["x"]"#),
            ("a statement must be a mapping, found a string", r#""not a statement""#),
            ("`Sid` must be a string, found a mapping", r#"{"a": 1}"#),
            ("each `Action` value must be a string, found a boolean", "true"),
            ("each `Action` value must be a string, found null", "null"),
            ("each `Action` value must be a string, found a list", r#"["nested"]"#),
            ("each `Resource` value must be a string, found a mapping", r#"{"a": "b"}"#),
            ("`Principal` must be `*` or a mapping, found `arn:aws:iam::1:root`", r#""arn:aws:iam::1:root""#),
            ("`Condition` must be a mapping, found a list", r#"["x"]"#),
            ("each `Principal.AWS` value must be a string, found a boolean", "false"),
            ("unknown principal element `Users`", r#""Users""#),
            ("condition operator `StringEquals` must map condition keys to values, found a string", r#""x""#),
            ("unknown condition operator `Bogus`", r#""Bogus""#),
            ("each value of condition key `k` must be a string, number or boolean, found null", "null"),
            ("each value of condition key `k` must be a string, number or boolean, found a mapping", r#"{"a": "b"}"#),
        ]
    );
    // What could be read is kept.
    let doc = &parsed.policy;
    assert_eq!(doc.statements.len(), 3);
    assert_eq!(doc.statements[0].index, 1);
    let actions: Vec<_> = doc.statements[0]
        .action
        .as_ref()
        .unwrap()
        .known()
        .map(|(t, _)| t)
        .collect();
    assert_eq!(actions, ["s3:GetObject", "7"]);
    assert_eq!(
        doc.statements[1].principal.as_ref().unwrap().value,
        PrincipalValue::Unknown
    );
    let cond = doc.statements[2].condition.as_ref().unwrap();
    assert_eq!(cond.clauses.len(), 1, "the unknown operator is kept");
    assert_eq!(cond.clauses[0].operator.value.base.name(), "Bogus");
}

#[test]
fn unknown_elements_with_case_hint() {
    let src = r#"{"version": "2012-10-17", "Statement": {"Effect": "Allow", "action": "*", "Action": "*", "Foo": 1}}"#;
    let parsed = parse(src);
    let got: Vec<_> = parsed
        .issues
        .iter()
        .map(|i| (i.message.as_str(), i.help.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        got,
        [
            (
                "unknown policy element `version`",
                "element names are case-sensitive: use `Version`"
            ),
            (
                "unknown statement element `action`",
                "element names are case-sensitive: use `Action`"
            ),
            (
                "unknown statement element `Foo`",
                "statement elements are `Sid`, `Effect`, `Action`, `NotAction`, `Resource`, \
                 `NotResource`, `Principal`, `NotPrincipal` and `Condition`"
            ),
        ]
    );
}

#[test]
fn unknown_version_and_duplicate_sids() {
    let src = r#"{"Version": "2012-10-18", "Statement": [
        {"Sid": "A", "Effect": "Allow", "Action": "*"},
        {"Sid": "A", "Effect": "Allow", "Action": "*"},
        {"Sid": "B", "Effect": "Allow", "Action": "*"}]}"#;
    let got = issues(src);
    assert_eq!(
        got,
        [
            (
                "unknown policy version `2012-10-18`".to_owned(),
                r#""2012-10-18""#
            ),
            ("duplicate `Sid` `A`".to_owned(), r#""A""#),
        ]
    );
    // The duplicate, not the first, is pointed at.
    let parsed = parse(src);
    assert!(parsed.issues[1].span.start > parsed.policy.statements[1].span.start);
}

#[test]
fn non_mapping_documents() {
    assert_eq!(
        messages(r#"["Statement"]"#),
        ["a policy document must be a mapping, found a list"]
    );
    assert_eq!(
        messages(r#""{}""#),
        ["a policy document must be a mapping, found a string"]
    );
    assert_eq!(
        messages("null"),
        ["a policy document must be a mapping, found null"]
    );
    // An unresolved intrinsic is not a problem; there is nothing to read.
    let parsed = parse(r#"{"Fn::If": ["C", {}, {}]}"#);
    assert!(parsed.issues.is_empty());
    assert!(parsed.policy.statements.is_empty());
    assert_eq!(
        messages(r#"{"Statement": 3}"#),
        ["`Statement` must be a mapping or a list of mappings, found a number"]
    );
}

#[test]
fn issues_render_with_display() {
    let parsed = parse(r#"{"Statement": {"Action": "*"}}"#);
    assert_eq!(parsed.issues[0].to_string(), "statement has no `Effect`");
}

#[test]
fn tagged_yaml_nodes_are_unknown_and_core_tags_are_not() {
    // `!Custom foo` (kept verbatim by palisade-doc) is unresolved; `!!str 123` is plain text.
    let mut custom = Node::new(Span::new(30, 41), Value::String("foo".into()));
    custom.tag = Some("!Custom".into());
    let mut core = Node::new(Span::new(50, 59), Value::String("s3:Get*".into()));
    core.tag = Some("!!str".into());
    let actions = Node::new(Span::new(20, 60), Value::Seq(vec![custom, core]));
    let st = Node::new(
        Span::new(1, 70),
        Value::Map(vec![
            entry(
                "Effect",
                Node::new(Span::new(10, 15), Value::String("Allow".into())),
            ),
            entry("Action", actions),
        ]),
    );
    let root = Node::new(Span::new(0, 80), Value::Map(vec![entry("Statement", st)]));
    let parsed = parse_policy(&root);
    assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
    let values = &parsed.policy.statements[0].action.as_ref().unwrap().values;
    assert!(values[0].is_unknown());
    assert_eq!(values[0].span(), Span::new(30, 41));
    assert_eq!(values[1].known(), Some("s3:Get*"));
}

fn entry(key: &str, value: Node) -> palisade_doc::Entry {
    palisade_doc::Entry {
        key: key.to_owned(),
        key_span: Span::new(value.span.start as usize, value.span.start as usize),
        value,
    }
}
