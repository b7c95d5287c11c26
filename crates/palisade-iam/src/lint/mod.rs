//! Offline policy validation: `palisade iam lint`.
//!
//! Every check is an entry of [`checks()`] with a stable Palisade id (`IAM1001`), the issue code
//! IAM Access Analyzer's `ValidatePolicy` uses for the same problem (so users can map findings
//! and keep their suppressions), the Parliament and Cloudsplaining ids it corresponds to, its
//! documentation, and the policy types it applies to. [`lint`] reads a policy document and runs
//! every check that applies to its [`PolicyType`]; each [`LintFinding`] carries the span and the
//! JSON path of the offending element.
//!
//! The checks are condition-aware where it matters: a risky grant whose conditions pin it to a
//! principal, an organisation, a source or a resource tag is reported at a lower severity, or
//! not at all, as each check documents (see [`restricting_condition`]).

mod actions;
mod conditions;
mod resources;
mod risk;
mod structure;

pub use risk::{CREDENTIAL_ACTIONS, EXFILTRATION_ACTIONS};

use std::borrow::Cow;
use std::fmt;

use palisade_core::{Finding, Location, RuleMeta, Severity, Span, Tool, Xref};
use palisade_doc::{Node, Value};
use serde::Serialize;

use crate::catalog::Catalog;
use crate::policy::{
    parse_policy, BaseOperator, ConditionOperator, ParsedPolicy, PolicyDocument, Statement,
};

/// The kind of policy being validated: it decides which elements are allowed and which checks
/// apply (Access Analyzer's `policyType`, with role trust policies told apart).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PolicyType {
    /// An identity-based policy (user, group, role; inline or managed), a permissions boundary
    /// or a session policy.
    Identity,
    /// A resource-based policy (bucket, queue, topic, key, secret, ...).
    Resource,
    /// A role trust policy (`AssumeRolePolicyDocument`).
    RoleTrust,
    /// A service control policy.
    Scp,
    /// A resource control policy.
    Rcp,
}

impl PolicyType {
    /// Every policy type.
    pub const ALL: [PolicyType; 5] = [
        PolicyType::Identity,
        PolicyType::Resource,
        PolicyType::RoleTrust,
        PolicyType::Scp,
        PolicyType::Rcp,
    ];

    /// The name users write (`identity`, `resource`, `trust`, `scp`, `rcp`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            PolicyType::Identity => "identity",
            PolicyType::Resource => "resource",
            PolicyType::RoleTrust => "trust",
            PolicyType::Scp => "scp",
            PolicyType::Rcp => "rcp",
        }
    }

    /// Read a name written by a user.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "identity" | "identity-policy" | "identity_policy" => Some(PolicyType::Identity),
            "resource" | "resource-policy" | "resource_policy" => Some(PolicyType::Resource),
            "trust" | "role-trust" | "assume-role" => Some(PolicyType::RoleTrust),
            "scp" | "service-control-policy" | "service_control_policy" => Some(PolicyType::Scp),
            "rcp" | "resource-control-policy" | "resource_control_policy" => Some(PolicyType::Rcp),
            _ => None,
        }
    }

    /// Whether statements of this type name a principal (resource and trust policies).
    #[must_use]
    pub fn has_principal(self) -> bool {
        matches!(self, PolicyType::Resource | PolicyType::RoleTrust)
    }

    /// Guess the type of a standalone policy: `Principal` anywhere makes it a resource policy,
    /// and a resource policy that only grants `sts:AssumeRole*` is a trust policy.
    #[must_use]
    pub fn guess(policy: &PolicyDocument) -> Self {
        if !policy.statements.iter().any(|s| s.principal.is_some()) {
            return PolicyType::Identity;
        }
        let trust = policy.statements.iter().all(|s| {
            s.action.as_ref().is_some_and(|a| {
                !a.negated
                    && a.values.iter().all(|v| {
                        v.known().is_some_and(|t| {
                            let t = t.to_ascii_lowercase();
                            t.starts_with("sts:assumerole")
                                || t == "sts:tagsession"
                                || t == "sts:setsourceidentity"
                                || t == "sts:setcontext"
                        })
                    })
            })
        });
        if trust {
            PolicyType::RoleTrust
        } else {
            PolicyType::Resource
        }
    }
}

