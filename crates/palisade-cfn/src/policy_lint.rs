//! IAM policy validation inside `palisade scan`: the checks of `palisade iam lint` run on
//! standalone policy files and on the policy documents of template resources.

use palisade_core::{Finding, LineIndex};
use palisade_doc::Node;
use palisade_iam::lint::{lint, lint_parsed, PolicyType};

use crate::scan::{FileOutcome, ScanOptions};
use crate::template::Template;

/// Where resource types keep policy documents: `(type, property path, policy type)`. A path
/// segment `*` stands for every item of a list. `AWS::Organizations::Policy` is handled apart
/// (its `Type` decides SCP or RCP).
const POLICY_PROPERTIES: [(&str, &str, PolicyType); 19] = [
    ("AWS::IAM::Policy", "PolicyDocument", PolicyType::Identity),
    (
        "AWS::IAM::ManagedPolicy",
        "PolicyDocument",
        PolicyType::Identity,
    ),
    (
        "AWS::IAM::RolePolicy",
        "PolicyDocument",
        PolicyType::Identity,
    ),
    (
        "AWS::IAM::UserPolicy",
        "PolicyDocument",
        PolicyType::Identity,
    ),
    (
        "AWS::IAM::GroupPolicy",
        "PolicyDocument",
        PolicyType::Identity,
    ),
    (
        "AWS::IAM::Role",
        "AssumeRolePolicyDocument",
        PolicyType::RoleTrust,
    ),
    (
        "AWS::IAM::Role",
        "Policies.*.PolicyDocument",
        PolicyType::Identity,
    ),
    (
        "AWS::IAM::User",
        "Policies.*.PolicyDocument",
        PolicyType::Identity,
    ),
    (
        "AWS::IAM::Group",
        "Policies.*.PolicyDocument",
        PolicyType::Identity,
    ),
    (
        "AWS::S3::BucketPolicy",
        "PolicyDocument",
        PolicyType::Resource,
    ),
    (
        "AWS::SQS::QueuePolicy",
        "PolicyDocument",
        PolicyType::Resource,
    ),
    (
        "AWS::SNS::TopicPolicy",
        "PolicyDocument",
        PolicyType::Resource,
    ),
    ("AWS::KMS::Key", "KeyPolicy", PolicyType::Resource),
    ("AWS::KMS::ReplicaKey", "KeyPolicy", PolicyType::Resource),
    (
        "AWS::SecretsManager::ResourcePolicy",
        "ResourcePolicy",
        PolicyType::Resource,
    ),
    (
        "AWS::ECR::Repository",
        "RepositoryPolicyText",
        PolicyType::Resource,
    ),
    (
        "AWS::OpenSearchService::Domain",
        "AccessPolicies",
        PolicyType::Resource,
    ),
    (
        "AWS::Elasticsearch::Domain",
        "AccessPolicies",
        PolicyType::Resource,
    ),
    (
        "AWS::EFS::FileSystem",
        "FileSystemPolicy",
        PolicyType::Resource,
    ),
];

/// Whether a document that is not a template is a policy (a `Statement` with a `Version`, or
/// the `get-policy-version` wrapper).
#[must_use]
pub fn policy_node(root: &Node) -> Option<&Node> {
    if let Some(doc) = root.get("PolicyVersion").and_then(|v| v.get("Document")) {
        return Some(doc);
    }
    (root.get("Statement").is_some() && (root.get("Version").is_some() || root.get("Id").is_some()))
        .then_some(root)
}

fn keep(f: &Finding, opts: &ScanOptions) -> bool {
    opts.policy_check_enabled(&f.rule)
}

/// Lint a standalone policy file.
pub(crate) fn lint_policy_file(
    path: &str,
    text: &str,
    node: &Node,
    opts: &ScanOptions,
    out: &mut FileOutcome,
) {
    let index = LineIndex::new(text);
    let parsed = palisade_iam::parse_policy(node);
    let t = PolicyType::guess(&parsed.policy);
    for f in lint_parsed(text, node, &parsed, t) {
        let finding = f.to_finding(path, text, &index, None);
        if keep(&finding, opts) {
            out.findings.push(finding);
        }
    }
}

