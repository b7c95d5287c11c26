//! The account export, who-can, escalation paths and permission diffs, on the bundled example
//! account (`examples/iam/account.json`).

use palisade_iam::account::{can, who_can, Access, Account, Environment, Question, StoredPolicy};
use palisade_iam::diff::{diff, diff_accounts, group, PolicySet};
use palisade_iam::escalation::analyse;
use palisade_iam::eval::RequestContext;
use palisade_iam::parse_policy;

const A: &str = "111122223333";

fn example() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/iam/account.json"
    ))
    .unwrap()
}

fn policy(name: &str, text: &str) -> StoredPolicy {
    let root = palisade_doc::parse(text, palisade_doc::Format::Json)
        .root
        .unwrap();
    StoredPolicy {
        name: name.into(),
        doc: parse_policy(&root).policy,
    }
}

fn question(action: &str, resource: &str) -> Question {
    Question {
        action: action.into(),
        resource: resource.into(),
        resource_account: None,
        context: RequestContext::new(),
    }
}

#[test]
fn reads_the_export_with_url_encoded_documents() {
    let acct = Account::parse(&example()).unwrap();
    assert_eq!(acct.id.as_deref(), Some(A));
    assert_eq!(acct.entities.len(), 9);
    assert_eq!(acct.managed.len(), 4);
    assert!(acct.missing_policies.is_empty());
    // carol's inline policy is URL-encoded in the export
    let carol = acct.entity("carol").unwrap();
    assert_eq!(carol.inline.len(), 1);
    assert_eq!(carol.inline[0].doc.statements.len(), 1);
    // alice gets her group's managed policy
    let alice = acct.entity("alice").unwrap();
    let pol = acct.policies_of(alice);
    assert!(pol
        .identity
        .iter()
        .any(|p| p.name.ends_with("policy/developer-access")));
    let app = acct.entity("app-server").unwrap();
    assert_eq!(app.instance_profiles.len(), 1);
    assert!(app.trust.is_some());
}

#[test]
fn bad_exports_name_the_field() {
    let e = Account::parse("{\"RoleDetailList\": [{\"RoleName\": \"x\"}]}").unwrap_err();
    assert_eq!(e.field, "RoleDetailList[0]");
    assert!(e.message.contains("`Arn` is missing"), "{e}");
    let e =
        Account::parse("{\"UserDetailList\": [{\"UserName\": 5, \"Arn\": \"a\"}]}").unwrap_err();
    assert_eq!(e.field, "UserDetailList[0].UserName");
    assert_eq!((e.line, e.column), (1, 34));
    let text = example();
    let e = Account::parse(&text[..text.len() / 2]).unwrap_err();
    assert!(e.message.contains("not valid JSON"), "{e}");
    let e = Account::parse("{\"Statement\": []}").unwrap_err();
    assert!(
        e.message
            .contains("not an account authorization details export"),
        "{e}"
    );
    let e = Account::parse("[1, 2]").unwrap_err();
    assert_eq!(e.field, "$");
    let e = Account::parse(
        "{\"Policies\": [{\"Arn\": \"arn:aws:iam::1:policy/p\", \"PolicyVersionList\": [{\"VersionId\": \"v1\", \"IsDefaultVersion\": false}]}]}",
    )
    .unwrap_err();
    assert!(e.message.contains("no default version"), "{e}");
}

#[test]
fn who_can_lists_grants_and_conditional_grants() {
    let acct = Account::parse(&example()).unwrap();
    let env = Environment::default();
    let answers = who_can(
        &acct,
        &env,
        &question("s3:GetObject", "arn:aws:s3:::prod-data/app/x.csv"),
    );
    let by = |name: &str| {
        answers
            .iter()
            .find(|a| a.principal.ends_with(name))
            .map(|a| a.access)
    };
    assert_eq!(by("user/alice"), Some(Access::Conditional)); // MFA condition
    assert_eq!(by("user/dave"), Some(Access::Allowed));
    assert_eq!(by("role/app-server"), Some(Access::Allowed));
    assert_eq!(by("user/bob"), None);
    assert_eq!(by("user/carol"), None); // no grant
                                        // given the key, alice is allowed outright
    let mut q = question("s3:GetObject", "arn:aws:s3:::prod-data/app/x.csv");
    q.context.set("aws:MultiFactorAuthPresent", "true");
    let alice = acct.entity("alice").unwrap();
    assert_eq!(can(&acct, &env, alice, &q).access, Access::Allowed);
    q.context.set("aws:MultiFactorAuthPresent", "false");
    assert_eq!(can(&acct, &env, alice, &q).access, Access::Denied);
    // app-server may only read under app/
    let app = acct.entity("app-server").unwrap();
    let other = question("s3:GetObject", "arn:aws:s3:::prod-data/finance/x.csv");
    assert_eq!(can(&acct, &env, app, &other).access, Access::Denied);
}

