//! Decisions per second on a realistic layered policy set (issue 3's speed target: at least
//! 100,000 decisions per second per core). Run with `cargo bench -p palisade-iam --bench eval`
//! (or `scripts/bench-iam`); prints the median of 5 rounds. Not a test: nothing is asserted.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::indexing_slicing
)]

use std::time::Instant;

use palisade_iam::eval::{
    evaluate, Decision, Named, Policies, Principal, Request, RequestContext, ResourcePolicyKind,
};
use palisade_iam::{parse_policy, PolicyDocument};

fn policy(text: &str) -> PolicyDocument {
    let parsed = palisade_doc::parse(text, palisade_doc::Format::Json);
    parse_policy(&parsed.root.unwrap()).policy
}

fn main() {
    let identity = [
        policy(
            r#"{"Version":"2012-10-17","Statement":[
            {"Sid":"Read","Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":["arn:aws:s3:::data-*","arn:aws:s3:::data-*/*"]},
            {"Sid":"Home","Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*"},
            {"Sid":"Ec2","Effect":"Allow","Action":["ec2:Describe*","ec2:StartInstances","ec2:StopInstances"],"Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}}]}"#,
        ),
        policy(
            r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:Query","dynamodb:PutItem"],"Resource":"arn:aws:dynamodb:*:111111111111:table/app-*"},
            {"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]}"#,
        ),
        policy(
            r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":["kms:Decrypt","kms:GenerateDataKey*"],"Resource":"arn:aws:kms:eu-west-1:111111111111:key/*","Condition":{"StringLike":{"kms:ViaService":"s3.*.amazonaws.com"}}},
            {"Effect":"Allow","Action":"sqs:*","Resource":"arn:aws:sqs:eu-west-1:111111111111:app-*"}]}"#,
        ),
    ];
    let boundary = policy(
        r#"{"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":["s3:*","ec2:*","dynamodb:*","kms:*","sqs:*"],"Resource":"*"},
        {"Effect":"Deny","Action":["iam:*","organizations:*"],"Resource":"*"}]}"#,
    );
    let full = policy(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
    );
    let region = policy(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":["iam:*","sts:*","cloudfront:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1","eu-central-1"]}}}]}"#,
    );
    let guard = policy(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["cloudtrail:StopLogging","cloudtrail:DeleteTrail","guardduty:Delete*"],"Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:root"}}}]}"#,
    );
    let rcp_full = policy(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#,
    );
    let rcp = policy(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":["s3:*","sqs:*","kms:*"],"Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-abc123"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}]}"#,
    );
    let bucket = policy(
        r#"{"Version":"2012-10-17","Statement":[
        {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::data-reports","arn:aws:s3:::data-reports/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}},
        {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:role/analyst"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::data-reports/*"}]}"#,
    );

    let named = |name, doc| Named { name, doc };
    let policies = Policies {
        identity: identity.iter().map(|d| named("identity", d)).collect(),
        boundary: Some(named("boundary", &boundary)),
        resource: Some((named("bucket", &bucket), ResourcePolicyKind::Generic)),
        scps: vec![
            vec![named("FullAWSAccess", &full)],
            vec![named("FullAWSAccess", &full), named("region", &region)],
            vec![named("FullAWSAccess", &full), named("guard", &guard)],
        ],
        rcps: vec![vec![
            named("RCPFullAWSAccess", &rcp_full),
            named("rcp", &rcp),
        ]],
        ..Policies::default()
    };
    let mut ctx = RequestContext::new();
    ctx.set("aws:username", "analyst-1")
        .set("aws:PrincipalTag/team", "blue")
        .set("aws:ResourceTag/team", "blue")
        .set("aws:RequestedRegion", "eu-west-1")
        .set("aws:SecureTransport", "true")
        .set("aws:PrincipalOrgID", "o-abc123")
        .set("aws:PrincipalIsAWSService", "false")
        .set("aws:PrincipalArn", "arn:aws:iam::111111111111:role/analyst")
        .set("kms:ViaService", "s3.eu-west-1.amazonaws.com");
    let principal = Principal::RoleSession {
        role_arn: "arn:aws:iam::111111111111:role/analyst".into(),
        session_arn: "arn:aws:sts::111111111111:assumed-role/analyst/s".into(),
    };
    let cases = [
        ("s3:GetObject", "arn:aws:s3:::data-reports/2026/q3.csv"),
        ("s3:PutObject", "arn:aws:s3:::home/analyst-1/notes"),
        ("s3:DeleteObject", "arn:aws:s3:::home/analyst-1/notes"),
        (
            "ec2:StartInstances",
            "arn:aws:ec2:eu-west-1:111111111111:instance/i-1",
        ),
        (
            "dynamodb:Query",
            "arn:aws:dynamodb:eu-west-1:111111111111:table/app-orders",
        ),
        ("kms:Decrypt", "arn:aws:kms:eu-west-1:111111111111:key/k-1"),
        ("iam:CreateUser", "arn:aws:iam::111111111111:user/x"),
        (
            "sqs:SendMessage",
            "arn:aws:sqs:eu-west-1:111111111111:app-jobs",
        ),
    ];
    let requests: Vec<Request> = cases
        .iter()
        .map(|(a, r)| Request {
            principal: principal.clone(),
            action: (*a).into(),
            resource: (*r).into(),
            resource_account: None,
            context: ctx.clone(),
        })
        .collect();
    let decisions: Vec<Decision> = requests
        .iter()
        .map(|r| evaluate(r, &policies).decision)
        .collect();
    println!("decisions: {decisions:?}");
    if std::env::var_os("EXPLAIN").is_some() {
        for r in &requests {
            println!("{:#?}", evaluate(r, &policies));
        }
    }

    let rounds = 5;
    let per_round = 200_000;
    let mut rates = Vec::new();
    for _ in 0..rounds {
        let start = Instant::now();
        let mut allowed = 0usize;
        for i in 0..per_round {
            let r = &requests[i % requests.len()];
            if evaluate(r, &policies).decision == Decision::Allowed {
                allowed += 1;
            }
        }
        let secs = start.elapsed().as_secs_f64();
        rates.push(per_round as f64 / secs);
        std::hint::black_box(allowed);
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "decisions per second (one thread, median of {rounds} rounds of {per_round}): {:.0}",
        rates[rounds / 2]
    );
    println!("target: >= 100000 per core");
}