/// Lint the policy documents of a template's resources.
pub(crate) fn lint_template(
    path: &str,
    text: &str,
    template: &Template<'_>,
    opts: &ScanOptions,
    out: &mut FileOutcome,
) {
    let index = LineIndex::new(text);
    for res in &template.resources {
        let Some(props) = res.properties else {
            continue;
        };
        let mut docs: Vec<(String, &Node, PolicyType)> = Vec::new();
        // SAM policy templates, expanded (their findings point at the template entry).
        let mut built: Vec<(String, Node)> = Vec::new();
        for (ty, prop, pt) in &POLICY_PROPERTIES {
            if *ty == res.ty {
                collect(props, prop, String::new(), *pt, &mut docs);
            }
        }
        // SAM `Policies`: a document, or a list of managed names, documents and templates.
        if matches!(
            res.ty,
            "AWS::Serverless::Function" | "AWS::Serverless::StateMachine"
        ) {
            match props.get("Policies") {
                Some(p) if p.get("Statement").is_some() => {
                    docs.push(("Policies".into(), p, PolicyType::Identity));
                }
                Some(p) => {
                    for (i, item) in p.as_seq().unwrap_or(&[]).iter().enumerate() {
                        if item.get("Statement").is_some() {
                            docs.push((format!("Policies[{i}]"), item, PolicyType::Identity));
                        } else if let Some(doc) = crate::sam::expand(item) {
                            built.push((format!("Policies[{i}]"), doc));
                        }
                    }
                }
                None => {}
            }
        }
        if res.ty == "AWS::Organizations::Policy" {
            let pt = match props.get("Type").and_then(Node::as_str) {
                Some("SERVICE_CONTROL_POLICY") => Some(PolicyType::Scp),
                Some("RESOURCE_CONTROL_POLICY") => Some(PolicyType::Rcp),
                _ => None,
            };
            if let (Some(pt), Some(content)) = (pt, props.get("Content")) {
                if content.is_map() {
                    docs.push(("Content".into(), content, pt));
                }
            }
        }
        let first_built = docs.len();
        docs.extend(
            built
                .iter()
                .map(|(path, node)| (path.clone(), node, PolicyType::Identity)),
        );
        // The resource's suppressions (ours, cfn_nag's, checkov's) apply to its policy checks too.
        let mut sup = crate::suppress::parse(res.metadata, &|_| true);
        sup.entries.extend(crate::suppress::inline_checkov(
            text,
            res.id_span.start,
            res.node.span.end,
        ));
        let suppressed = |code: &str| {
            !sup.entries.is_empty()
                && palisade_iam::lint::rule_meta()
                    .iter()
                    .find(|m| m.code == code)
                    .is_some_and(|m| sup.covers(m))
        };
        for (i, (prop_path, node, pt)) in docs.into_iter().enumerate() {
            for f in lint(text, node, pt) {
                // A SAM policy template is AWS's text, not the author's: only the risk checks
                // (what it grants) apply, not the checks of how a policy is written.
                if i >= first_built && !f.check.id.starts_with("IAM16") {
                    continue;
                }
                let mut finding = f.to_finding(path, text, &index, Some((res.logical_id, res.ty)));
                let inner = f.path.strip_prefix('$').unwrap_or(&f.path);
                finding.location.json_path = Some(format!(
                    "Resources.{}.Properties.{prop_path}{inner}",
                    res.logical_id
                ));
                let finding = finding.with_fingerprint();
                if !keep(&finding, opts) {
                    continue;
                }
                if suppressed(&finding.rule) {
                    out.suppressed += 1;
                } else {
                    out.findings.push(finding);
                }
            }
        }
    }
}

/// The policy nodes under a dotted property path (`*` = every list item).
fn collect<'n>(
    node: &'n Node,
    path: &str,
    shown: String,
    pt: PolicyType,
    out: &mut Vec<(String, &'n Node, PolicyType)>,
) {
    let (head, rest) = match path.split_once('.') {
        Some((h, r)) => (h, Some(r)),
        None => (path, None),
    };
    let join = |s: &str| {
        if shown.is_empty() {
            s.to_owned()
        } else {
            format!("{shown}.{s}")
        }
    };
    if head == "*" {
        for (i, item) in node.as_seq().unwrap_or(&[]).iter().enumerate() {
            let s = format!("{shown}[{i}]");
            match rest {
                Some(r) => collect(item, r, s, pt, out),
                None if item.is_map() => out.push((s, item, pt)),
                None => {}
            }
        }
        return;
    }
    let Some(child) = node.get(head) else { return };
    match rest {
        Some(r) => collect(child, r, join(head), pt, out),
        None if child.is_map() => out.push((join(head), child, pt)),
        None => {}
    }
}
