//! Engine behaviour: intrinsic resolution, scenarios for undecided conditions, unknowns.

use std::collections::HashMap;

use palisade_cfn::resolve::{describe, exact_text, Base, PARTIAL_TAG};
use palisade_cfn::template::{is_template, Template};
use palisade_cfn::value::{dynamic_reference, truth, DynamicRef, Tri};
use palisade_cfn::{scan_text, ScanOptions};
use palisade_core::config::Config;
use palisade_doc::{parse, Format, Node};

fn doc(text: &str) -> Node {
    let p = parse(text, Format::Yaml);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    p.root.unwrap()
}

/// Resolve `Resources.R.Properties.V` of a template given as YAML.
fn resolve_v(text: &str, params: &[(&str, &str)]) -> Option<Node> {
    let root = doc(text);
    let t = Template::new(&root);
    let user: HashMap<String, String> = params
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let base = Base::new(&t, &user);
    let r = base.resolver();
    let props = t.resource("R").unwrap().properties.unwrap();
    r.resolve(props).and_then(|p| p.get("V").cloned())
}

fn tpl(params: &str, conditions: &str, value: &str) -> String {
    format!(
        "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  P: {{Type: String, Default: dflt}}\n  L: {{Type: CommaDelimitedList, Default: 'a,b,c'}}\n  N: {{Type: String}}\n{params}\nMappings:\n  M:\n    us-east-1: {{Ami: ami-123}}\n    eu: {{Ami: ami-eu}}\nConditions:\n  Known: !Equals [!Ref P, dflt]\n  Open: !Equals [!Ref N, x]\n{conditions}\nResources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      V: {value}\n"
    )
}

fn text_of(n: &Option<Node>) -> Option<String> {
    n.as_ref().and_then(exact_text)
}

#[test]
fn ref_to_parameter_takes_user_value_then_default() {
    assert_eq!(
        text_of(&resolve_v(&tpl("", "", "!Ref P"), &[])),
        Some("dflt".into())
    );
    assert_eq!(
        text_of(&resolve_v(&tpl("", "", "!Ref P"), &[("P", "mine")])),
        Some("mine".into())
    );
    let unknown = resolve_v(&tpl("", "", "!Ref N"), &[]).unwrap();
    assert_eq!(describe(&unknown), "Ref N");
}

#[test]
fn allowed_values_with_one_entry_decide_the_value() {
    let t = tpl(
        "  One: {Type: String, AllowedValues: [only]}",
        "",
        "!Ref One",
    );
    assert_eq!(text_of(&resolve_v(&t, &[])), Some("only".into()));
}

#[test]
fn sub_both_forms_and_partial_strings() {
    let v = resolve_v(&tpl("", "", "!Sub '${P}-${AWS::Partition}'"), &[]);
    assert_eq!(text_of(&v), Some("dflt-aws".into()));
    let v = resolve_v(&tpl("", "", "!Sub ['${X}/${P}', {X: !Ref P}]"), &[]);
    assert_eq!(text_of(&v), Some("dflt/dflt".into()));
    let v = resolve_v(&tpl("", "", "!Sub 'arn:aws:s3:::${R}/*'"), &[]).unwrap();
    assert_eq!(v.tag.as_deref(), Some(PARTIAL_TAG));
    assert_eq!(v.as_str(), Some("arn:aws:s3:::${R}/*"));
    let v = resolve_v(&tpl("", "", "!Sub 'literal ${!NotAVar}'"), &[]);
    assert_eq!(text_of(&v), Some("literal ${NotAVar}".into()));
}

#[test]
fn join_select_split_findinmap() {
    assert_eq!(
        text_of(&resolve_v(&tpl("", "", "!Join ['-', [a, !Ref P]]"), &[])),
        Some("a-dflt".into())
    );
    assert_eq!(
        text_of(&resolve_v(&tpl("", "", "!Select [1, !Ref L]"), &[])),
        Some("b".into())
    );
    assert_eq!(
        text_of(&resolve_v(
            &tpl("", "", "!Select [2, !Split [',', 'x,y,z']]"),
            &[]
        )),
        Some("z".into())
    );
    assert_eq!(
        text_of(&resolve_v(&tpl("", "", "!FindInMap [M, eu, Ami]"), &[])),
        Some("ami-eu".into())
    );
    let v = resolve_v(&tpl("", "", "!FindInMap [M, !Ref 'AWS::Region', Ami]"), &[]).unwrap();
    assert!(
        exact_text(&v).is_none(),
        "region is not known before deployment"
    );
    let v = resolve_v(&tpl("", "", "!GetAtt Other.Arn"), &[]).unwrap();
    assert_eq!(describe(&v), "Fn::GetAtt Other.Arn");
}

