//! Reading every form of every policy element.

use palisade_iam::{
    BaseOperator, ConditionOperator, ConditionValue, Effect, PolicyString, PrincipalKind,
    PrincipalValue, SetQualifier,
};

use crate::support::{at, clean, json};

#[test]
fn single_object_statement_with_string_action_and_resource() {
    let src = r#"{
        "Version": "2012-10-17",
        "Id": "MyPolicy",
        "Statement": {"Sid": "One", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}
    }"#;
    let doc = clean(src);
    assert_eq!(doc.version.as_ref().unwrap().value, "2012-10-17");
    assert_eq!(at(src, doc.version.unwrap().span), r#""2012-10-17""#);
    assert_eq!(doc.id.unwrap().value, "MyPolicy");
    assert_eq!(doc.span, json(src).span);
    assert_eq!(doc.statements.len(), 1);
    let st = &doc.statements[0];
    assert_eq!(st.index, 0);
    assert!(at(src, st.span).starts_with(r#"{"Sid": "One""#));
    assert_eq!(st.sid.as_ref().unwrap().value, "One");
    assert_eq!(st.effect.value, Effect::Allow);
    assert_eq!(at(src, st.effect.span), r#""Allow""#);
    let action = st.action.as_ref().unwrap();
    assert!(!action.negated);
    assert_eq!(at(src, action.key_span), r#""Action""#);
    assert_eq!(at(src, action.span), r#""s3:GetObject""#);
    assert_eq!(action.values.len(), 1);
    assert_eq!(action.values[0].known(), Some("s3:GetObject"));
    let resource = st.resource.as_ref().unwrap();
    assert!(!resource.negated);
    assert_eq!(resource.values[0].known(), Some("arn:aws:s3:::b/*"));
    assert!(st.principal.is_none());
    assert!(st.condition.is_none());
}

#[test]
fn statement_list_with_list_actions_keeps_order_and_index() {
    let src = r#"{"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": ["arn:aws:s3:::a", "arn:aws:s3:::b"]},
        {"Effect": "Deny", "NotAction": ["iam:*"], "NotResource": "*"}
    ]}"#;
    let doc = clean(src);
    assert_eq!(doc.statements.len(), 2);
    let (a, b) = (&doc.statements[0], &doc.statements[1]);
    assert_eq!((a.index, b.index), (0, 1));
    let actions: Vec<_> = a.action.as_ref().unwrap().known().map(|(t, _)| t).collect();
    assert_eq!(actions, ["s3:GetObject", "s3:PutObject"]);
    let spans: Vec<_> = a
        .action
        .as_ref()
        .unwrap()
        .values
        .iter()
        .map(|v| at(src, v.span()))
        .collect();
    assert_eq!(spans, [r#""s3:GetObject""#, r#""s3:PutObject""#]);
    assert_eq!(a.resource.as_ref().unwrap().values.len(), 2);
    assert_eq!(b.effect.value, Effect::Deny);
    assert!(b.is_deny());
    let not_action = b.action.as_ref().unwrap();
    assert!(not_action.negated);
    assert_eq!(at(src, not_action.key_span), r#""NotAction""#);
    assert_eq!(at(src, not_action.span), r#"["iam:*"]"#);
    assert!(b.resource.as_ref().unwrap().negated);
    assert_eq!(doc.allow_statements().count(), 1);
    assert_eq!(doc.deny_statements().count(), 1);
}

#[test]
fn unresolved_intrinsics_are_unknown_values_not_issues() {
    let src = r#"{"Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage",
        "Resource": [{"Fn::GetAtt": ["Queue", "Arn"]}, {"Ref": "Topic"}, "arn:aws:sqs:*:*:q"],
        "Principal": {"AWS": {"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:root"}}}]}"#;
    let doc = clean(src);
    let st = &doc.statements[0];
    let res = &st.resource.as_ref().unwrap().values;
    assert!(matches!(res[0], PolicyString::Unknown { .. }));
    assert_eq!(
        at(src, res[0].span()),
        r#"{"Fn::GetAtt": ["Queue", "Arn"]}"#
    );
    assert!(res[1].is_unknown());
    assert_eq!(res[2].known(), Some("arn:aws:sqs:*:*:q"));
    assert!(st.resource.as_ref().unwrap().has_unknown());
    let PrincipalValue::Map(entries) = &st.principal.as_ref().unwrap().value else {
        panic!("expected a principal map")
    };
    assert!(entries[0].values[0].is_unknown());
}

#[test]
fn whole_element_intrinsics() {
    let src = r#"{"Statement": [
        {"Effect": {"Fn::If": ["C", "Allow", "Deny"]}, "Action": {"Fn::Split": [",", {"Ref": "A"}]},
         "Principal": {"Fn::If": ["C", "*", {"Ref": "AWS::NoValue"}]}, "Condition": {"Fn::If": ["C", {}, {}]}},
        {"Fn::If": ["C", {"Effect": "Allow", "Action": "*"}, {"Ref": "AWS::NoValue"}]}
    ]}"#;
    let doc = clean(src);
    assert_eq!(
        doc.statements.len(),
        1,
        "an unresolved statement is skipped"
    );
    let st = &doc.statements[0];
    assert_eq!(st.effect.value, Effect::Unknown);
    assert!(st.action.as_ref().unwrap().values[0].is_unknown());
    assert_eq!(
        st.principal.as_ref().unwrap().value,
        PrincipalValue::Unknown
    );
    let cond = st.condition.as_ref().unwrap();
    assert!(cond.clauses.is_empty());
    assert_eq!(cond.unresolved.len(), 1);
    assert!(st.has_condition());
}

#[test]
fn numbers_are_coerced_to_text_like_cloudformation_does() {
    let src = r#"{"Statement": {"Effect": "Allow", "Action": "sts:AssumeRole",
        "Principal": {"AWS": 123456789012}}}"#;
    let doc = clean(src);
    let PrincipalValue::Map(entries) = &doc.statements[0].principal.as_ref().unwrap().value else {
        panic!()
    };
    assert_eq!(entries[0].values[0].known(), Some("123456789012"));
}