impl fmt::Display for PolicyType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Access Analyzer's finding types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FindingType {
    /// The policy is invalid: AWS rejects it, or part of it can never work.
    Error,
    /// The policy grants more than it appears to: a security risk.
    SecurityWarning,
    /// The policy works but does not do what it seems to.
    Warning,
    /// Clean-up: redundant or empty parts.
    Suggestion,
}

impl FindingType {
    /// As Access Analyzer writes it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            FindingType::Error => "ERROR",
            FindingType::SecurityWarning => "SECURITY_WARNING",
            FindingType::Warning => "WARNING",
            FindingType::Suggestion => "SUGGESTION",
        }
    }
}

/// One check: what it finds, its ids in other tools, and its documentation.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Check {
    /// Stable Palisade id, `IAM` + 4 digits.
    pub id: &'static str,
    /// Kebab-case name after the problem.
    pub name: &'static str,
    /// The IAM Access Analyzer issue code for the same problem, if Access Analyzer has one.
    pub access_analyzer: Option<&'static str>,
    /// Parliament finding ids.
    pub parliament: &'static [&'static str],
    /// Cloudsplaining risk category.
    pub cloudsplaining: Option<&'static str>,
    /// The Access Analyzer finding type (for checks Access Analyzer lacks: the closest one).
    pub kind: FindingType,
    /// Default severity when reported by `palisade scan`.
    pub severity: Severity,
    /// One line: what is wrong.
    pub summary: &'static str,
    /// Why it matters (Markdown).
    pub why: &'static str,
    /// How to fix it (Markdown).
    pub fix: &'static str,
    /// The policy types it applies to (empty: all).
    pub applies: &'static [PolicyType],
}

impl Check {
    /// Whether the check applies to a policy type.
    #[must_use]
    pub fn applies_to(&self, t: PolicyType) -> bool {
        self.applies.is_empty() || self.applies.contains(&t)
    }
}

/// Every check, in id order.
#[must_use]
pub fn checks() -> &'static [Check] {
    static ALL: std::sync::OnceLock<Vec<Check>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut v: Vec<Check> = [
            structure::CHECKS,
            resources::CHECKS,
            conditions::CHECKS,
            actions::CHECKS,
            risk::CHECKS,
        ]
        .concat();
        v.sort_by_key(|c| c.id);
        v
    })
}

/// The check with a Palisade id or an Access Analyzer issue code.
#[must_use]
pub fn check(id: &str) -> Option<&'static Check> {
    checks()
        .iter()
        .find(|c| c.id == id || c.access_analyzer == Some(id))
}

/// The checks as rules of the shared registry (`palisade rules`, SARIF rule metadata, docs).
#[must_use]
pub fn rule_meta() -> &'static [RuleMeta] {
    static ALL: std::sync::OnceLock<Vec<RuleMeta>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| checks().iter().map(Check::rule_meta).collect())
}

