//! ARNs: parsing, validation, and Resource matching with segments and policy variables.

use std::collections::HashMap;

use palisade_iam::arn::{
    partition_of_region, resource_arn_matches, Arn, ArnError, ArnPattern, ArnProblem, Variables,
};
use proptest::prelude::*;

#[test]
fn parse_keeps_colons_in_the_resource_and_round_trips() {
    let text = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:log-stream:x";
    let arn = Arn::parse(text).unwrap();
    assert_eq!(arn.partition, "aws");
    assert_eq!(arn.service, "logs");
    assert_eq!(arn.region, "us-east-1");
    assert_eq!(arn.account, "123456789012");
    assert_eq!(arn.resource, "log-group:/aws/lambda/f:log-stream:x");
    assert_eq!(arn.to_string(), text);
    let bucket = Arn::parse("arn:aws:s3:::bucket/key").unwrap();
    assert_eq!((bucket.region, bucket.account), ("", ""));
}

#[test]
fn parse_errors_say_what_is_missing() {
    assert_eq!(Arn::parse("bucket"), Err(ArnError::NotAnArn));
    assert_eq!(Arn::parse("ARN:aws:s3:::b"), Err(ArnError::NotAnArn));
    assert_eq!(Arn::parse("arn:aws:s3:b"), Err(ArnError::MissingParts(4)));
    assert_eq!(Arn::parse("arn::s3:::b"), Err(ArnError::EmptyPartition));
    assert_eq!(Arn::parse("arn:aws::::b"), Err(ArnError::EmptyService));
    assert_eq!(Arn::parse("arn:aws:s3:::"), Err(ArnError::EmptyResource));
    let message = ArnError::MissingParts(4).to_string();
    assert!(message.contains("6"), "{message}");
}

fn problems(text: &str) -> Vec<ArnProblem> {
    Arn::parse(text).unwrap().problems()
}

#[test]
fn validation_per_partition_and_service() {
    for good in [
        "arn:aws:s3:::bucket/key",
        "arn:aws:iam::123456789012:role/path/name",
        "arn:aws:iam::aws:policy/AdministratorAccess",
        "arn:aws-cn:ec2:cn-north-1:123456789012:instance/i-1",
        "arn:aws-us-gov:sqs:us-gov-west-1:123456789012:q",
        "arn:aws:s3:us-west-2:123456789012:accesspoint/ap",
        "arn:aws:s3::123456789012:accesspoint/abc.mrap",
        "arn:aws:ec2:*:*:instance/*",
        "arn:aws:iam::${aws:PrincipalAccount}:role/x",
    ] {
        assert_eq!(problems(good), vec![], "{good}");
    }
    assert_eq!(
        problems("arn:amazon:s3:::b"),
        vec![ArnProblem::UnknownPartition("amazon".into())]
    );
    assert_eq!(
        problems("arn:aws:S3:::b"),
        vec![ArnProblem::InvalidService("S3".into())]
    );
    assert_eq!(
        problems("arn:aws:s*:::b"),
        vec![ArnProblem::WildcardInService("s*".into())]
    );
    assert_eq!(
        problems("arn:aws:sqs:useast1:123456789012:q"),
        vec![ArnProblem::InvalidRegion("useast1".into())]
    );
    assert_eq!(
        problems("arn:aws:sqs:cn-north-1:123456789012:q"),
        vec![ArnProblem::RegionOutsidePartition {
            region: "cn-north-1".into(),
            partition: "aws".into(),
            expected: "aws-cn"
        }]
    );
    assert_eq!(
        problems("arn:aws:iam:us-east-1:123456789012:role/x"),
        vec![ArnProblem::RegionNotAllowed {
            service: "iam".into(),
            region: "us-east-1".into()
        }]
    );
    assert_eq!(
        problems("arn:aws:sqs:us-east-1:1234:q"),
        vec![ArnProblem::InvalidAccount("1234".into())]
    );
    assert_eq!(
        problems("arn:aws:s3:us-east-1::bucket"),
        vec![ArnProblem::S3BucketWithRegionOrAccount]
    );
}