#[test]
fn who_can_applies_boundaries_scps_and_resource_policies() {
    let acct = Account::parse(&example()).unwrap();
    let carol = acct.entity("carol").unwrap();
    let q = question("iam:PutUserPolicy", &format!("arn:aws:iam::{A}:user/carol"));
    // allowed by her inline policy, outside her S3-only boundary
    assert_eq!(
        can(&acct, &Environment::default(), carol, &q).access,
        Access::Denied
    );

    let env = Environment {
        scps: vec![vec![policy(
            "deny-s3",
            r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#,
        )]],
        ..Environment::default()
    };
    let answers = who_can(
        &acct,
        &env,
        &question("s3:GetObject", "arn:aws:s3:::prod-data/app/x.csv"),
    );
    assert!(answers.is_empty(), "{answers:?}");

    let mut env = Environment::default();
    env.resource_policies.push((
        "arn:aws:s3:::prod-data".into(),
        policy(
            "bucket",
            r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::prod-data/*"}]}"#,
        ),
    ));
    let bob = acct.entity("bob").unwrap();
    let q = question("s3:GetObject", "arn:aws:s3:::prod-data/shared/y");
    assert_eq!(can(&acct, &env, bob, &q).access, Access::Allowed);
    // the role trust policy is the resource policy of sts:AssumeRole on a role
    let dave = acct.entity("dave").unwrap();
    let assume = question(
        "sts:AssumeRole",
        &format!("arn:aws:iam::{A}:role/service/lambda-admin"),
    );
    assert_eq!(
        can(&acct, &Environment::default(), dave, &assume).access,
        Access::Denied
    );
}

#[test]
fn escalation_paths_are_found_and_explained() {
    let acct = Account::parse(&example()).unwrap();
    let a = analyse(&acct, &Environment::default());
    assert_eq!(
        a.admins,
        vec![
            format!("arn:aws:iam::{A}:role/service/lambda-admin"),
            format!("arn:aws:iam::{A}:user/ops-admin"),
        ]
    );
    let path = |who: &str| a.paths.iter().find(|p| p.principal.ends_with(who));
    let alice = path("user/alice").unwrap();
    let methods: Vec<&str> = alice.steps.iter().map(|s| s.method.as_str()).collect();
    assert_eq!(methods, ["sts:AssumeRole", "PassRole to Lambda"]);
    assert!(alice.reaches.ends_with("role/service/lambda-admin"));
    let bob = path("user/bob").unwrap();
    assert_eq!(bob.steps[0].method, "create an access key");
    // carol can rewrite her own policies, but her boundary caps her at S3
    assert!(path("user/carol").is_none());
    assert!(path("user/dave").is_none());
    assert!(path("role/app-server").is_none());

    // an SCP that blocks the access-key step removes bob's path
    let env = Environment {
        scps: vec![vec![policy(
            "scp",
            r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"iam:CreateAccessKey","Resource":"*"}]}"#,
        )]],
        ..Environment::default()
    };
    let a = analyse(&acct, &env);
    assert!(a.paths.iter().all(|p| !p.principal.ends_with("user/bob")));
    assert!(a.paths.iter().any(|p| p.principal.ends_with("user/alice")));
}

#[test]
fn self_escalation_through_boundary_removal() {
    let text = example();
    // carol's policy is URL-encoded; rewrite it in plain form
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let carol = v["UserDetailList"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|u| u["UserName"] == "carol")
        .unwrap();
    carol["UserPolicyList"][0]["PolicyDocument"] = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["iam:PutUserPolicy", "iam:DeleteUserPermissionsBoundary"], "Resource": "arn:aws:iam::111122223333:user/carol"}]
    });
    // a boundary that lets her remove it is no cap
    let boundary = v["Policies"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|p| p["PolicyName"] == "s3-only-boundary")
        .unwrap();
    boundary["PolicyVersionList"][0]["Document"]["Statement"][0]["Action"] = serde_json::json!([
        "s3:*",
        "iam:PutUserPolicy",
        "iam:DeleteUserPermissionsBoundary"
    ]);
    let acct = Account::parse(&v.to_string()).unwrap();
    let a = analyse(&acct, &Environment::default());
    let carol = a
        .paths
        .iter()
        .find(|p| p.principal.ends_with("user/carol"))
        .unwrap();
    assert_eq!(carol.reaches, "admin");
    assert_eq!(carol.steps[0].method, "put an inline policy on itself");
}

#[test]
fn policy_diff_reports_action_resource_pairs() {
    let old = policy(
        "old",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}},{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:eu-west-1:111122223333:q"}]}"#,
    );
    let new = policy(
        "new",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket","s3:PutObject"],"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}]}"#,
    );
    let changes = diff(&set(&old), &set(&new), None);
    let kinds: Vec<(String, String, &str)> = changes
        .iter()
        .map(|c| (c.action.clone(), c.resource.clone(), c.kind()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("s3:PutObject".into(), "arn:aws:s3:::b/*".into(), "granted"),
            (
                "s3:ListBucket".into(),
                "arn:aws:s3:::b".into(),
                "now-unconditional"
            ),
            (
                "s3:GetObject".into(),
                "arn:aws:s3:::b/*".into(),
                "now-unconditional"
            ),
            (
                "sqs:SendMessage".into(),
                "arn:aws:sqs:eu-west-1:111122223333:q".into(),
                "revoked"
            ),
        ]
    );
    // identical policies: nothing
    assert!(diff(&set(&old), &set(&old), None).is_empty());
    // a wildcard collapses to service:* when every action of the service changes
    let star = policy(
        "star",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:*","Resource":"*"}]}"#,
    );
    let empty = policy("empty", r#"{"Version":"2012-10-17","Statement":[]}"#);
    let groups = group(&diff(&set(&empty), &set(&star), None));
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].actions, vec!["sqs:*".to_owned()]);
    assert!(groups[0].count > 10);
}

#[test]
fn account_diff_compares_principals() {
    let old = Account::parse(&example()).unwrap();
    let new_text = example().replace("\"iam:CreateAccessKey\",", "");
    let new = Account::parse(&new_text).unwrap();
    let changes = diff_accounts(&old, &new);
    assert!(!changes.is_empty());
    assert!(changes
        .iter()
        .all(|c| c.principal.as_deref() == Some("arn:aws:iam::111122223333:user/bob")));
    assert!(changes
        .iter()
        .any(|c| c.action == "iam:CreateAccessKey" && c.kind() == "revoked"));
}

fn set(p: &StoredPolicy) -> PolicySet<'_> {
    PolicySet {
        identity: vec![p.named()],
        boundary: None,
    }
}