impl Check {
    /// This check as a rule.
    #[must_use]
    pub fn rule_meta(&self) -> RuleMeta {
        let mut xrefs = Vec::new();
        if let Some(code) = self.access_analyzer {
            xrefs.push(Xref {
                tool: Tool::AccessAnalyzer,
                id: code,
            });
        }
        xrefs.extend(self.parliament.iter().map(|id| Xref {
            tool: Tool::Parliament,
            id,
        }));
        if let Some(c) = self.cloudsplaining {
            xrefs.push(Xref {
                tool: Tool::Cloudsplaining,
                id: c,
            });
        }
        let applies = if self.applies.is_empty() {
            "every kind of policy".to_owned()
        } else {
            self.applies
                .iter()
                .map(|t| format!("{t} policies"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut refs = String::new();
        if let Some(code) = self.access_analyzer {
            refs.push_str(&format!(
                "- IAM Access Analyzer policy validation: issue code `{code}` ({}) — <https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html>\n",
                self.kind.as_str()
            ));
        }
        for id in self.parliament {
            refs.push_str(&format!("- Parliament: `{id}`\n"));
        }
        if let Some(c) = self.cloudsplaining {
            refs.push_str(&format!("- Cloudsplaining risk category: `{c}`\n"));
        }
        refs.push_str(
            "- IAM JSON policy reference — <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies.html>\n",
        );
        let docs = format!(
            "## What it checks\n\n{}\n\nApplies to {applies}. Finding type: `{}`.\n\n## Why it matters\n\n{}\n\n## How to fix\n\n{}\n\n## References\n\n{refs}",
            self.summary,
            self.kind.as_str(),
            self.why,
            self.fix
        );
        RuleMeta {
            code: Cow::Borrowed(self.id),
            name: Cow::Borrowed(self.name),
            severity: self.severity,
            summary: Cow::Borrowed(self.summary),
            docs: Cow::Owned(docs),
            group: Cow::Borrowed("iam-policy"),
            xrefs: Cow::Owned(xrefs),
            resource_types: Cow::Borrowed(&[]),
        }
    }
}

impl LintFinding {
    /// The finding in the shared model: `path` names the file, `text` is what the spans point
    /// into, `resource` the template resource holding the policy (if any).
    #[must_use]
    pub fn to_finding(
        &self,
        path: &str,
        text: &str,
        index: &palisade_core::LineIndex,
        resource: Option<(&str, &str)>,
    ) -> Finding {
        Finding {
            rule: self.check.id.to_owned(),
            rule_name: self.check.name.to_owned(),
            severity: self.severity,
            message: self.message.clone(),
            location: Location {
                path: path.to_owned(),
                region: Some(palisade_core::region(text, index, self.span)),
                resource: resource.map(|(r, _)| r.to_owned()),
                resource_type: resource.map(|(_, t)| t.to_owned()),
                json_path: Some(self.path.clone()),
            },
            conditions: Vec::new(),
            evidence: None,
            confidence: None,
            provenance: None,
            xrefs: Vec::new(),
            fingerprint: String::new(),
        }
        .with_fingerprint()
    }
}

/// One problem found in a policy.
#[derive(Clone, Debug, Serialize)]
pub struct LintFinding {
    /// The check.
    pub check: &'static Check,
    /// What is wrong, naming the values involved.
    pub message: String,
    /// Where the offending element is.
    #[serde(skip)]
    pub span: Span,
    /// The JSON path of the offending element, e.g. `$.Statement[0].Action[1]`.
    pub path: String,
    /// The severity (the check's, lowered when conditions restrict the statement).
    pub severity: Severity,
}

/// What the checks look at.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub root: &'a Node,
    pub parsed: &'a ParsedPolicy,
    pub policy: &'a PolicyDocument,
    pub policy_type: PolicyType,
    pub catalog: Option<&'static Catalog>,
}

/// Where checks put what they find.
pub(crate) struct Out<'a> {
    policy_type: PolicyType,
    root: &'a Node,
    findings: Vec<LintFinding>,
    seen: std::collections::HashSet<(&'static str, Span, String)>,
}

impl Out<'_> {
    /// Report check `id` at `span`. Ids that are not in the table, or checks that do not apply
    /// to the policy type, are dropped (a unit test keeps every id used in the table).
    pub fn push(&mut self, id: &str, span: Span, message: impl Into<String>) {
        if let Some(c) = check(id) {
            self.push_with(c, span, message.into(), c.severity);
        }
    }

    /// Report with a severity other than the check's default (conditions lowered it).
    pub fn push_severity(
        &mut self,
        id: &str,
        span: Span,
        message: impl Into<String>,
        severity: Severity,
    ) {
        if let Some(c) = check(id) {
            self.push_with(c, span, message.into(), severity);
        }
    }

    fn push_with(&mut self, c: &'static Check, span: Span, message: String, severity: Severity) {
        if !c.applies_to(self.policy_type) {
            return;
        }
        if !self.seen.insert((c.id, span, message.clone())) {
            return;
        }
        self.findings.push(LintFinding {
            check: c,
            path: json_path(self.root, span),
            message,
            span,
            severity,
        });
    }
}

/// Validate a policy document from its text. A document that is not well-formed JSON (or YAML)
/// gives `JSON_SYNTAX_ERROR` findings at the positions the reader reports, and the rest of the
/// checks run on what could be read.
#[must_use]
pub fn lint_text(
    text: &str,
    format: palisade_doc::Format,
    policy_type: PolicyType,
) -> Vec<LintFinding> {
    let parsed = palisade_doc::parse(text, format);
    let mut findings = Vec::new();
    let empty = Node::new(Span::default(), Value::Null);
    let root = parsed.root.as_ref().unwrap_or(&empty);
    if let Some(c) = check("JSON_SYNTAX_ERROR") {
        for e in &parsed.errors {
            findings.push(LintFinding {
                check: c,
                message: e.message.clone(),
                span: e.span,
                path: "$".to_owned(),
                severity: c.severity,
            });
        }
    }
    if parsed.root.is_some() {
        findings.extend(lint(text, root, policy_type));
    }
    findings
}

/// Validate one policy document (the node of the document: a file's root, or the value of a
/// template's `PolicyDocument`). `text` is the whole source the spans point into.
#[must_use]
pub fn lint(text: &str, root: &Node, policy_type: PolicyType) -> Vec<LintFinding> {
    let parsed = parse_policy(root);
    lint_parsed(text, root, &parsed, policy_type)
}

/// [`lint`] for a policy already read.
#[must_use]
pub fn lint_parsed(
    text: &str,
    root: &Node,
    parsed: &ParsedPolicy,
    policy_type: PolicyType,
) -> Vec<LintFinding> {
    let cx = Ctx {
        text,
        root,
        parsed,
        policy: &parsed.policy,
        policy_type,
        catalog: Catalog::load_error().is_none().then(Catalog::get),
    };
    let mut out = Out {
        policy_type,
        root,
        findings: Vec::new(),
        seen: std::collections::HashSet::new(),
    };
    structure::run(&cx, &mut out);
    resources::run(&cx, &mut out);
    conditions::run(&cx, &mut out);
    actions::run(&cx, &mut out);
    risk::run(&cx, &mut out);
    let mut findings = out.findings;
    findings.sort_by(|a, b| (a.span.start, a.check.id).cmp(&(b.span.start, b.check.id)));
    findings
}

/// The JSON path of the innermost element at `span` (`$` for the root): `$.Statement[0].Action`
/// for a key or its value, `$.Statement[0].Condition.StringEquals['aws:SourceAccount']` with
/// bracket notation for keys that are not plain names.
#[must_use]
pub fn json_path(root: &Node, span: Span) -> String {
    let mut path = String::from("$");
    let mut node = root;
    'descend: loop {
        if node.span == span {
            break;
        }
        match &node.value {
            Value::Map(entries) => {
                for e in entries {
                    if e.key_span == span {
                        push_key(&mut path, &e.key);
                        break 'descend;
                    }
                    if contains(e.value.span, span) {
                        push_key(&mut path, &e.key);
                        node = &e.value;
                        continue 'descend;
                    }
                }
                break;
            }
            Value::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    if contains(item.span, span) {
                        path.push_str(&format!("[{i}]"));
                        node = item;
                        continue 'descend;
                    }
                }
                break;
            }
            _ => break,
        }
    }
    path
}

