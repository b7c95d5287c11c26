//! `palisade secrets`, `palisade rules check` and the secret rules inside `palisade scan`.

use std::path::{Path, PathBuf};
use std::process::Command as Std;

use assert_cmd::Command;
use serde_json::Value;

use crate::common::{findings, jsonl, repo};

fn palisade_in(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("palisade").unwrap();
    c.current_dir(dir);
    c
}

/// Run `palisade ARGS` in `dir`, check the exit code, return standard output.
fn run(dir: &Path, args: &[&str], code: i32) -> Vec<u8> {
    palisade_in(dir)
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone()
}

/// The same, with `input` on standard input.
fn run_stdin(dir: &Path, args: &[&str], input: String, code: i32) -> Vec<u8> {
    palisade_in(dir)
        .args(args)
        .write_stdin(input)
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone()
}

/// A scratch directory outside any git repository (history tests need that).
fn scratch(name: &str) -> PathBuf {
    crate::common::outside_git("palisade-secrets", name)
}

// Test credentials are assembled at run time so that this file is not itself a finding.
fn key_id() -> String {
    format!("AKIA{}", "2E0A8F3B244C9986")
}
fn secret_key() -> String {
    format!("h3ZQk0Yw8pR7sL2mV9xN{}", "4bT6cF1dJ5gE+aK/uW0o")
}
fn creds() -> String {
    format!(
        "[default]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
        key_id(),
        secret_key()
    )
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Std::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Ada", "-c", "user.email=ada@example.org"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn rules_check_passes_on_the_builtin_rules() {
    let out = run(&repo(), &["rules", "check"], 0);
    let text = String::from_utf8_lossy(&out);
    assert!(
        text.contains("0 failure(s), 0 rule file error(s)"),
        "{text}"
    );
    let n: usize = text
        .lines()
        .last()
        .and_then(|l| l.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(n >= 150, "only {n} rules");
}

#[test]
fn rules_check_reports_a_broken_user_rule_with_its_line() {
    let d = scratch("bad-rules");
    std::fs::write(
        d.join("mine.yaml"),
        "rules:\n  - code: SEC9001\n    name: my-token\n    title: My token\n    provider: Me\n    confidence: high\n    keywords: [mytok_]\n    pattern: 'mytok_[a-z]{10}'\n    description: d\n    fix: f\n    references: [https://example.org]\n    examples: ['mytok_qhdkeurnxw', 'x mytok_qwertyuiop']\n    near_misses: ['mytok_short', 'mytok_qhdkeurnxw']\n  - code: SEC9002\n    name: broken\n    title: t\n    provider: p\n    confidence: high\n    keywords: [abc]\n    pattern: '(unclosed'\n    description: d\n    fix: f\n    references: []\n    examples: []\n    near_misses: []\n",
    )
    .unwrap();
    let out = run(&d, &["rules", "check", "--no-builtin", "--rules", "."], 1);
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("mine.yaml:14:5"), "{text}");
    assert!(text.contains("invalid pattern"), "{text}");
    assert!(
        text.contains("near-miss matches: \"mytok_qhdkeurnxw\""),
        "{text}"
    );
}

#[test]
fn directory_scan_finds_redacts_and_fingerprints_per_secret() {
    let d = scratch("dir");
    std::fs::write(d.join("a.ini"), creds()).unwrap();
    std::fs::create_dir_all(d.join("sub")).unwrap();
    std::fs::write(d.join("sub/b.env"), format!("KEY={}\n", key_id())).unwrap();
    std::fs::write(d.join("bin.dat"), b"\0\0\0AKIA2E0A8F3B244C9986").unwrap();
    let out = run(&d, &["secrets", ".", "-f", "jsonl"], 1);
    let text = String::from_utf8_lossy(&out);
    assert!(!text.contains(&secret_key()), "secret printed in full");
    assert!(!text.contains(&key_id()), "key id printed in full");
    let lines = jsonl(&out);
    let f = findings(&lines);
    let ids: Vec<(&str, &str)> = f
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap(),
                f["location"]["path"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        ids,
        vec![
            ("SEC1001", "a.ini"),
            ("SEC1002", "a.ini"),
            ("SEC1001", "sub/b.env")
        ]
    );
    // The same key in two files is one secret.
    assert_eq!(f[0]["fingerprint"], f[2]["fingerprint"]);
    assert_ne!(f[0]["fingerprint"], f[1]["fingerprint"]);
    assert_eq!(f[1]["location"]["region"]["start"]["line"], 3);
    assert_eq!(f[1]["location"]["region"]["start"]["column"], 25);
    assert_eq!(f[1]["confidence"], "high");
    // --show-secrets prints them.
    let shown = run(
        &d,
        &["secrets", "a.ini", "-f", "jsonl", "--show-secrets"],
        1,
    );
    assert!(String::from_utf8_lossy(&shown).contains(&secret_key()));
}

