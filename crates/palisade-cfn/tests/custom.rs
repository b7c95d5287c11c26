//! Declarative custom template rules: operators, quantifiers, combinators, unknowns, errors.

use palisade_cfn::custom::parse_file;
use palisade_cfn::{scan_text, ScanOptions};
use palisade_core::{Finding, Severity};
use palisade_doc::Format;

/// Scan `template` with one custom rule whose `check` is `check` (YAML, indented by 6).
fn run(check: &str, template: &str) -> Vec<Finding> {
    let rules = format!(
        "template_rules:\n  - code: TEST0001\n    name: test-rule\n    summary: test\n    types: [AWS::S3::Bucket]\n    check:\n{check}"
    );
    let (custom, errors) = parse_file("rules.yaml", &rules);
    assert!(errors.is_empty(), "{errors:#?}");
    let opts = ScanOptions {
        custom,
        config: palisade_core::config::Config {
            select: vec!["TEST0001".into()],
            ..Default::default()
        },
        ..ScanOptions::default()
    };
    let text = format!("Parameters:\n  P: {{Type: String}}\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n{template}");
    let out = scan_text("t.yaml", &text, Format::Yaml, &opts);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    out.findings
}

fn fails(check: &str, template: &str) -> bool {
    let f = run(check, template);
    assert!(f.iter().all(|x| x.severity != Severity::Info), "{f:#?}");
    !f.is_empty()
}

fn unknown(check: &str, template: &str) -> bool {
    let f = run(check, template);
    f.len() == 1 && f[0].severity == Severity::Info
}

#[test]
fn scalar_operators() {
    let eq = "      path: VersioningConfiguration.Status\n      equals: Enabled\n";
    assert!(!fails(
        eq,
        "      VersioningConfiguration: {Status: Enabled}\n"
    ));
    assert!(fails(
        eq,
        "      VersioningConfiguration: {Status: Suspended}\n"
    ));
    assert!(
        fails(eq, "      BucketName: x\n"),
        "absent fails by default"
    );
    let missing_ok = "      path: VersioningConfiguration.Status\n      equals: Enabled\n      if_missing: pass\n";
    assert!(!fails(missing_ok, "      BucketName: x\n"));
    let b = "      path: ObjectLockEnabled\n      equals: true\n";
    assert!(!fails(b, "      ObjectLockEnabled: true\n"));
    assert!(
        !fails(b, "      ObjectLockEnabled: 'True'\n"),
        "booleans compare as CloudFormation reads them"
    );
    assert!(fails(b, "      ObjectLockEnabled: false\n"));
    let ex = "      path: LoggingConfiguration\n      exists: true\n";
    assert!(fails(ex, "      BucketName: x\n"));
    assert!(!fails(ex, "      LoggingConfiguration: {}\n"));
    let nex = "      path: AccessControl\n      exists: false\n";
    assert!(fails(nex, "      AccessControl: Private\n"));
    assert!(!fails(nex, "      BucketName: x\n"));
    let one = "      path: AccessControl\n      one_of: [Private, BucketOwnerFullControl]\n";
    assert!(!fails(one, "      AccessControl: Private\n"));
    assert!(fails(one, "      AccessControl: PublicRead\n"));
    let none = "      path: AccessControl\n      not_one_of: [PublicRead, PublicReadWrite]\n";
    assert!(fails(none, "      AccessControl: PublicRead\n"));
    assert!(!fails(none, "      AccessControl: Private\n"));
    let m = "      path: BucketName\n      matches: '^acme-[a-z]+$'\n";
    assert!(!fails(m, "      BucketName: acme-logs\n"));
    assert!(fails(m, "      BucketName: logs\n"));
    let nm = "      path: BucketName\n      not_matches: 'tmp'\n";
    assert!(fails(nm, "      BucketName: tmp-1\n"));
    let n = "      path: LifecycleConfiguration.Rules[0].ExpirationInDays\n      lte: 365\n";
    assert!(!fails(
        n,
        "      LifecycleConfiguration: {Rules: [{ExpirationInDays: 30}]}\n"
    ));
    assert!(!fails(
        n,
        "      LifecycleConfiguration: {Rules: [{ExpirationInDays: '365'}]}\n"
    ));
    assert!(fails(
        n,
        "      LifecycleConfiguration: {Rules: [{ExpirationInDays: 400}]}\n"
    ));
    assert!(fails(
        n,
        "      LifecycleConfiguration: {Rules: [{ExpirationInDays: never}]}\n"
    ));
    let gt = "      path: X\n      gt: 1.5\n";
    assert!(!fails(gt, "      X: 2\n"));
    assert!(fails(gt, "      X: 1.5\n"));
}

#[test]
fn list_quantifiers() {
    let any = "      path: Tags[*].Key\n      each: any\n      equals: Owner\n";
    assert!(!fails(
        any,
        "      Tags: [{Key: Team, Value: a}, {Key: Owner, Value: b}]\n"
    ));
    assert!(fails(any, "      Tags: [{Key: Team, Value: a}]\n"));
    assert!(fails(any, "      Tags: []\n"), "no item at all");
    assert!(fails(any, "      BucketName: x\n"), "no list at all");
    let all = "      path: Tags[*].Value\n      not_equals: ''\n";
    assert!(!fails(
        all,
        "      Tags: [{Key: a, Value: x}, {Key: b, Value: y}]\n"
    ));
    let f = run(
        all,
        "      Tags: [{Key: a, Value: x}, {Key: b, Value: ''}]\n",
    );
    assert_eq!(f.len(), 1, "only the offending item: {f:#?}");
    assert!(f[0].message.contains("`Tags[1].Value`"), "{}", f[0].message);
}

