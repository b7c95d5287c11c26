//! `palisade iam who-can`, `can`, `escalation`, `diff` and `lint` end to end on `examples/iam`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(args: &[&str], code: i32) -> String {
    let out = Command::cargo_bin("palisade")
        .unwrap()
        .current_dir(repo())
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        !text.is_empty() || code == 2,
        "no output; stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

const ACCOUNT: [&str; 2] = ["--account", "examples/iam/account.json"];

#[test]
fn who_can_lists_principals_with_their_grants() {
    let mut args = vec!["iam", "who-can"];
    args.extend(ACCOUNT);
    args.extend([
        "--action",
        "s3:GetObject",
        "--resource",
        "arn:aws:s3:::prod-data/shared/report.csv",
        "--resource-policy",
        "arn:aws:s3:::prod-data=examples/iam/bucket-policy-prod-data.json",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&run(&args, 0)).unwrap();
    let principals: Vec<(&str, &str)> = v["principals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["principal"].as_str().unwrap(),
                p["access"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(principals.contains(&("arn:aws:iam::111122223333:user/alice", "conditional")));
    assert!(principals.contains(&("arn:aws:iam::111122223333:user/dave", "allowed")));
    assert!(!principals.iter().any(|(p, _)| p.ends_with("user/bob")));
    // app-server is limited to app/
    assert!(!principals
        .iter()
        .any(|(p, _)| p.ends_with("role/app-server")));
    assert_eq!(v["external"][0][0], "AWS:arn:aws:iam::444455556666:root");
    // text output names the granting statement
    let mut args: Vec<&str> = args[..args.len() - 2].to_vec();
    args.extend(["--context", "aws:MultiFactorAuthPresent=true"]);
    let text = run(&args, 0);
    assert!(
        text.contains("user arn:aws:iam::111122223333:user/alice: ALLOWED\n"),
        "{text}"
    );
    assert!(
        text.contains("Allow `ReadProdData` of arn:aws:iam::111122223333:policy/developer-access"),
        "{text}"
    );
}

#[test]
fn can_explains_one_principal_and_exits_by_verdict() {
    let mut args = vec!["iam", "can"];
    args.extend(ACCOUNT);
    args.extend([
        "--principal",
        "carol",
        "--action",
        "iam:PutUserPolicy",
        "--resource",
        "arn:aws:iam::111122223333:user/carol",
    ]);
    let text = run(&args, 1);
    assert!(
        text.starts_with("DENIED: user arn:aws:iam::111122223333:user/carol"),
        "{text}"
    );
    assert!(
        text.contains("permissions boundary does not allow"),
        "{text}"
    );
    let mut args = vec!["iam", "can"];
    args.extend(ACCOUNT);
    args.extend(["--principal", "dave", "--action", "ec2:DescribeInstances"]);
    assert!(run(&args, 0).starts_with("ALLOWED"));
    let mut args = vec!["iam", "can"];
    args.extend(ACCOUNT);
    args.extend(["--principal", "nobody", "--action", "s3:GetObject"]);
    run(&args, 2);
}

#[test]
fn escalation_paths_step_by_step_and_scps_cut_them() {
    let mut args = vec!["iam", "escalation"];
    args.extend(ACCOUNT);
    let text = run(&args, 1);
    assert!(text.contains("user/alice can reach administrator arn:aws:iam::111122223333:role/service/lambda-admin in 2 step(s)"), "{text}");
    assert!(text.contains("[PassRole to Lambda]"), "{text}");
    assert!(text.contains("user/bob can reach administrator arn:aws:iam::111122223333:user/ops-admin in 1 step(s)"), "{text}");
    args.extend([
        "--scp-level",
        "examples/iam/full-access.json,examples/iam/scp-protect-ops-admin.json",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&run(&args, 1)).unwrap();
    let who: Vec<&str> = v["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["principal"].as_str().unwrap())
        .collect();
    assert!(!who.iter().any(|p| p.ends_with("user/bob")), "{who:?}");
    assert!(who.iter().any(|p| p.ends_with("user/alice")));
}

#[test]
fn bad_export_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("palisade-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("bad.json");
    std::fs::write(&f, "{\"RoleDetailList\": [{\"RoleName\": \"r\"}]}").unwrap();
    let out = Command::cargo_bin("palisade")
        .unwrap()
        .args(["iam", "escalation", "--account"])
        .arg(&f)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8_lossy(&out);
    assert!(
        err.contains("`Arn` is missing") && err.contains("RoleDetailList[0]"),
        "{err}"
    );
}

#[test]
fn diff_of_two_policies_in_markdown_and_json() {
    let dir = std::env::temp_dir().join(format!("palisade-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let old = dir.join("old.json");
    let new = dir.join("new.json");
    std::fs::write(&old, r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#).unwrap();
    std::fs::write(&new, r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::b/*"}]}"#).unwrap();
    let (o, n) = (old.to_str().unwrap(), new.to_str().unwrap());
    let md = run(&["iam", "diff", o, n, "--format", "markdown"], 0);
    assert!(md.contains("#### Newly allowed"), "{md}");
    assert!(
        md.contains("| `s3:PutObject` | `arn:aws:s3:::b/*` |"),
        "{md}"
    );
    let v: Value = serde_json::from_str(&run(
        &["iam", "diff", o, n, "--format", "json", "--fail-on-grant"],
        1,
    ))
    .unwrap();
    assert_eq!(v["summary"]["granted"], 1);
    assert_eq!(v["changes"][0]["action"], "s3:PutObject");
    // reversed: revoked, and no grant to fail on
    let text = run(&["iam", "diff", n, o, "--fail-on-grant"], 0);
    assert!(
        text.starts_with("No longer allowed (1 action/resource pair(s)):"),
        "{text}"
    );
    // mixing a policy and an export is refused
    run(&["iam", "diff", o, "examples/iam/account.json"], 2);
}

#[test]
fn diff_of_two_account_exports() {
    let dir = std::env::temp_dir().join(format!("palisade-diff-acct-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let new = dir.join("account.json");
    let text = std::fs::read_to_string(repo().join("examples/iam/account.json")).unwrap();
    std::fs::write(
        &new,
        text.replace(
            "\"ec2:Describe*\",",
            "\"ec2:Describe*\", \"ec2:TerminateInstances\",",
        ),
    )
    .unwrap();
    let v: Value = serde_json::from_str(&run(
        &[
            "iam",
            "diff",
            "examples/iam/account.json",
            new.to_str().unwrap(),
            "-f",
            "json",
        ],
        0,
    ))
    .unwrap();
    let principals: Vec<&str> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["principal"].as_str().unwrap())
        .collect();
    // everyone with ReadOnlyAccess gains ec2:TerminateInstances
    assert!(principals.contains(&"arn:aws:iam::111122223333:user/dave"));
    assert!(principals.contains(&"arn:aws:iam::111122223333:role/auditor"));
    assert!(v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["action"] == "ec2:TerminateInstances"));
}