fn contains(outer: Span, inner: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end && outer != Span::default()
}

fn push_key(path: &mut String, key: &str) {
    let plain = !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !key.starts_with(|c: char| c.is_ascii_digit());
    if plain {
        path.push('.');
        path.push_str(key);
    } else {
        path.push_str("['");
        path.push_str(&key.replace('\'', "\\'"));
        path.push_str("']");
    }
}

/// Condition keys whose presence pins a statement to known callers, sources, networks or
/// resources, so that a wide `Action`/`Resource` under them is not a wide grant.
const RESTRICTING_KEYS: [&str; 22] = [
    "aws:sourcearn",
    "aws:sourceaccount",
    "aws:sourceowner",
    "aws:sourceorgid",
    "aws:sourceorgpaths",
    "aws:principalarn",
    "aws:principalaccount",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalservicename",
    "aws:userid",
    "aws:username",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceip",
    "aws:vpcsourceip",
    "aws:resourceaccount",
    "aws:resourceorgid",
    "aws:resourceorgpaths",
    "iam:passedtoservice",
    "iam:policyarn",
    "kms:viaservice",
];

/// Whether a statement's `Condition` restricts it to known callers, sources, networks, resource
/// tags or accounts, so that risk checks (wide grants, exposure, escalation) should not report
/// it as if the condition were absent.
///
/// A key counts when it is one of a fixed list (`aws:SourceArn`, `aws:PrincipalOrgID`,
/// `aws:SourceVpce`, `iam:PassedToService`, ...) or a resource/principal tag key
/// (`aws:ResourceTag/…`, `aws:PrincipalTag/…`, `<service>:ResourceTag/…`), under an operator
/// that compares values (not `Null`), with at least one value that is not a bare `*`, and not in
/// the `IfExists` form (which passes when the key is missing), except for `ForAllValues:` which
/// never restricts (true when the key is absent).
#[must_use]
pub fn restricting_condition(st: &Statement) -> bool {
    let Some(cond) = &st.condition else {
        return false;
    };
    if !cond.unresolved.is_empty() {
        // A condition we cannot read may well restrict: do not call it unrestricted.
        return true;
    }
    cond.clauses.iter().any(|clause| {
        let op: &ConditionOperator = &clause.operator.value;
        if op.if_exists
            || op.set == Some(crate::policy::SetQualifier::ForAllValues)
            || matches!(op.base, BaseOperator::Null | BaseOperator::Unknown(_))
        {
            return false;
        }
        clause.entries.iter().any(|e| {
            let key = e.key.value.to_ascii_lowercase();
            let counts = RESTRICTING_KEYS.contains(&key.as_str())
                || key.contains(":resourcetag/")
                || key.starts_with("aws:principaltag/");
            counts
                && !e.values.is_empty()
                && e.values
                    .iter()
                    .any(|v| v.value.as_text().is_some_and(|t| t != "*"))
        })
    })
}

