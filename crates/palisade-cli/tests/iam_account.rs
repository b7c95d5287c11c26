//! `palisade iam who-can`, `can`, `escalation`, `diff` and `lint` end to end on `examples/iam`.

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

use crate::common::repo;

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

fn scratch(name: &str) -> PathBuf {
    crate::common::outside_git("palisade-lint", name)
}

const RISKY: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Pass", "Effect": "Allow", "Action": ["iam:PassRole", "s3:GetObjekt"], "Resource": "*"},
    {"Sid": "Tagged", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*",
     "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}}
  ]
}"#;

#[test]
fn lint_reports_access_analyzer_codes_with_json_paths() {
    let d = scratch("codes");
    let f = d.join("policy.json");
    std::fs::write(&f, RISKY).unwrap();
    let out = run(
        &["iam", "lint", f.to_str().unwrap(), "--format", "jsonl"],
        1,
    );
    let findings: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "finding")
        .collect();
    let by_rule = |id: &str| findings.iter().find(|f| f["rule"] == id);
    let invalid = by_rule("IAM1501").expect("invalid action reported");
    assert_eq!(invalid["location"]["json_path"], "$.Statement[0].Action[1]");
    assert!(invalid["message"]
        .as_str()
        .unwrap()
        .contains("did you mean `s3:GetObject`"));
    let pass = by_rule("IAM1513").expect("PassRole on * reported");
    assert_eq!(pass["location"]["json_path"], "$.Statement[0].Resource");
    assert_eq!(pass["location"]["region"]["start"]["line"], 4);
    // the statement restricted by iam:PassedToService is not reported as unrestricted
    assert!(!findings.iter().any(|f| f["rule"] == "IAM1513"
        && f["location"]["json_path"]
            .as_str()
            .unwrap()
            .starts_with("$.Statement[1]")));
    // selection by Access Analyzer issue code
    let only = run(
        &[
            "iam",
            "lint",
            f.to_str().unwrap(),
            "--select",
            "INVALID_ACTION",
            "--format",
            "jsonl",
            "--fail-on",
            "critical",
        ],
        0,
    );
    let rules: Vec<String> = only
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "finding")
        .map(|v| v["rule"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(rules, ["IAM1501"]);
}

#[test]
fn lint_sarif_is_schema_valid_and_broken_json_is_a_finding() {
    let validator = crate::common::sarif_validator();
    let d = scratch("sarif");
    let good = d.join("policy.json");
    let broken = d.join("broken.json");
    std::fs::write(&good, RISKY).unwrap();
    std::fs::write(&broken, "{\"Version\": \"2012-10-17\", \"Statement\": [").unwrap();
    let out = run(
        &[
            "iam",
            "lint",
            good.to_str().unwrap(),
            broken.to_str().unwrap(),
            "--format",
            "sarif",
        ],
        1,
    );
    let sarif: Value = serde_json::from_str(&out).unwrap();
    let errors = crate::common::schema_errors(&validator, &sarif);
    assert!(errors.is_empty(), "{errors:#?}");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "IAM1001"
        && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("broken.json")));
}

#[test]
fn scan_lints_standalone_policies_and_rules_map_access_analyzer_codes() {
    let d = scratch("scan");
    std::fs::write(d.join("policy.json"), RISKY).unwrap();
    std::fs::write(d.join("notes.json"), "{\"name\": \"not a policy\"}").unwrap();
    let out = run(&["scan", d.to_str().unwrap(), "--format", "jsonl"], 1);
    let summary: Value = serde_json::from_str(out.lines().next_back().unwrap()).unwrap();
    assert_eq!(summary["files_scanned"], 1, "{summary}");
    assert!(out.contains("\"IAM1513\""));
    let map = run(&["rules", "--from", "access-analyzer"], 0);
    assert!(map.lines().count() >= 110, "{map}");
    assert!(map
        .lines()
        .any(|l| l.starts_with("PASS_ROLE_WITH_STAR_IN_RESOURCE") && l.contains("IAM1513")));
}