#[test]
fn text_report_masks_the_source_excerpt() {
    let d = scratch("text");
    std::fs::write(d.join("a.ini"), creds()).unwrap();
    let out = run(&d, &["secrets", "a.ini", "--color", "never"], 1);
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("h3ZQ****"), "{text}");
    assert!(!text.contains(&secret_key()));
}

#[test]
fn stdin_allow_comments_and_placeholders() {
    let d = scratch("stdin");
    let input = format!(
        "# palisade:allow SEC1001 rotated test key\na = {}\nb = AKIAIOSFODNN7EXAMPLE\nc = {} # palisade:allow SEC1001\nd = {} # palisade:allow aws-access-key-id fixture\n",
        key_id(),
        key_id(),
        key_id()
    );
    let out = run_stdin(&d, &["secrets", "-", "-f", "jsonl"], input.clone(), 1);
    let lines = jsonl(&out);
    let f = findings(&lines);
    // Line 2 is allowed by the comment line above it, line 5 by name on the same line; line 3
    // is AWS's documentation key (low confidence); line 4's comment has no reason.
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0]["location"]["region"]["start"]["line"], 4);
    assert_eq!(f[0]["location"]["path"], "-");
    let summary = lines.last().unwrap();
    assert_eq!(summary["suppressed"], 2);
    // --min-confidence low shows the documentation key too.
    let out = run_stdin(
        &d,
        &["secrets", "-", "-f", "jsonl", "--min-confidence", "low"],
        input,
        1,
    );
    let lines = jsonl(&out);
    let lows: Vec<_> = findings(&lines)
        .into_iter()
        .filter(|f| f["confidence"] == "low")
        .collect();
    assert_eq!(lows.len(), 1);
}

#[test]
fn baseline_hides_known_secrets_everywhere_they_occur() {
    let d = scratch("baseline");
    std::fs::write(d.join("a.ini"), creds()).unwrap();
    palisade_in(&d)
        .args(["secrets", ".", "--write-baseline", "base.json"])
        .assert()
        .code(0);
    // The known key is copied elsewhere, and a new one appears.
    std::fs::write(
        d.join("b.txt"),
        format!("{}\nAKIAQWHZ6KXMN4TR5UPB\n", key_id()),
    )
    .unwrap();
    let out = run(
        &d,
        &["secrets", ".", "--baseline", "base.json", "-f", "jsonl"],
        1,
    );
    let lines = jsonl(&out);
    let f = findings(&lines);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0]["location"]["region"]["start"]["line"], 2);
    assert_eq!(lines.last().unwrap()["baselined"], 3);
}

#[test]
fn sarif_of_secret_findings_is_schema_valid() {
    let validator = crate::common::sarif_validator();
    let d = scratch("sarif");
    std::fs::write(d.join("a.ini"), creds()).unwrap();
    let out = run(&d, &["secrets", ".", "-f", "sarif"], 1);
    let sarif: Value = serde_json::from_slice(&out).unwrap();
    let errors = crate::common::schema_errors(&validator, &sarif);
    assert!(errors.is_empty(), "{errors:?}");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["properties"]["confidence"], "high");
    assert!(!String::from_utf8_lossy(&out).contains(&secret_key()));
}