#[test]
fn if_decided_by_parameters_and_novalue() {
    assert_eq!(
        text_of(&resolve_v(&tpl("", "", "!If [Known, yes, no]"), &[])),
        Some("yes".into())
    );
    assert_eq!(
        text_of(&resolve_v(
            &tpl("", "", "!If [Known, yes, no]"),
            &[("P", "other")]
        )),
        Some("no".into())
    );
    assert!(resolve_v(&tpl("", "", "!If [Known, !Ref AWS::NoValue, no]"), &[]).is_none());
    // Undecided: kept as written (the scan enumerates scenarios instead).
    let v = resolve_v(&tpl("", "", "!If [Open, yes, no]"), &[]).unwrap();
    assert!(v.get("Fn::If").is_some());
}

#[test]
fn truth_and_dynamic_references() {
    assert_eq!(truth(&doc("true")), Tri::True);
    assert_eq!(truth(&doc("'FALSE'")), Tri::False);
    assert_eq!(truth(&doc("!Ref X")), Tri::Unknown);
    assert_eq!(
        dynamic_reference("{{resolve:ssm-secure:/db/pw:1}}"),
        Some(DynamicRef::SsmSecure)
    );
    assert_eq!(
        dynamic_reference("x{{resolve:secretsmanager:arn:...}}"),
        Some(DynamicRef::SecretsManager)
    );
    assert_eq!(
        dynamic_reference("{{resolve:ssm:/db/pw}}"),
        Some(DynamicRef::Ssm)
    );
    assert_eq!(dynamic_reference("plain"), None);
}

#[test]
fn recognises_templates_by_content() {
    assert!(is_template(&doc(
        "AWSTemplateFormatVersion: '2010-09-09'\n"
    )));
    assert!(is_template(&doc(
        "Resources:\n  A:\n    Type: AWS::SNS::Topic\n"
    )));
    assert!(!is_template(&doc("Resources:\n  cpu: 100m\n")));
    assert!(!is_template(&doc("name: x\n")));
}

fn scan(text: &str, select: &str) -> Vec<palisade_core::Finding> {
    let opts = ScanOptions {
        parameters: HashMap::new(),
        config: Config {
            select: vec![select.into()],
            ..Config::default()
        },
        ..ScanOptions::default()
    };
    scan_text("t.yaml", text, Format::Yaml, &opts).findings
}

const CONDITIONAL: &str = "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Env: {Type: String}\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n  IsDev: !Not [!Condition IsProd]\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: !If [IsProd, PublicRead, !If [IsDev, Private, PublicReadWrite]]\n  B:\n    Type: AWS::S3::Bucket\n    Condition: IsProd\n    Properties:\n      AccessControl: PublicRead\n";

#[test]
fn undecided_conditions_check_both_branches_and_say_which() {
    let f = scan(CONDITIONAL, "CFN1001");
    let a: Vec<_> = f
        .iter()
        .filter(|x| x.location.resource.as_deref() == Some("A"))
        .collect();
    // PublicReadWrite needs IsProd false and IsDev false: contradictory, so never reported.
    assert_eq!(a.len(), 1, "{a:#?}");
    assert_eq!(a[0].message, "bucket `AccessControl` is `PublicRead`");
    assert_eq!(a[0].conditions[0], "condition `IsProd` is true");
    // A resource that exists only under a condition says so.
    let b: Vec<_> = f
        .iter()
        .filter(|x| x.location.resource.as_deref() == Some("B"))
        .collect();
    assert_eq!(
        b[0].conditions,
        vec!["condition `IsProd` is true".to_string()]
    );
}