#[test]
fn principal_wildcard_string() {
    let src = r#"{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Principal": "*"}}"#;
    let doc = clean(src);
    let p = doc.statements[0].principal.as_ref().unwrap();
    assert!(!p.negated);
    assert_eq!(p.value, PrincipalValue::Wildcard);
    assert_eq!(at(src, p.key_span), r#""Principal""#);
    assert_eq!(at(src, p.span), r#""*""#);
}

#[test]
fn principal_map_of_every_kind_with_strings_and_lists() {
    let src = r#"{"Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {
        "AWS": ["arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:role/R"],
        "Service": "lambda.amazonaws.com",
        "Federated": ["cognito-identity.amazonaws.com"],
        "CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    }}}"#;
    let doc = clean(src);
    let p = doc.statements[0].principal.as_ref().unwrap();
    let PrincipalValue::Map(entries) = &p.value else {
        panic!()
    };
    let kinds: Vec<_> = entries.iter().map(|e| e.kind.clone()).collect();
    assert_eq!(
        kinds,
        [
            PrincipalKind::Aws,
            PrincipalKind::Service,
            PrincipalKind::Federated,
            PrincipalKind::CanonicalUser
        ]
    );
    assert_eq!(entries[0].values.len(), 2);
    assert_eq!(
        at(src, entries[0].values[1].span()),
        r#""arn:aws:iam::111122223333:role/R""#
    );
    assert_eq!(at(src, entries[1].key_span), r#""Service""#);
    assert_eq!(at(src, entries[1].span), r#""lambda.amazonaws.com""#);
    assert_eq!(
        entries[2].values[0].known(),
        Some("cognito-identity.amazonaws.com")
    );
    assert_eq!(entries[3].kind.as_str(), "CanonicalUser");
}

#[test]
fn not_principal() {
    let src = r#"{"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*",
        "NotPrincipal": {"AWS": ["arn:aws:iam::1:user/Bob", "arn:aws:iam::1:root"]}}}"#;
    let doc = clean(src);
    let p = doc.statements[0].principal.as_ref().unwrap();
    assert!(p.negated);
    assert_eq!(at(src, p.key_span), r#""NotPrincipal""#);
    let PrincipalValue::Map(entries) = &p.value else {
        panic!()
    };
    assert_eq!(entries[0].values.len(), 2);
}

#[test]
fn conditions_with_every_value_form() {
    let src = r#"{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {
        "StringEquals": {"aws:PrincipalOrgID": "o-123", "s3:prefix": ["a/", "b/"]},
        "Bool": {"aws:SecureTransport": false, "aws:MultiFactorAuthPresent": "true"},
        "NumericLessThan": {"s3:max-keys": 10},
        "ArnLike": {"aws:SourceArn": {"Fn::GetAtt": ["T", "Arn"]}}
    }}}"#;
    let doc = clean(src);
    let cond = doc.statements[0].condition.as_ref().unwrap();
    assert_eq!(at(src, cond.key_span), r#""Condition""#);
    assert!(cond.unresolved.is_empty());
    assert_eq!(cond.clauses.len(), 4);

    let eq = &cond.clauses[0];
    assert_eq!(eq.operator.value, ConditionOperator::parse("StringEquals"));
    assert_eq!(eq.operator.value.base, BaseOperator::StringEquals);
    assert_eq!(at(src, eq.operator.span), r#""StringEquals""#);
    assert_eq!(eq.entries.len(), 2);
    assert_eq!(eq.entries[0].key.value, "aws:PrincipalOrgID");
    assert_eq!(at(src, eq.entries[0].key.span), r#""aws:PrincipalOrgID""#);
    assert_eq!(
        eq.entries[0].values[0].value,
        ConditionValue::String("o-123".into())
    );
    let prefixes: Vec<_> = eq.entries[1]
        .values
        .iter()
        .map(|v| v.value.as_text().unwrap())
        .collect();
    assert_eq!(prefixes, ["a/", "b/"]);
    assert_eq!(at(src, eq.entries[1].values[1].span), r#""b/""#);

    let b = &cond.clauses[1];
    assert_eq!(b.operator.value.base, BaseOperator::Bool);
    assert_eq!(b.entries[0].values[0].value, ConditionValue::Bool(false));
    assert_eq!(b.entries[0].values[0].value.as_text(), Some("false"));
    assert_eq!(
        b.entries[1].values[0].value,
        ConditionValue::String("true".into())
    );

    let n = &cond.clauses[2];
    assert_eq!(
        n.entries[0].values[0].value,
        ConditionValue::Number("10".into())
    );
    assert_eq!(n.entries[0].values[0].value.as_text(), Some("10"));

    let arn = &cond.clauses[3];
    assert_eq!(arn.entries[0].values[0].value, ConditionValue::Unknown);
    assert_eq!(arn.entries[0].values[0].value.as_text(), None);
}

#[test]
fn conditions_with_if_exists_and_set_qualifiers() {
    let src = r#"{"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {
        "StringNotEqualsIfExists": {"aws:RequestedRegion": ["eu-west-1"]},
        "ForAnyValue:StringLike": {"aws:TagKeys": "team-*"},
        "ForAllValues:StringEqualsIgnoreCaseIfExists": {"aws:TagKeys": ["a", "b"]},
        "Null": {"aws:TokenIssueTime": "true"}
    }}}"#;
    let doc = clean(src);
    let ops: Vec<_> = doc.statements[0]
        .condition
        .as_ref()
        .unwrap()
        .clauses
        .iter()
        .map(|c| c.operator.value.clone())
        .collect();
    assert_eq!(ops[0].set, None);
    assert_eq!(ops[0].base, BaseOperator::StringNotEquals);
    assert!(ops[0].if_exists);
    assert!(ops[0].base.is_negated());
    assert_eq!(ops[1].set, Some(SetQualifier::ForAnyValue));
    assert_eq!(ops[1].base, BaseOperator::StringLike);
    assert!(!ops[1].if_exists);
    assert_eq!(ops[2].set, Some(SetQualifier::ForAllValues));
    assert_eq!(ops[2].base, BaseOperator::StringEqualsIgnoreCase);
    assert!(ops[2].if_exists);
    assert_eq!(ops[3].base, BaseOperator::Null);
    assert_eq!(
        ops[2].to_string(),
        "ForAllValues:StringEqualsIgnoreCaseIfExists"
    );
}

#[test]
fn operator_names_round_trip_and_unknown_ones_are_kept() {
    for name in [
        "StringEquals",
        "StringNotEqualsIgnoreCase",
        "NumericGreaterThanEqualsIfExists",
        "DateLessThan",
        "BinaryEquals",
        "NotIpAddressIfExists",
        "ArnNotLike",
        "ForAnyValue:ArnLike",
        "ForAllValues:StringNotLikeIfExists",
        "Null",
        "Bool",
    ] {
        let op = ConditionOperator::parse(name);
        assert!(op.is_known(), "{name}");
        assert_eq!(op.to_string(), name);
    }
    let unknown = ConditionOperator::parse("StringEqualz");
    assert_eq!(unknown.base, BaseOperator::Unknown("StringEqualz".into()));
    assert!(!unknown.is_known());
    let with_set = ConditionOperator::parse("ForAnyValue:Bogus");
    assert_eq!(with_set.set, Some(SetQualifier::ForAnyValue));
    assert_eq!(with_set.base.name(), "Bogus");
    // Operator names are case-sensitive; `IfExists` is not allowed on `Null`.
    assert!(!ConditionOperator::parse("stringequals").is_known());
    assert!(!ConditionOperator::parse("NullIfExists").is_known());
    assert!(!ConditionOperator::parse("IfExists").is_known());
    assert!(!ConditionOperator::parse("ForAnyValue:").is_known());
    assert_eq!(
        ConditionOperator::parse("NullIfExists").to_string(),
        "NullIfExists"
    );
}

#[test]
fn version_2008_and_no_version_are_accepted() {
    let doc =
        clean(r#"{"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Action": "*"}]}"#);
    assert_eq!(doc.version.unwrap().value, "2008-10-17");
    let doc = clean(r#"{"Statement": [{"Effect": "Allow", "Action": "*"}]}"#);
    assert!(doc.version.is_none());
}