#[test]
fn git_history_reports_each_secret_with_the_commit_that_introduced_it() {
    let d = scratch("git");
    git(&d, &["init", "-q"]);
    std::fs::write(d.join("app.cfg"), creds()).unwrap();
    git(&d, &["add", "."]);
    git(&d, &["commit", "-qm", "add config"]);
    // The secret is removed from the tip but stays in history.
    std::fs::write(d.join("app.cfg"), "region = eu-west-1\n").unwrap();
    git(&d, &["commit", "-qam", "remove credentials"]);
    git(&d, &["checkout", "-qb", "feature"]);
    std::fs::write(d.join("other.txt"), "token AKIAQWHZ6KXMN4TR5UPB\n").unwrap();
    git(&d, &["add", "."]);
    git(&d, &["commit", "-qm", "feature work"]);
    git(&d, &["checkout", "-q", "main"]);

    // The working tree is clean.
    palisade_in(&d)
        .args(["secrets", "app.cfg"])
        .assert()
        .code(0);

    let out = run(&d, &["secrets", "--git", ".", "-f", "jsonl"], 1);
    let lines = jsonl(&out);
    let validator = crate::common::jsonl_validator();
    for line in &lines {
        let errors = crate::common::schema_errors(&validator, line);
        assert!(errors.is_empty(), "{line}: {errors:?}");
    }
    let f = findings(&lines);
    assert_eq!(f.len(), 3, "{f:?}");
    let first = f
        .iter()
        .find(|f| f["rule"] == "SEC1002")
        .expect("secret access key");
    assert_eq!(first["location"]["path"], "app.cfg");
    assert_eq!(first["provenance"]["author"], "Ada <ada@example.org>");
    let log = Std::new("git")
        .current_dir(&d)
        .args(["rev-list", "--max-parents=0", "HEAD"])
        .output()
        .unwrap();
    let root = String::from_utf8_lossy(&log.stdout).trim().to_string();
    assert_eq!(first["provenance"]["commit"], root.as_str());

    // --branch main does not see the feature branch's key.
    let out = run(&d, &["secrets", "--branch", "main", ".", "-f", "jsonl"], 1);
    assert_eq!(findings(&jsonl(&out)).len(), 2);
    // --since-commit main --branch feature sees only the feature commit.
    let out = run(
        &d,
        &[
            "secrets",
            "--since-commit",
            "main",
            "--branch",
            "feature",
            ".",
            "-f",
            "jsonl",
        ],
        1,
    );
    let lines = jsonl(&out);
    let f = findings(&lines);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["location"]["path"], "other.txt");
    // An unknown ref is a clear error (exit 2).
    let last = run(&d, &["secrets", "--branch", "nope", "."], 2);
    assert!(String::from_utf8_lossy(&last).contains("git failed"));
}

#[test]
fn staged_scan_sees_only_what_is_about_to_be_committed() {
    let d = scratch("staged");
    git(&d, &["init", "-q"]);
    std::fs::write(d.join("README"), "hello\n").unwrap();
    git(&d, &["add", "."]);
    git(&d, &["commit", "-qm", "init"]);
    palisade_in(&d)
        .args(["secrets", "--staged"])
        .assert()
        .code(0);
    std::fs::write(d.join("unstaged.ini"), creds()).unwrap();
    palisade_in(&d)
        .args(["secrets", "--staged"])
        .assert()
        .code(0);
    std::fs::write(
        d.join("staged.env"),
        format!("AWS_ACCESS_KEY_ID={}\n", key_id()),
    )
    .unwrap();
    git(&d, &["add", "staged.env"]);
    let out = run(&d, &["secrets", "--staged", "-f", "jsonl"], 1);
    let lines = jsonl(&out);
    let f = findings(&lines);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["location"]["path"], "staged.env");
    assert_eq!(f[0]["provenance"]["commit"], "");
}

#[test]
fn not_a_repository_is_an_error_and_bad_files_do_not_stop_the_scan() {
    let d = scratch("bad");
    let last = run(&d, &["secrets", "--git", "."], 2);
    assert!(String::from_utf8_lossy(&last).contains("not a git repository"));
    // Invalid UTF-8 around a key, a huge file over the limit, a symlink loop, a missing path.
    let mut bytes = vec![0xff, 0xfe, b' '];
    bytes.extend_from_slice(key_id().as_bytes());
    bytes.extend_from_slice(b" \xc3\x28\n");
    std::fs::write(d.join("latin.txt"), &bytes).unwrap();
    std::fs::write(d.join("big.txt"), vec![b'a'; 2048]).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&d, d.join("loop")).unwrap();
    let out = run(
        &d,
        &[
            "secrets",
            ".",
            "missing-dir",
            "--max-file-size",
            "1024",
            "-f",
            "jsonl",
        ],
        2,
    );
    let lines = jsonl(&out);
    let f = findings(&lines);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["location"]["path"], "latin.txt");
    // Each invalid byte counts as one character.
    assert_eq!(f[0]["location"]["region"]["start"]["column"], 4);
    let errors: Vec<_> = lines.iter().filter(|l| l["type"] == "error").collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0]["message"]
        .as_str()
        .unwrap()
        .contains("missing-dir"));
}