#[test]
fn decided_false_resource_condition_skips_the_resource() {
    let text = CONDITIONAL.replace("Env: {Type: String}", "Env: {Type: String, Default: dev}");
    let f = scan(&text, "CFN1001");
    assert!(
        f.iter()
            .all(|x| x.location.resource.as_deref() != Some("B")),
        "{f:#?}"
    );
    assert!(f.iter().all(|x| x.conditions.is_empty()));
}

#[test]
fn fingerprints_ignore_line_numbers() {
    let a = scan("Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicRead\n", "CFN1001");
    let b = scan("Description: x\n\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicRead\n", "CFN1001");
    assert_eq!(a[0].fingerprint, b[0].fingerprint);
    assert_ne!(
        a[0].location.region.unwrap().start.line,
        b[0].location.region.unwrap().start.line
    );
}

#[test]
fn hostile_templates_do_not_panic() {
    for text in [
        "Resources: 5",
        "Resources:\n  A: 5\n",
        "Resources:\n  A:\n    Type: [AWS::S3::Bucket]\n",
        "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties: !If [X, a]\n",
        "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: !Select [99, [a]]\n",
        "Conditions:\n  X: !Condition X\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Condition: X\n    Properties:\n      AccessControl: !If [X, PublicRead, Private]\n",
        "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: !Sub '${'\n",
        "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: !FindInMap [a]\n",
    ] {
        let opts = ScanOptions::default();
        let _ = scan_text("t.yaml", text, Format::Yaml, &opts);
    }
}

/// checkov's open-ingress checks are per port, so a checkov suppression of the port-80 check
/// hides the port-80 finding of the Palisade rule but not its port-22 finding.
#[test]
fn a_per_port_checkov_suppression_hides_only_that_port() {
    let t = "Resources:
  Web:
    Type: AWS::EC2::SecurityGroup
    Metadata:
      checkov:
        skip:
          - id: CKV_AWS_260
            comment: public web server
    Properties:
      GroupDescription: web
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0, Description: http}
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0, Description: ssh}
        - {IpProtocol: udp, FromPort: 53, ToPort: 53, CidrIp: 0.0.0.0/0, Description: dns}
";
    let f = scan(t, "CFN2001");
    let msgs: Vec<&str> = f.iter().map(|x| x.message.as_str()).collect();
    assert_eq!(f.len(), 2, "{msgs:#?}");
    assert!(msgs[0].contains("port 22"), "{msgs:#?}");
    assert!(msgs[1].contains("UDP port 53"), "{msgs:#?}");
    // Each finding names the ids it answers to.
    assert_eq!(f[0].xrefs, ["cfn_nag:W2", "checkov:CKV_AWS_24"]);
    assert_eq!(f[1].xrefs, ["cfn_nag:W2"]);
    // cfn_nag's W2 is the whole rule: it hides them all.
    let all = t.replace(
        "checkov:\n        skip:\n          - id: CKV_AWS_260\n            comment:",
        "cfn_nag:\n        rules_to_suppress:\n          - id: W2\n            reason:",
    );
    assert!(scan(&all, "CFN2001").is_empty());
}

/// A resource's suppressions also apply to the IAM policy checks run on its policies.
#[test]
fn resource_suppressions_reach_the_iam_policy_checks() {
    let t = "Resources:
  Role:
    Type: AWS::IAM::Role
    Metadata:
      palisade:
        suppress:
          - id: IAM1005
            reason: legacy policy language on purpose
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - {Effect: Allow, Action: s3:GetObject, Resource: 'arn:aws:s3:::b/*'}
";
    let opts = ScanOptions::default();
    let out = scan_text("t.yaml", t, Format::Yaml, &opts);
    assert!(
        !out.findings.iter().any(|f| f.rule == "IAM1005"),
        "{:#?}",
        out.findings
    );
    assert!(
        !out.findings.iter().any(|f| f.rule == "CFN0001"),
        "{:#?}",
        out.findings
    );
    assert!(out.suppressed >= 1);
    let unsuppressed = t.replace("IAM1005", "CFN1001");
    let out = scan_text("t.yaml", &unsuppressed, Format::Yaml, &opts);
    assert!(out.findings.iter().any(|f| f.rule == "IAM1005"));
}