#[test]
fn combinators() {
    let all = "      all:\n        - {path: BucketName, exists: true}\n        - {path: AccessControl, equals: Private}\n";
    assert!(!fails(
        all,
        "      BucketName: x\n      AccessControl: Private\n"
    ));
    assert_eq!(
        run(all, "      AccessControl: PublicRead\n").len(),
        2,
        "each failing part is reported"
    );
    let any = "      any:\n        - {path: BucketEncryption, exists: true}\n        - {path: BucketName, matches: '-encrypted$'}\n";
    assert!(!fails(any, "      BucketName: a-encrypted\n"));
    assert!(fails(any, "      BucketName: a\n"));
    let not =
        "      not:\n        path: AccessControl\n        one_of: [PublicRead, PublicReadWrite]\n";
    assert!(fails(not, "      AccessControl: PublicRead\n"));
    assert!(!fails(not, "      AccessControl: Private\n"));
}

#[test]
fn unknown_values_are_info_not_pass_or_fail() {
    let eq = "      path: AccessControl\n      equals: Private\n";
    assert!(unknown(eq, "      AccessControl: !Ref P\n"));
    assert!(unknown(eq, "      AccessControl: !GetAtt X.Y\n"));
    let any = "      path: Tags[*].Key\n      each: any\n      equals: Owner\n";
    assert!(unknown(any, "      Tags: !Ref P\n"));
}

fn load_errors(rules: &str) -> Vec<(String, u32)> {
    let (_, errors) = parse_file("r.yaml", rules);
    errors
        .into_iter()
        .map(|e| (e.message, e.region.map_or(0, |r| r.start.line)))
        .collect()
}

const HEAD: &str = "template_rules:\n  - code: ACME0001\n    name: a-rule\n    summary: s\n    types: [AWS::S3::Bucket]\n";

#[test]
fn malformed_rules_are_errors_with_lines() {
    let e = load_errors(&format!("{HEAD}    check: {{path: A, matches: '('}}\n"));
    assert!(
        e.len() == 1 && e[0].0.contains("invalid regular expression") && e[0].1 == 6,
        "{e:?}"
    );
    let e = load_errors(&format!(
        "{HEAD}    check: {{path: A, equals: 1, one_of: [1]}}\n"
    ));
    assert!(
        e.len() == 1 && e[0].0.contains("exactly one operator"),
        "{e:?}"
    );
    let e = load_errors(&format!(
        "{HEAD}    check: {{path: A, each: any, equals: 1}}\n"
    ));
    assert!(e.len() == 1 && e[0].0.contains("[*]"), "{e:?}");
    let e = load_errors(&format!("{HEAD}    check: {{path: 'A..B', equals: 1}}\n"));
    assert!(
        e.len() == 1 && e[0].0.contains("not a property path"),
        "{e:?}"
    );
    let e = load_errors(&format!("{HEAD}    check: {{path: A, gt: many}}\n"));
    assert!(e.len() == 1 && e[0].0.contains("number"), "{e:?}");
    let e = load_errors(&format!("{HEAD}    check: {{any: []}}\n"));
    assert!(e.len() == 1 && e[0].0.contains("non-empty list"), "{e:?}");
    let e = load_errors(&format!(
        "{HEAD}    severity: urgent\n    check: {{path: A, exists: true}}\n"
    ));
    assert!(
        e.len() == 1 && e[0].0.contains("severity") && e[0].1 == 6,
        "{e:?}"
    );
    let e = load_errors(
        &(HEAD.replace("ACME0001", "CFN0001") + "    check: {path: A, exists: true}\n"),
    );
    assert!(e.len() == 1 && e[0].0.contains("reserved"), "{e:?}");
    let e =
        load_errors(&(HEAD.replace("ACME0001", "acme1") + "    check: {path: A, exists: true}\n"));
    assert!(e.len() == 1 && e[0].0.contains("capital letters"), "{e:?}");
    let e = load_errors(
        &(HEAD.replace("[AWS::S3::Bucket]", "[Bucket]") + "    check: {path: A, exists: true}\n"),
    );
    assert!(
        e.len() == 1 && e[0].0.contains("not a resource type"),
        "{e:?}"
    );
    let e = load_errors(&format!("{HEAD}    checks: {{path: A, exists: true}}\n"));
    assert!(
        e.iter()
            .any(|x| x.0.contains("unknown rule key `checks`") && x.1 == 6),
        "{e:?}"
    );
    let e = load_errors("rules:\n  - code: SEC9999\n");
    assert!(
        e.iter().any(|x| x.0.contains("unknown key `rules`")),
        "{e:?}"
    );
    let e = load_errors("template_rules: [\n");
    assert!(e.iter().any(|x| x.0.contains("cannot parse YAML")), "{e:?}");
    // A well-formed rule next to a broken one still loads.
    let (ok, errs) = parse_file(
        "r.yaml",
        &format!("{HEAD}    check: {{path: A, exists: true}}\n  - code: ACME0002\n    name: b\n    summary: s\n    types: [AWS::S3::Bucket]\n    check: {{path: A}}\n"),
    );
    assert_eq!((ok.len(), errs.len()), (1, 1));
}

#[test]
fn deep_nesting_is_refused() {
    let mut check = String::from("{path: A, exists: true}");
    for _ in 0..40 {
        check = format!("{{not: {check}}}");
    }
    let e = load_errors(&format!("{HEAD}    check: {check}\n"));
    assert!(e.iter().any(|x| x.0.contains("nest deeper")), "{e:?}");
}