#[test]
fn scan_reports_secrets_next_to_template_findings() {
    let d = scratch("scan");
    std::fs::write(
        d.join("stack.yaml"),
        format!(
            "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Site:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicReadWrite\n      Tags:\n        - Key: owner-key\n          Value: {}\n",
            key_id()
        ),
    )
    .unwrap();
    std::fs::write(
        d.join("deploy.sh"),
        format!("export AWS_SECRET_ACCESS_KEY={}\n", secret_key()),
    )
    .unwrap();
    let out = run(&d, &["scan", ".", "-f", "jsonl"], 1);
    let lines = jsonl(&out);
    let f = findings(&lines);
    let secret_rules: Vec<(&str, &str)> = f
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("SEC"))
        .map(|f| {
            (
                f["rule"].as_str().unwrap(),
                f["location"]["path"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        secret_rules,
        vec![("SEC1002", "deploy.sh"), ("SEC1001", "stack.yaml")]
    );
    assert!(f
        .iter()
        .any(|f| f["rule"].as_str().unwrap().starts_with("CFN")));
    assert!(!String::from_utf8_lossy(&out).contains(&secret_key()));
}

#[test]
fn the_bundled_example_app_has_five_credentials_one_allowed_one_placeholder() {
    let out = run(&repo(), &["secrets", "examples/", "-f", "jsonl"], 1);
    let lines = jsonl(&out);
    let rules: Vec<&str> = findings(&lines)
        .iter()
        .map(|f| f["rule_name"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        vec![
            "aws-access-key-id",
            "aws-secret-access-key",
            "github-classic-pat",
            "slack-incoming-webhook",
            "postgres-connection-url"
        ]
    );
    assert_eq!(lines.last().unwrap()["suppressed"], 1);
}

#[test]
fn a_missing_git_object_is_reported_and_the_rest_of_history_still_scanned() {
    let d = scratch("corrupt");
    git(&d, &["init", "-q"]);
    std::fs::write(d.join("a.ini"), creds()).unwrap();
    std::fs::write(d.join("b.txt"), "nothing here\n").unwrap();
    git(&d, &["add", "."]);
    git(&d, &["commit", "-qm", "one"]);
    // Delete the loose object of b.txt's blob.
    let out = Std::new("git")
        .current_dir(&d)
        .args(["rev-parse", "HEAD:b.txt"])
        .output()
        .unwrap();
    let oid = String::from_utf8_lossy(&out.stdout).trim().to_string();
    std::fs::remove_file(d.join(".git/objects").join(&oid[..2]).join(&oid[2..])).unwrap();
    let out = run(&d, &["secrets", "--git", ".", "-f", "jsonl"], 2);
    let lines = jsonl(&out);
    assert_eq!(findings(&lines).len(), 2);
    let errors: Vec<_> = lines.iter().filter(|l| l["type"] == "error").collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0]["path"].as_str().unwrap().contains("b.txt"));
}

#[test]
fn archives_are_read_only_when_asked_and_members_are_named() {
    use std::io::Write;
    let d = scratch("archives");
    // A .tar.gz holding a credentials file, built in memory.
    let mut tar = tar::Builder::new(Vec::new());
    let body = creds();
    let mut h = tar::Header::new_gnu();
    h.set_size(body.len() as u64);
    h.set_mode(0o644);
    h.set_cksum();
    tar.append_data(&mut h, "home/.aws/credentials", body.as_bytes())
        .unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&tar.into_inner().unwrap()).unwrap();
    std::fs::write(d.join("backup.tgz"), gz.finish().unwrap()).unwrap();
    // A corrupt one next to it.
    std::fs::write(
        d.join("broken.gz"),
        [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff],
    )
    .unwrap();

    // Not asked: nothing read, and the summary says why.
    let out = palisade_in(&d)
        .args(["secrets", ".", "-f", "jsonl"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert!(findings(&jsonl(&out.stdout)).is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("2 archive(s) or compressed file(s) not opened"),
        "{err}"
    );

    // Asked: the key in the member, named outer!inner; the corrupt one is an error (exit 2).
    let out = run(
        &d,
        &["secrets", ".", "--extract-archives", "-f", "jsonl"],
        2,
    );
    let lines = jsonl(&out);
    let paths: Vec<&str> = findings(&lines)
        .iter()
        .map(|f| f["location"]["path"].as_str().unwrap())
        .collect();
    assert!(!paths.is_empty());
    assert!(
        paths
            .iter()
            .all(|p| *p == "backup.tgz!backup.tar!home/.aws/credentials"),
        "{paths:?}"
    );
    let errors: Vec<&Value> = lines.iter().filter(|l| l["type"] == "error").collect();
    assert_eq!(errors.len(), 1, "{lines:?}");
    assert!(errors[0]["path"].as_str().unwrap().starts_with("broken.gz"));
    let _ = std::fs::remove_dir_all(&d);
}