#[test]
fn regions_map_to_their_partition() {
    for (region, partition) in [
        ("us-east-1", Some("aws")),
        ("ap-southeast-5", Some("aws")),
        ("cn-northwest-1", Some("aws-cn")),
        ("us-gov-east-1", Some("aws-us-gov")),
        ("us-iso-east-1", Some("aws-iso")),
        ("us-isob-east-1", Some("aws-iso-b")),
        ("eu-isoe-west-1", Some("aws-iso-e")),
        ("us-isof-south-1", Some("aws-iso-f")),
        ("eusc-de-east-1", Some("aws-eusc")),
        ("us-east", None),
        ("us-east-1a", None),
        ("US-EAST-1", None),
        ("", None),
    ] {
        assert_eq!(partition_of_region(region), partition, "{region}");
    }
}

#[test]
fn wildcards_stay_inside_a_segment_unless_they_end_it() {
    let m = resource_arn_matches;
    assert!(m("*", "arn:aws:s3:::anything/at:all"));
    assert!(m("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b/c"));
    assert!(!m("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket"));
    assert!(m("arn:aws:s3:::bucket*", "arn:aws:s3:::bucket/key"));
    // a `*` that ends a segment spans colons
    assert!(m(
        "arn:aws:iam::*:role/*",
        "arn:aws:iam::123456789012:role/x"
    ));
    assert!(m(
        "arn:aws:logs:*:*:log-group:/aws/lambda/*",
        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:log-stream:s"
    ));
    assert!(m("arn:aws:sqs:*", "arn:aws:sqs:us-east-1:123456789012:q"));
    // a `*` inside a segment does not
    assert!(m(
        "arn:aws:ec2:us-*-1:*:instance/*",
        "arn:aws:ec2:us-east-1:1:instance/i"
    ));
    assert!(!m(
        "arn:aws:ec2:us-*-1:*:instance/*",
        "arn:aws:ec2:us-east:x-1:1:instance/i"
    ));
    assert!(!m(
        "arn:aws:sqs:us-east-1:1*2:q",
        "arn:aws:sqs:us-east-1:1:2:q"
    ));
    // `?` is one character, never a colon
    assert!(m("arn:aws:sqs:us-east-?:1:q", "arn:aws:sqs:us-east-1:1:q"));
    assert!(!m("arn:aws:sqs:us-east-1?1:q", "arn:aws:sqs:us-east-1:1:q"));
    assert!(m("arn:aws:s3:::b/?", "arn:aws:s3:::b/é"));
    // case-sensitive
    assert!(!m("arn:aws:s3:::Bucket", "arn:aws:s3:::bucket"));
    // exact
    assert!(m("arn:aws:s3:::b", "arn:aws:s3:::b"));
    assert!(!m("arn:aws:s3:::b", "arn:aws:s3:::bb"));
    assert!(m("", ""));
    assert!(!m("", "x"));
}

fn context(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), (*v).to_string()))
        .collect();
    move |key: &str| map.get(&key.to_ascii_lowercase()).cloned()
}

fn matches_with(pattern: &str, arn: &str, ctx: &dyn Fn(&str) -> Option<String>) -> bool {
    ArnPattern::compile(pattern, Variables::Resolve(ctx)).is_some_and(|p| p.matches(arn))
}

