//! `palisade iam eval` end to end on `examples/iam`.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

use crate::common::repo;

fn eval(args: &[&str], code: i32) -> Vec<Value> {
    let out = Command::cargo_bin("palisade")
        .unwrap()
        .current_dir(repo())
        .args(["iam", "eval", "--format", "json"])
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone();
    String::from_utf8_lossy(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const POLICIES: [&str; 6] = [
    "--identity",
    "examples/iam/identity.json",
    "--scp-level",
    "examples/iam/full-access.json",
    "--scp-level",
    "examples/iam/scp-workloads.json",
];

#[test]
fn requests_file_gets_one_explained_decision_each() {
    let mut args = vec!["--requests", "examples/iam/requests.jsonl"];
    args.extend(POLICIES);
    let lines = eval(&args, 0);
    let decisions: Vec<&str> = lines
        .iter()
        .map(|l| l["decision"].as_str().unwrap())
        .collect();
    assert_eq!(
        decisions,
        [
            "Allowed",
            "Allowed",
            "ImplicitlyDenied",
            "ExplicitlyDenied",
            "ExplicitlyDenied"
        ]
    );
    // the deciding statement is named
    let last_step = |i: usize| {
        lines[i]["steps"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()
            .clone()
    };
    assert_eq!(last_step(3)["layer"], "identity-based-policy");
    assert_eq!(last_step(3)["statements"][0]["sid"], "NoDeleteWithoutMfa");
    assert_eq!(last_step(4)["layer"], "service-control-policy");
    assert_eq!(last_step(4)["statements"][0]["sid"], "StayInEurope");
}

#[test]
fn one_request_from_flags_with_context() {
    let mut args = vec![
        "--principal",
        "arn:aws:iam::111111111111:user/bob",
        "--action",
        "S3:getObject",
        "--resource",
        "arn:aws:s3:::home/bob/a.txt",
        "--context",
        "aws:RequestedRegion=eu-central-1",
    ];
    args.extend(POLICIES);
    let lines = eval(&args, 0);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["decision"], "Allowed");
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("iam_bad");
    std::fs::create_dir_all(&d).unwrap();
    let broken = d.join("broken.json");
    std::fs::write(&broken, "{\"Version\": \"2012-10-17\", \"Statement\": [\n").unwrap();
    let out = Command::cargo_bin("palisade")
        .unwrap()
        .args([
            "iam",
            "eval",
            "--principal",
            "arn:aws:iam::111111111111:user/bob",
            "--action",
            "s3:GetObject",
            "--identity",
            broken.to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8_lossy(&out);
    assert!(err.contains("broken.json:"), "{err}");
    let out = Command::cargo_bin("palisade")
        .unwrap()
        .args([
            "iam",
            "eval",
            "--principal",
            "bob",
            "--action",
            "s3:GetObject",
        ])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&out).contains("principal `bob`"));
}
