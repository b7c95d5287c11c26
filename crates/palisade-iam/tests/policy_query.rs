//! The statement queries template rules use.

use palisade_iam::Statement;

use crate::support::{at, clean};

/// The single statement of `{"Statement": <st>}`, with the full source for span checks.
fn one(st: &str) -> (String, Statement) {
    let src = format!(r#"{{"Statement": {st}}}"#);
    let doc = clean(&src);
    let statement = doc.statements.into_iter().next().unwrap();
    (src, statement)
}

#[test]
fn is_allow_and_is_deny() {
    assert!(one(r#"{"Effect": "Allow", "Action": "*"}"#).1.is_allow());
    assert!(!one(r#"{"Effect": "Allow", "Action": "*"}"#).1.is_deny());
    assert!(one(r#"{"Effect": "Deny", "Action": "*"}"#).1.is_deny());
    assert!(!one(r#"{"Effect": "Deny", "Action": "*"}"#).1.is_allow());
}

#[test]
fn full_wildcard_action() {
    let (src, st) = one(r#"{"Effect": "Allow", "Action": ["s3:GetObject", "*"]}"#);
    assert!(st.has_full_wildcard_action());
    assert_eq!(at(&src, st.full_wildcard_action_span().unwrap()), r#""*""#);
    assert!(!st.has_service_wildcard_action());

    assert!(one(r#"{"Effect": "Allow", "Action": "*:*"}"#)
        .1
        .has_full_wildcard_action());
    assert!(one(r#"{"Effect": "Allow", "Action": "**"}"#)
        .1
        .has_full_wildcard_action());
    for not_full in [
        r#""s3:*""#,
        r#""*:Get*""#,
        r#""?""#,
        r#""*a""#,
        r#"{"Ref": "A"}"#,
    ] {
        let (_, st) = one(&format!(r#"{{"Effect": "Allow", "Action": {not_full}}}"#));
        assert!(!st.has_full_wildcard_action(), "{not_full}");
    }
    // NotAction is a different finding.
    let (_, st) = one(r#"{"Effect": "Allow", "NotAction": "*"}"#);
    assert!(!st.has_full_wildcard_action());
}

#[test]
fn service_wildcard_action() {
    let (src, st) = one(r#"{"Effect": "Allow", "Action": ["s3:GetObject", "iam:*", "S3:**"]}"#);
    assert!(st.has_service_wildcard_action());
    assert_eq!(
        at(&src, st.service_wildcard_action_span().unwrap()),
        r#""iam:*""#
    );
    let services: Vec<_> = st.service_wildcard_actions().map(|(s, _)| s).collect();
    assert_eq!(services, ["iam", "S3"]);
    assert!(!st.has_full_wildcard_action());
    for not_service_wide in [
        r#""*""#,
        r#""s3:Get*""#,
        r#""s?:*""#,
        r#""*:*""#,
        r#"":*""#,
        r#""s3:""#,
    ] {
        let (_, st) = one(&format!(
            r#"{{"Effect": "Allow", "Action": {not_service_wide}}}"#
        ));
        assert!(!st.has_service_wildcard_action(), "{not_service_wide}");
    }
}

#[test]
fn wildcard_resource() {
    let (src, st) =
        one(r#"{"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "*"]}"#);
    assert!(st.has_wildcard_resource());
    assert_eq!(at(&src, st.wildcard_resource_span().unwrap()), r#""*""#);
    let (_, st) = one(r#"{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::*"}"#);
    assert!(!st.has_wildcard_resource());
    let (_, st) = one(r#"{"Effect": "Allow", "Action": "s3:*", "NotResource": "*"}"#);
    assert!(!st.has_wildcard_resource());
    let (_, st) = one(r#"{"Effect": "Allow", "Action": "s3:*"}"#);
    assert!(!st.has_wildcard_resource());
}

#[test]
fn wildcard_principal_in_every_form() {
    let cases = [
        (r#""*""#, Some(r#""*""#)),
        (r#"{"AWS": "*"}"#, Some(r#""*""#)),
        (r#"{"AWS": ["arn:aws:iam::1:root", "*"]}"#, Some(r#""*""#)),
        (
            r#"{"Service": "s3.amazonaws.com", "AWS": ["*"]}"#,
            Some(r#""*""#),
        ),
        (r#"{"AWS": "arn:aws:iam::1:root"}"#, None),
        (r#"{"Service": "*"}"#, None),
        (r#"{"AWS": {"Ref": "P"}}"#, None),
        (r#"{"Fn::If": ["C", "*", "x"]}"#, None),
    ];
    for (principal, expected) in cases {
        let (src, st) = one(&format!(
            r#"{{"Effect": "Allow", "Action": "s3:GetObject", "Principal": {principal}}}"#
        ));
        assert_eq!(
            st.wildcard_principal_span().map(|s| at(&src, s)),
            expected,
            "{principal}"
        );
        assert_eq!(st.principal_is_wildcard(), expected.is_some());
    }
    let (_, st) = one(r#"{"Effect": "Deny", "Action": "*", "NotPrincipal": "*"}"#);
    assert!(!st.principal_is_wildcard());
    let (_, st) = one(r#"{"Effect": "Allow", "Action": "*"}"#);
    assert!(!st.principal_is_wildcard());
}

#[test]
fn grants_action_with_wildcards_and_case() {
    let (src, st) = one(r#"{"Effect": "Allow", "Action": ["s3:GetObject", "iam:Pass*"]}"#);
    assert!(st.grants_action("iam:PassRole"));
    assert!(st.grants_action("IAM:passrole"));
    assert_eq!(
        at(&src, st.action_match_span("iam:PassRole").unwrap()),
        r#""iam:Pass*""#
    );
    assert!(st.grants_action("s3:getobject"));
    assert!(!st.grants_action("iam:CreateUser"));
    assert!(!st.grants_action("s3:GetObjectAcl"));

    let (_, st) = one(r#"{"Effect": "Allow", "Action": "*"}"#);
    assert!(st.grants_action("iam:PassRole"));
    let (_, st) = one(r#"{"Effect": "Allow", "Action": "iam:*"}"#);
    assert!(st.grants_action("iam:PassRole"));
    let (_, st) = one(r#"{"Effect": "Allow", "Action": "iam:?assRole"}"#);
    assert!(st.grants_action("iam:PassRole"));

    // A Deny statement covers the action but grants nothing.
    let (_, st) = one(r#"{"Effect": "Deny", "Action": "iam:*"}"#);
    assert!(st.matches_action("iam:PassRole"));
    assert!(!st.grants_action("iam:PassRole"));
}

#[test]
fn grants_action_through_not_action() {
    let (src, st) = one(r#"{"Effect": "Allow", "NotAction": ["s3:*", "ec2:*"], "Resource": "*"}"#);
    assert!(st.grants_action("iam:PassRole"));
    assert_eq!(
        at(&src, st.action_match_span("iam:PassRole").unwrap()),
        r#"["s3:*", "ec2:*"]"#
    );
    assert!(!st.grants_action("s3:GetObject"));
    assert!(!st.grants_action("EC2:RunInstances"));
    // An unknown NotAction value might exclude anything: no claim.
    let (_, st) = one(r#"{"Effect": "Allow", "NotAction": ["s3:*", {"Ref": "X"}]}"#);
    assert!(!st.grants_action("iam:PassRole"));
    // Unknown Action values match nothing.
    let (_, st) = one(r#"{"Effect": "Allow", "Action": {"Ref": "X"}}"#);
    assert!(!st.grants_action("iam:PassRole"));
}

#[test]
fn conditions() {
    let (src, st) = one(r#"{"Effect": "Allow", "Action": "*", "Condition": {
            "StringEquals": {"aws:PrincipalOrgID": "o-1", "AWS:SourceAccount": "1"},
            "ForAnyValue:StringLike": {"aws:principalorgid": "o-*", "s3:Prefix": "x"}}}"#);
    assert!(st.has_condition());
    assert!(at(&src, st.condition_span().unwrap()).starts_with(r#"{"#));
    assert_eq!(
        st.condition_keys(),
        ["aws:principalorgid", "aws:sourceaccount", "s3:prefix"]
    );
    let (_, st) = one(r#"{"Effect": "Allow", "Action": "*"}"#);
    assert!(!st.has_condition());
    assert!(st.condition_span().is_none());
    assert!(st.condition_keys().is_empty());
    let (_, st) = one(r#"{"Effect": "Allow", "Action": "*", "Condition": {}}"#);
    assert!(!st.has_condition(), "an empty condition restricts nothing");
    let (_, st) = one(r#"{"Effect": "Allow", "Action": "*", "Condition": {"Bool": {"Ref": "C"}}}"#);
    assert!(
        st.has_condition(),
        "an unresolved condition still restricts"
    );
    assert!(st.condition_keys().is_empty());
}
