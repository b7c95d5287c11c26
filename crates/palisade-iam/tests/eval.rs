//! The evaluation engine against the edge cases of `shared/reference/iam-evaluation.md` §8 and
//! the decision procedure of §3.

use palisade_iam::eval::{
    evaluate, parse_date, Decision, Layer, Named, Policies, Principal, Request, RequestContext,
    ResourcePolicyKind,
};
use palisade_iam::PolicyDocument;

use crate::support::clean;

const A: &str = "111111111111";
const B: &str = "222222222222";

fn user(name: &str) -> Principal {
    Principal::User {
        arn: format!("arn:aws:iam::{A}:user/{name}"),
    }
}

fn session(role: &str, name: &str) -> Principal {
    Principal::RoleSession {
        role_arn: format!("arn:aws:iam::{A}:role/{role}"),
        session_arn: format!("arn:aws:sts::{A}:assumed-role/{role}/{name}"),
    }
}

fn req(principal: Principal, action: &str, resource: &str) -> Request {
    Request {
        principal,
        action: action.into(),
        resource: resource.into(),
        resource_account: None,
        context: RequestContext::new(),
    }
}

fn allow(action: &str, resource: &str) -> PolicyDocument {
    clean(&format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"{action}","Resource":"{resource}"}}]}}"#
    ))
}

fn named(doc: &PolicyDocument) -> Named<'_> {
    Named { name: "p", doc }
}

fn decide(r: &Request, p: &Policies<'_>) -> Decision {
    evaluate(r, p).decision
}

const BUCKET: &str = "arn:aws:s3:::data/report.csv";

#[test]
fn identity_policy_allows_and_nothing_implicitly_denies() {
    let doc = allow("s3:Get*", "arn:aws:s3:::data/*");
    let p = Policies {
        identity: vec![named(&doc)],
        ..Policies::default()
    };
    assert_eq!(
        decide(&req(user("bob"), "s3:GetObject", BUCKET), &p),
        Decision::Allowed
    );
    // action names are case-insensitive, resources case-sensitive (§8.13)
    assert_eq!(
        decide(&req(user("bob"), "S3:getobject", BUCKET), &p),
        Decision::Allowed
    );
    assert_eq!(
        decide(&req(user("bob"), "s3:GetObject", "arn:aws:s3:::Data/x"), &p),
        Decision::ImplicitlyDenied
    );
    assert_eq!(
        decide(&req(user("bob"), "s3:PutObject", BUCKET), &p),
        Decision::ImplicitlyDenied
    );
    assert_eq!(
        decide(
            &req(user("bob"), "s3:GetObject", BUCKET),
            &Policies::default()
        ),
        Decision::ImplicitlyDenied
    );
}

#[test]
fn an_explicit_deny_anywhere_wins_and_is_explained() {
    let grant = allow("*", "*");
    let deny = clean(
        r#"{"Version":"2012-10-17","Statement":[{"Sid":"NoDelete","Effect":"Deny","Action":"s3:Delete*","Resource":"*"}]}"#,
    );
    let p = Policies {
        identity: vec![
            named(&grant),
            Named {
                name: "guard",
                doc: &deny,
            },
        ],
        ..Policies::default()
    };
    let e = evaluate(&req(user("bob"), "s3:DeleteObject", BUCKET), &p);
    assert_eq!(e.decision, Decision::ExplicitlyDenied);
    let last = e.steps.last().unwrap();
    assert_eq!(last.layer, Layer::IdentityBasedPolicy);
    assert_eq!(last.statements[0].policy, "guard");
    assert_eq!(last.statements[0].sid.as_deref(), Some("NoDelete"));
}

#[test]
fn not_action_allow_grants_unrelated_services() {
    // §8.5
    let doc = clean(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"s3:*","Resource":"*"}]}"#,
    );
    let p = Policies {
        identity: vec![named(&doc)],
        ..Policies::default()
    };
    assert_eq!(
        decide(&req(user("bob"), "iam:CreateUser", "*"), &p),
        Decision::Allowed
    );
    assert_eq!(
        decide(&req(user("bob"), "s3:GetObject", BUCKET), &p),
        Decision::ImplicitlyDenied
    );
}