#[test]
fn policy_variables_substitute_literal_values() {
    let ctx = context(&[("aws:username", "bob"), ("aws:PrincipalTag/team", "a*b")]);
    let pattern = "arn:aws:s3:::home/${aws:username}/*";
    assert!(matches_with(pattern, "arn:aws:s3:::home/bob/notes", &ctx));
    assert!(!matches_with(
        pattern,
        "arn:aws:s3:::home/alice/notes",
        &ctx
    ));
    // key names are case-insensitive
    assert!(matches_with(
        "arn:aws:s3:::home/${AWS:UserName}",
        "arn:aws:s3:::home/bob",
        &ctx
    ));
    // a substituted value is literal: `*` in it is not a wildcard
    let tagged = "arn:aws:s3:::team/${aws:PrincipalTag/team}";
    assert!(matches_with(tagged, "arn:aws:s3:::team/a*b", &ctx));
    assert!(!matches_with(tagged, "arn:aws:s3:::team/axxb", &ctx));
    // escapes
    assert!(matches_with(
        "arn:aws:s3:::b/${*}${?}${$}",
        "arn:aws:s3:::b/*?$",
        &ctx
    ));
    assert!(!matches_with(
        "arn:aws:s3:::b/${*}",
        "arn:aws:s3:::b/x",
        &ctx
    ));
}

#[test]
fn missing_variables_use_their_default_or_match_nothing() {
    let ctx = context(&[("aws:username", "bob")]);
    let nothing = |_: &str| None;
    assert!(
        ArnPattern::compile("arn:aws:s3:::h/${aws:userid}", Variables::Resolve(&ctx)).is_none()
    );
    assert!(!matches_with("*${aws:userid}", "anything", &ctx));
    assert!(matches_with(
        "arn:aws:s3:::h/${ aws:PrincipalTag/team , 'company-wide' }/*",
        "arn:aws:s3:::h/company-wide/x",
        &nothing
    ));
    assert!(matches_with(
        "arn:aws:s3:::h/${aws:username, 'anon'}",
        "arn:aws:s3:::h/bob",
        &ctx
    ));
    // '' is a quote inside the default; a closing brace inside quotes is text
    assert!(matches_with("x${k, 'it''s}'}", "xit's}", &nothing));
    // malformed: unterminated, empty key, unquoted default, whitespace in the key
    for bad in [
        "x${aws:username",
        "x${}",
        "x${k, default}",
        "x${aws: username}",
        "x${k, 'a'b'}",
    ] {
        assert!(
            ArnPattern::compile(bad, Variables::Resolve(&ctx)).is_none(),
            "{bad}"
        );
    }
    // one pass only: a default that looks like a variable stays text
    assert!(matches_with(
        "${k, '${aws:username}'}",
        "${aws:username}",
        &ctx
    ));
}

#[test]
fn without_variables_the_text_is_literal() {
    // Version 2008-10-17: `${aws:username}` is just text
    assert!(resource_arn_matches(
        "arn:aws:s3:::h/${aws:username}",
        "arn:aws:s3:::h/${aws:username}"
    ));
    assert!(!resource_arn_matches(
        "arn:aws:s3:::h/${aws:username}",
        "arn:aws:s3:::h/bob"
    ));
}

/// The reference reading of the documented rule, by recursion over segments (small inputs only).
fn reference(pattern: &[u8], text: &[u8]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some((b'*', rest)) => {
            let any = matches!(rest.first(), None | Some(b':'));
            (0..=text.len())
                .take_while(|&k| any || k == 0 || text[k - 1] != b':')
                .any(|k| reference(rest, &text[k..]))
        }
        Some((b'?', rest)) => {
            matches!(text.first(), Some(c) if *c != b':') && reference(rest, &text[1..])
        }
        Some((c, rest)) => text.first() == Some(c) && reference(rest, &text[1..]),
    }
}

proptest! {
    #[test]
    fn the_matcher_agrees_with_the_reference(pattern in "[ab:*?]{0,10}", text in "[ab:]{0,10}") {
        prop_assert_eq!(resource_arn_matches(&pattern, &text), reference(pattern.as_bytes(), text.as_bytes()));
    }

    #[test]
    fn parse_never_panics(text in "(arn:)?[a-z0-9:*$?{}' -]{0,40}") {
        if let Ok(arn) = Arn::parse(&text) {
            prop_assert_eq!(arn.to_string(), text.clone());
            drop(arn.problems());
        }
        let ctx = |_: &str| Some("v".to_string());
        if let Some(p) = ArnPattern::compile(&text, Variables::Resolve(&ctx)) {
            let _ = p.matches(&text);
        }
    }
}