/// Lower a severity by one step for statements whose conditions restrict them.
#[must_use]
pub fn lowered(s: Severity) -> Severity {
    match s {
        Severity::Critical => Severity::High,
        Severity::High => Severity::Medium,
        Severity::Medium => Severity::Low,
        Severity::Low | Severity::Info => Severity::Info,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_well_formed() {
        let all = checks();
        for (i, c) in all.iter().enumerate() {
            assert!(
                c.id.len() == 7
                    && c.id.starts_with("IAM")
                    && c.id[3..].chars().all(|d| d.is_ascii_digit()),
                "bad id {}",
                c.id
            );
            assert!(
                all[i + 1..]
                    .iter()
                    .all(|o| o.id != c.id && o.name != c.name),
                "duplicate id or name: {} {}",
                c.id,
                c.name
            );
            if let Some(code) = c.access_analyzer {
                assert!(
                    all[i + 1..].iter().all(|o| o.access_analyzer != Some(code)),
                    "two checks claim {code}"
                );
            }
            assert!(
                !c.summary.is_empty() && !c.why.is_empty() && !c.fix.is_empty(),
                "{}",
                c.id
            );
        }
    }

    #[test]
    fn json_paths_name_keys_and_indexes() {
        let text = r#"{"Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:Put*"],"Condition":{"StringEquals":{"aws:SourceAccount":"1"}}}]}"#;
        let root = palisade_doc::parse(text, palisade_doc::Format::Json)
            .root
            .expect("parses");
        let find = |needle: &str| {
            let start = text.find(needle).expect("present");
            Span::new(start, start + needle.len())
        };
        assert_eq!(
            json_path(&root, find("\"s3:Put*\"")),
            "$.Statement[0].Action[1]"
        );
        assert_eq!(
            json_path(&root, find("\"Action\"")),
            "$.Statement[0].Action"
        );
        assert_eq!(
            json_path(&root, find("\"aws:SourceAccount\"")),
            "$.Statement[0].Condition.StringEquals['aws:SourceAccount']"
        );
        assert_eq!(json_path(&root, root.span), "$");
    }
}