fn bucket_policy(principal: &str) -> PolicyDocument {
    clean(&format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{principal}"}},"Action":"s3:GetObject","Resource":"arn:aws:s3:::data/*"}}]}}"#
    ))
}

#[test]
fn same_account_resource_policy_grants_by_what_it_names() {
    // §8.1: a user named by the bucket policy needs no identity policy
    let named_user = bucket_policy(&format!("arn:aws:iam::{A}:user/bob"));
    let p = Policies {
        resource: Some((named(&named_user), ResourcePolicyKind::Generic)),
        ..Policies::default()
    };
    assert_eq!(
        decide(&req(user("bob"), "s3:GetObject", BUCKET), &p),
        Decision::Allowed
    );
    assert_eq!(
        decide(&req(user("alice"), "s3:GetObject", BUCKET), &p),
        Decision::ImplicitlyDenied
    );

    // a role named by ARN: the grant joins the role's permissions, so the boundary limits it
    let named_role = bucket_policy(&format!("arn:aws:iam::{A}:role/app"));
    let boundary = allow("ec2:*", "*");
    let limited = Policies {
        resource: Some((named(&named_role), ResourcePolicyKind::Generic)),
        boundary: Some(named(&boundary)),
        ..Policies::default()
    };
    let r = req(session("app", "s1"), "s3:GetObject", BUCKET);
    assert_eq!(decide(&r, &limited), Decision::ImplicitlyDenied);
    let unlimited = Policies {
        boundary: None,
        ..limited.clone()
    };
    assert_eq!(decide(&r, &unlimited), Decision::Allowed);

    // the session named exactly: a direct grant, the boundary does not limit it
    let named_session = bucket_policy(&format!("arn:aws:sts::{A}:assumed-role/app/s1"));
    let p = Policies {
        resource: Some((named(&named_session), ResourcePolicyKind::Generic)),
        boundary: Some(named(&boundary)),
        ..Policies::default()
    };
    assert_eq!(decide(&r, &p), Decision::Allowed);

    // the account: delegates to identity policies
    let named_account = bucket_policy(&format!("arn:aws:iam::{A}:root"));
    let p = Policies {
        resource: Some((named(&named_account), ResourcePolicyKind::Generic)),
        ..Policies::default()
    };
    assert_eq!(
        decide(&req(user("bob"), "s3:GetObject", BUCKET), &p),
        Decision::ImplicitlyDenied
    );
}

#[test]
fn kms_key_policy_must_allow_even_an_administrator() {
    // §8.2
    let admin = allow("*", "*");
    let key = "arn:aws:kms:us-east-1:111111111111:key/k";
    let no_account = clean(&format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{A}:user/ops"}},"Action":"kms:*","Resource":"*"}}]}}"#
    ));
    let p = Policies {
        identity: vec![named(&admin)],
        resource: Some((named(&no_account), ResourcePolicyKind::KmsKey)),
        ..Policies::default()
    };
    assert_eq!(
        decide(&req(user("bob"), "kms:Decrypt", key), &p),
        Decision::ImplicitlyDenied
    );
    assert_eq!(
        decide(&req(user("ops"), "kms:Decrypt", key), &p),
        Decision::Allowed
    );
    let enable_iam = clean(&format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{A}:root"}},"Action":"kms:*","Resource":"*"}}]}}"#
    ));
    let p = Policies {
        identity: vec![named(&admin)],
        resource: Some((named(&enable_iam), ResourcePolicyKind::KmsKey)),
        ..Policies::default()
    };
    assert_eq!(
        decide(&req(user("bob"), "kms:Decrypt", key), &p),
        Decision::Allowed
    );
    let p = Policies {
        identity: vec![],
        ..p
    };
    assert_eq!(
        decide(&req(user("bob"), "kms:Decrypt", key), &p),
        Decision::ImplicitlyDenied
    );
}

#[test]
fn trust_policy_naming_the_account_needs_an_identity_grant() {
    // §8.3
    let role = format!("arn:aws:iam::{A}:role/target");
    let trust_account = clean(&format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{A}"}},"Action":"sts:AssumeRole"}}]}}"#
    ));
    let p = Policies {
        resource: Some((named(&trust_account), ResourcePolicyKind::RoleTrust)),
        ..Policies::default()
    };
    assert_eq!(
        decide(&req(user("bob"), "sts:AssumeRole", &role), &p),
        Decision::ImplicitlyDenied
    );
    let grant = allow("sts:AssumeRole", &role);
    let p = Policies {
        identity: vec![named(&grant)],
        ..p
    };
    assert_eq!(
        decide(&req(user("bob"), "sts:AssumeRole", &role), &p),
        Decision::Allowed
    );
    let trust_user = clean(&format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{A}:user/bob"}},"Action":"sts:AssumeRole"}}]}}"#
    ));
    let p = Policies {
        resource: Some((named(&trust_user), ResourcePolicyKind::RoleTrust)),
        ..Policies::default()
    };
    assert_eq!(
        decide(&req(user("bob"), "sts:AssumeRole", &role), &p),
        Decision::Allowed
    );
}

#[test]
fn deny_with_not_principal_quirks() {
    // §8.4: listing the role does not exempt its sessions; a boundary means always denied
    let grant = allow("s3:*", "*");
    let deny = clean(&format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Deny","NotPrincipal":{{"AWS":["arn:aws:iam::{A}:role/app","arn:aws:iam::{A}:user/bob"]}},"Action":"s3:*","Resource":"*"}}]}}"#
    ));
    let p = Policies {
        identity: vec![named(&grant)],
        resource: Some((named(&deny), ResourcePolicyKind::Generic)),
        ..Policies::default()
    };
    assert_eq!(
        decide(&req(session("app", "s"), "s3:GetObject", BUCKET), &p),
        Decision::ExplicitlyDenied
    );
    assert_eq!(
        decide(&req(user("bob"), "s3:GetObject", BUCKET), &p),
        Decision::Allowed
    );
    let boundary = allow("s3:*", "*");
    let p = Policies {
        boundary: Some(named(&boundary)),
        ..p
    };
    assert_eq!(
        decide(&req(user("bob"), "s3:GetObject", BUCKET), &p),
        Decision::ExplicitlyDenied
    );
}

/// Parsed even with issues (an unknown operator is an issue, and must still evaluate to false).
fn with_condition(effect: &str, condition: &str) -> PolicyDocument {
    crate::support::parse(&format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"{effect}","Action":"*","Resource":"*","Condition":{condition}}}]}}"#
    ))
    .policy
}

fn holds(condition: &str, ctx: &RequestContext) -> bool {
    let doc = with_condition("Allow", condition);
    let p = Policies {
        identity: vec![named(&doc)],
        ..Policies::default()
    };
    let mut r = req(user("bob"), "s3:GetObject", BUCKET);
    r.context = ctx.clone();
    decide(&r, &p) == Decision::Allowed
}

#[test]
fn missing_keys_follow_the_operator() {
    // §8.6, §8.7
    let empty = RequestContext::new();
    assert!(holds(
        r#"{"StringNotEquals":{"aws:PrincipalTag/team":"x"}}"#,
        &empty
    ));
    assert!(holds(
        r#"{"StringNotEqualsIfExists":{"aws:PrincipalTag/team":"x"}}"#,
        &empty
    ));
    assert!(!holds(
        r#"{"StringEquals":{"aws:PrincipalTag/team":"x"}}"#,
        &empty
    ));
    assert!(holds(
        r#"{"StringEqualsIfExists":{"aws:PrincipalTag/team":"x"}}"#,
        &empty
    ));
    assert!(holds(
        r#"{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}"#,
        &empty
    ));
    assert!(!holds(
        r#"{"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}}"#,
        &empty
    ));
    assert!(holds(r#"{"Null":{"aws:TokenIssueTime":"true"}}"#, &empty));
    assert!(!holds(r#"{"Null":{"aws:TokenIssueTime":"false"}}"#, &empty));
    // an operator AWS does not know never holds
    assert!(!holds(r#"{"StringEqualz":{"aws:username":"bob"}}"#, &empty));
}

#[test]
fn set_operators_on_multivalued_keys() {
    let mut ctx = RequestContext::new();
    ctx.set_multi("aws:TagKeys", ["a", "c"]);
    assert!(holds(
        r#"{"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}}"#,
        &ctx
    ));
    assert!(!holds(
        r#"{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}"#,
        &ctx
    ));
    assert!(holds(
        r#"{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b","c"]}}"#,
        &ctx
    ));
    assert!(holds(
        r#"{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["a"]}}"#,
        &ctx
    ));
    assert!(!holds(
        r#"{"ForAllValues:StringNotEquals":{"aws:TagKeys":["a"]}}"#,
        &ctx
    ));
}

#[test]
fn operators_compare_as_aws_documents() {
    let mut ctx = RequestContext::new();
    ctx.set("aws:username", "Bob")
        .set("aws:SourceIp", "2001:db8::1")
        .set("aws:CurrentTime", "2024-06-01T12:00:00Z")
        .set("aws:EpochTime", "1717243200")
        .set("aws:MultiFactorAuthAge", "30.5")
        .set("aws:SecureTransport", "TRUE")
        .set(
            "aws:SourceArn",
            "arn:aws:sns:us-east-1:111111111111:topic:part",
        );
    for (cond, expect) in [
        (r#"{"StringEquals":{"aws:username":"bob"}}"#, false),
        (r#"{"StringEqualsIgnoreCase":{"aws:username":"bob"}}"#, true),
        (r#"{"StringLike":{"aws:username":"B?b"}}"#, true),
        (r#"{"StringNotLike":{"aws:username":["a*","B*"]}}"#, false),
        (r#"{"StringEquals":{"AWS:USERNAME":"Bob"}}"#, true),
        (r#"{"IpAddress":{"aws:SourceIp":"2001:db8::/32"}}"#, true),
        (r#"{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"#, false),
        (
            r#"{"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","2001:db9::/32"]}}"#,
            true,
        ),
        (
            r#"{"DateGreaterThan":{"aws:CurrentTime":"2024-01-01"}}"#,
            true,
        ),
        (r#"{"DateLessThan":{"aws:CurrentTime":"1717243201"}}"#, true),
        (
            r#"{"DateEquals":{"aws:EpochTime":"2024-06-01T14:00:00+02:00"}}"#,
            true,
        ),
        (
            r#"{"NumericLessThan":{"aws:MultiFactorAuthAge":"31"}}"#,
            true,
        ),
        (
            r#"{"NumericGreaterThanEquals":{"aws:MultiFactorAuthAge":"30.5"}}"#,
            true,
        ),
        (
            r#"{"NumericEquals":{"aws:MultiFactorAuthAge":"abc"}}"#,
            false,
        ),
        (r#"{"Bool":{"aws:SecureTransport":"true"}}"#, true),
        (r#"{"Bool":{"aws:SecureTransport":"yes"}}"#, false),
        (
            r#"{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:111111111111:topic:*"}}"#,
            true,
        ),
        (
            r#"{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:*:111111111111:topic:*"}}"#,
            true,
        ),
        (
            r#"{"ArnLike":{"aws:SourceArn":"arn:aws:sns:us-*:*"}}"#,
            false,
        ),
        (
            r#"{"ArnNotLike":{"aws:SourceArn":"arn:aws:sqs:*:*:*"}}"#,
            true,
        ),
        // two keys: both must hold; two values: one is enough
        (
            r#"{"StringEquals":{"aws:username":["x","Bob"]},"Bool":{"aws:SecureTransport":"false"}}"#,
            false,
        ),
    ] {
        assert_eq!(holds(cond, &ctx), expect, "{cond}");
    }
}

#[test]
fn policy_variables_in_resources_and_conditions() {
    // §8.8
    let doc = clean(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*","Condition":{"StringEquals":{"s3:prefix":"${aws:username, 'none'}"}}}]}"#,
    );
    let p = Policies {
        identity: vec![named(&doc)],
        ..Policies::default()
    };
    let mut r = req(user("bob"), "s3:GetObject", "arn:aws:s3:::home/bob/a");
    r.context.set("aws:username", "bob").set("s3:prefix", "bob");
    assert_eq!(decide(&r, &p), Decision::Allowed);
    r.resource = "arn:aws:s3:::home/alice/a".into();
    assert_eq!(decide(&r, &p), Decision::ImplicitlyDenied);
    // without the key the resource matches nothing
    let mut r = req(
        session("app", "s"),
        "s3:GetObject",
        "arn:aws:s3:::home/bob/a",
    );
    r.context.set("s3:prefix", "none");
    assert_eq!(decide(&r, &p), Decision::ImplicitlyDenied);
    // in a 2008-10-17 policy the variable is literal text
    let old = clean(
        r#"{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*"}]}"#,
    );
    let p = Policies {
        identity: vec![named(&old)],
        ..Policies::default()
    };
    let mut r = req(
        user("bob"),
        "s3:GetObject",
        "arn:aws:s3:::home/${aws:username}/a",
    );
    r.context.set("aws:username", "bob");
    assert_eq!(decide(&r, &p), Decision::Allowed);
}

#[test]
fn scp_levels_must_each_allow_and_rcps_deny() {
    // §8.10, §8.11
    let grant = allow("*", "*");
    let full = allow("*", "*");
    let narrow = allow("s3:*", "*");
    let p = Policies {
        identity: vec![named(&grant)],
        scps: vec![vec![named(&full)], vec![named(&narrow)]],
        ..Policies::default()
    };
    assert_eq!(
        decide(&req(user("bob"), "s3:GetObject", BUCKET), &p),
        Decision::Allowed
    );
    let e = evaluate(&req(user("bob"), "ec2:RunInstances", "*"), &p);
    assert_eq!(e.decision, Decision::ImplicitlyDenied);
    assert_eq!(e.steps.last().unwrap().layer, Layer::ServiceControlPolicy);
    // service principals are not subject to SCPs
    let bucket = bucket_policy("*");
    let svc = Policies {
        resource: Some((named(&bucket), ResourcePolicyKind::Generic)),
        scps: vec![vec![named(&narrow)]],
        ..Policies::default()
    };
    let r = req(
        Principal::Service {
            name: "cloudtrail.amazonaws.com".into(),
        },
        "s3:GetObject",
        BUCKET,
    );
    assert_eq!(decide(&r, &svc), Decision::Allowed);
    // an RCP deny with a service exception
    let rcp_deny = clean(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"BoolIfExists":{"aws:PrincipalIsAWSService":"false"},"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-123"}}}]}"#,
    );
    let rcp_full = clean(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#,
    );
    let p = Policies {
        identity: vec![named(&grant)],
        rcps: vec![vec![named(&rcp_full), named(&rcp_deny)]],
        ..Policies::default()
    };
    let mut outsider = req(user("bob"), "s3:GetObject", BUCKET);
    outsider
        .context
        .set("aws:PrincipalIsAWSService", "false")
        .set("aws:PrincipalOrgID", "o-999");
    assert_eq!(decide(&outsider, &p), Decision::ExplicitlyDenied);
    let mut insider = outsider.clone();
    insider.context.set("aws:PrincipalOrgID", "o-123");
    assert_eq!(decide(&insider, &p), Decision::Allowed);
}

#[test]
fn cross_account_needs_both_sides() {
    // §8.12
    let to_account_a = bucket_policy(&format!("arn:aws:iam::{A}:root"));
    let mut r = req(user("bob"), "s3:GetObject", BUCKET);
    r.resource_account = Some(B.into());
    let p = Policies {
        resource: Some((named(&to_account_a), ResourcePolicyKind::Generic)),
        ..Policies::default()
    };
    assert_eq!(decide(&r, &p), Decision::ImplicitlyDenied);
    let grant = allow("s3:GetObject", "arn:aws:s3:::data/*");
    let both = Policies {
        identity: vec![named(&grant)],
        ..p.clone()
    };
    assert_eq!(decide(&r, &both), Decision::Allowed);
    // identity alone is not enough across accounts
    let only_identity = Policies {
        identity: vec![named(&grant)],
        ..Policies::default()
    };
    assert_eq!(decide(&r, &only_identity), Decision::ImplicitlyDenied);
    // naming the user directly across accounts still needs the identity side
    let to_bob = bucket_policy(&format!("arn:aws:iam::{A}:user/bob"));
    let p = Policies {
        resource: Some((named(&to_bob), ResourcePolicyKind::Generic)),
        ..Policies::default()
    };
    assert_eq!(decide(&r, &p), Decision::ImplicitlyDenied);
}

#[test]
fn anonymous_callers_need_a_public_resource_policy() {
    let public = bucket_policy("*");
    let p = Policies {
        resource: Some((named(&public), ResourcePolicyKind::Generic)),
        ..Policies::default()
    };
    assert_eq!(
        decide(&req(Principal::Anonymous, "s3:GetObject", BUCKET), &p),
        Decision::Allowed
    );
    assert_eq!(
        decide(
            &req(Principal::Anonymous, "s3:GetObject", BUCKET),
            &Policies::default()
        ),
        Decision::ImplicitlyDenied
    );
}

#[test]
fn dates_parse_in_every_documented_form() {
    assert_eq!(parse_date("1970-01-01"), Some(0));
    assert_eq!(parse_date("1970-01-02T00:00:00Z"), Some(86_400_000));
    assert_eq!(parse_date("2024-06-01T12:00:00Z"), parse_date("1717243200"));
    assert_eq!(
        parse_date("2024-06-01T14:00:00+02:00"),
        parse_date("2024-06-01T12:00:00Z")
    );
    assert_eq!(
        parse_date("2024-06-01T12:00:00.250Z").map(|m| m % 1000),
        Some(250)
    );
    assert_eq!(parse_date("2024-13-01"), None);
    assert_eq!(parse_date("yesterday"), None);
}

#[test]
fn populate_context_derives_what_the_request_says() {
    let mut r = req(
        user("bob"),
        "kms:Decrypt",
        "arn:aws:kms:eu-west-1:444455556666:key/abc",
    );
    palisade_iam::eval::populate_context(&mut r);
    assert_eq!(r.resource_account.as_deref(), Some("444455556666"));
    let v = |k: &str| r.context.values(k).map(<[String]>::to_vec);
    assert_eq!(
        v("aws:ResourceAccount"),
        Some(vec!["444455556666".to_owned()])
    );
    assert_eq!(v("aws:RequestedRegion"), Some(vec!["eu-west-1".to_owned()]));
    assert_eq!(v("aws:PrincipalType"), Some(vec!["User".to_owned()]));
    assert_eq!(v("aws:username"), Some(vec!["bob".to_owned()]));
    // a service key the catalog lists for the action
    assert_eq!(
        v("kms:CallerAccount"),
        Some(vec!["111111111111".to_owned()])
    );
    // keys about how the request was sent stay absent
    assert_eq!(v("aws:SecureTransport"), None);
    assert_eq!(v("aws:MultiFactorAuthPresent"), None);
    // given keys are kept; S3 ARNs name no account
    let mut r = req(user("bob"), "s3:GetObject", "arn:aws:s3:::b/k");
    r.context.set("aws:PrincipalType", "AssumedRole");
    palisade_iam::eval::populate_context(&mut r);
    assert_eq!(r.resource_account, None);
    assert_eq!(
        r.context
            .values("aws:PrincipalType")
            .map(<[String]>::to_vec),
        Some(vec!["AssumedRole".to_owned()])
    );
}
