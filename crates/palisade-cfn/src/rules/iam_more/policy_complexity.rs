use std::collections::BTreeSet;

use palisade_core::Span;
use palisade_iam::{BaseOperator, ConditionValue, Effect, PolicyString, Statement, ValueBlock};

use super::util::referenced;
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::iam::util::{all_stars, documents, Doc, Kind};
use crate::template::Template;
use crate::value::is_partial;

declare_rule! {
    /// ## What it checks
    /// The complexity of each identity policy of an `AWS::IAM::Policy` (its `PolicyDocument`)
    /// and of an `AWS::IAM::Role` (each of its inline `Policies`), scored with the Stelligent
    /// Policy Complexity Metric (SPCM) that cfn_nag introduced in version 0.6.0. A document
    /// scoring **50 or more** is reported, with its score.
    ///
    /// The score of a document is the sum of the scores of its statements. A statement scores:
    ///
    /// | what | points |
    /// |---|---|
    /// | the statement itself | 1 |
    /// | `Effect: Deny` | 1 |
    /// | `NotAction` is used | 1 |
    /// | `NotResource` is used | 1 |
    /// | each service beyond the first, over the services of the actions (`s3` in `s3:GetObject`) and of the resource ARNs (`sqs` in `arn:aws:sqs:...`), `*` not counted | 2 |
    /// | each service of a resource ARN that no action of the statement belongs to (not counted when `Action` or `Resource` is only `*`) | 1 |
    /// | the actions mix `*` with named services | 1 |
    /// | the resources mix `*` with ARNs | 1 |
    /// | each condition operator (`StringEquals`, `ArnLike`...) | 2 |
    /// | each operator with `ForAllValues:` or `ForAnyValue:` | 2 more |
    /// | each `...IfExists` operator | 1 more |
    /// | a `Null` operator | 1 |
    /// | each condition value holding a policy variable (`${aws:username}`; not `${*}`, `${?}`, `${$}`) | 1 |
    ///
    /// The weights are cfn_nag's. Where we differ from its implementation: services are
    /// compared ignoring case (as AWS does); a resource that is not an ARN adds no service
    /// (cfn_nag counts it as one); a resource written as a reference to a template resource
    /// (`!GetAtt Queue.Arn`, `!Ref Topic`) counts as the service of its resource type
    /// (`AWS::SQS::Queue` gives `sqs`) and an `!Sub` ARN as the service written in it (cfn_nag
    /// counts each unresolved value as a service of its own); and cfn_nag looks for the prefix
    /// `ForAnyValues`, which no operator has, so it never adds the 2 points for `ForAnyValue:`,
    /// while we add them for both set operators.
    ///
    /// This is a hygiene check, not a security finding: it is reported at `low` and the whole
    /// group can be turned off with `--ignore hygiene`.
    ///
    /// ## Why it matters
    /// Whether a policy grants least privilege is only as certain as the review of it. Statements
    /// that mix services, invert actions or resources with `NotAction`/`NotResource`, deny
    /// inside allow-lists and stack conditions are where reviewers misread what is granted and
    /// where changes introduce escalation paths unnoticed. A high score says the document
    /// should be split into smaller, single-purpose statements or policies.
    ///
    /// ## How to fix
    /// Split the policy into statements per service and purpose, and prefer listing actions
    /// and resources over `NotAction`/`NotResource`:
    /// ```yaml
    /// # before: one statement for three services, inverted
    /// - Effect: Allow
    ///   NotAction: [iam:*, organizations:*]
    ///   NotResource: [!GetAtt AuditBucket.Arn]
    /// # after: one statement per service, named actions and resources
    /// - Effect: Allow
    ///   Action: [s3:GetObject, s3:PutObject]
    ///   Resource: !Sub "${DataBucket.Arn}/*"
    /// - Effect: Allow
    ///   Action: sqs:SendMessage
    ///   Resource: !GetAtt JobsQueue.Arn
    /// ```
    ///
    /// ## References
    /// - [IAM JSON policy element reference](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html)
    /// - [Security best practices in IAM: apply least-privilege permissions](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    /// - cfn_nag W76 (`spcm_threshold`, default 50)
    ///
    /// ## Unknown values
    /// A value that is not known before deployment scores what is certain: an unknown action
    /// or resource adds no service, an unknown `Effect` is not a `Deny`. When that lower bound
    /// is below 50 but the unknown parts could bring the score to 50 (each unknown action or
    /// resource value can add up to 3 points, each unknown condition value 1; a statement, a
    /// condition operator or a document that is not known at all can add any number), the rule
    /// reports an `info` finding naming the first unknown part instead of passing.
    PolicyComplexity {
        code: "CFN3103",
        name: "iam-policy-too-complex",
        severity: Low,
        group: "hygiene",
        summary: "IAM policy document scores 50 or more on the Stelligent Policy Complexity Metric",
        types: ["AWS::IAM::Policy", "AWS::IAM::Role"],
        xrefs: [CfnNag("W76")],
    }
}

/// A document scoring this much or more is reported (cfn_nag's default `spcm_threshold`).
const THRESHOLD: u32 = 50;

/// What an unknown action or resource value can add at most: a new service (2) that no action
/// belongs to (1).
const UNKNOWN_VALUE_BOUND: u32 = 3;

/// A score: what is certain, what the unknown parts can add at most (`None`: any amount), and
/// where the first unknown part is.
#[derive(Debug)]
struct Score {
    certain: u32,
    extra: Option<u32>,
    unknown_at: Option<Span>,
}

impl Score {
    fn new() -> Self {
        Self {
            certain: 0,
            extra: Some(0),
            unknown_at: None,
        }
    }

    /// An unknown part at `span` that can add at most `bound` (`None`: any amount).
    fn unknown(&mut self, span: Span, bound: Option<u32>) {
        self.unknown_at.get_or_insert(span);
        self.extra = match (self.extra, bound) {
            (Some(a), Some(b)) => Some(a.saturating_add(b)),
            _ => None,
        };
    }

    fn can_reach(&self, threshold: u32) -> bool {
        match self.extra {
            None => true,
            Some(extra) => self.certain.saturating_add(extra) >= threshold,
        }
    }
}

/// The service of an action pattern: `*` for `*`, else the part before `:` (lowercase).
fn action_service(pattern: &str) -> Option<String> {
    if all_stars(pattern) {
        return Some("*".to_owned());
    }
    pattern
        .split_once(':')
        .map(|(service, _)| service.to_ascii_lowercase())
}

/// The service of a resource: `*` for `*`, else the third field of an ARN (lowercase).
fn resource_service(text: &str) -> Option<String> {
    if all_stars(text) {
        return Some("*".to_owned());
    }
    let mut fields = text.split(':');
    match (fields.next(), fields.next(), fields.next()) {
        (Some("arn"), Some(_), Some(service)) if !service.contains("${") => {
            Some(service.to_ascii_lowercase())
        }
        _ => None,
    }
}

/// The service of a resource type (`AWS::SQS::Queue` gives `sqs`).
fn type_service(ty: &str) -> Option<String> {
    let mut parts = ty.split("::");
    match (parts.next(), parts.next()) {
        (Some(_), Some(service)) => Some(service.to_ascii_lowercase()),
        _ => None,
    }
}

/// The services of a block's values; unknown values are recorded in `score`.
fn services(
    doc: &Doc<'_>,
    tpl: &Template<'_>,
    block: &ValueBlock,
    of_resource: bool,
    score: &mut Score,
) -> Vec<String> {
    let mut out = Vec::new();
    for v in &block.values {
        let service = match v {
            PolicyString::Known { text, .. } if of_resource => resource_service(text),
            PolicyString::Known { text, .. } => action_service(text),
            PolicyString::Unknown { span } => {
                let node = doc.node_at(*span);
                let service = match node {
                    Some(n) if of_resource && is_partial(n) => {
                        n.as_str().and_then(resource_service)
                    }
                    Some(n) if of_resource => referenced(tpl, n)
                        .and_then(|id| tpl.resource(id))
                        .and_then(|r| type_service(r.ty)),
                    _ => None,
                };
                if service.is_none() {
                    score.unknown(*span, Some(UNKNOWN_VALUE_BOUND));
                }
                service
            }
        };
        out.extend(service);
    }
    out
}

/// Whether a condition value holds a policy variable other than the escapes `${*}`, `${?}`,
/// `${$}`.
fn has_policy_variable(value: &str) -> bool {
    let mut rest = value;
    while let Some(i) = rest.find("${") {
        let after = rest.get(i + 2..).unwrap_or("");
        let Some(end) = after.find('}') else {
            return false;
        };
        let name = after.get(..end).unwrap_or("");
        if !name.is_empty() && !matches!(name, "*" | "?" | "$") {
            return true;
        }
        rest = after.get(end + 1..).unwrap_or("");
    }
    false
}

/// Score one statement into `score`.
fn statement_score(doc: &Doc<'_>, tpl: &Template<'_>, st: &Statement, score: &mut Score) {
    let mut points = 1;
    match st.effect.value {
        Effect::Deny => points += 1,
        Effect::Unknown => score.unknown(st.effect.span, Some(1)),
        _ => {}
    }
    let actions = st.action.as_ref();
    let resources = st.resource.as_ref();
    if actions.is_some_and(|b| b.negated) {
        points += 1;
    }
    if resources.is_some_and(|b| b.negated) {
        points += 1;
    }
    let action_services = actions.map_or_else(Vec::new, |b| services(doc, tpl, b, false, score));
    let resource_services = resources.map_or_else(Vec::new, |b| services(doc, tpl, b, true, score));
    let named = |list: &[String]| -> BTreeSet<String> {
        list.iter().filter(|s| s.as_str() != "*").cloned().collect()
    };
    let (named_actions, named_resources) = (named(&action_services), named(&resource_services));
    let all: BTreeSet<&String> = named_actions.iter().chain(&named_resources).collect();
    points += 2 * u32::try_from(all.len().saturating_sub(1)).unwrap_or(u32::MAX / 4);
    let only_star = |list: &[String]| list.len() == 1 && list.iter().all(|s| s == "*");
    if !only_star(&action_services) && !only_star(&resource_services) {
        let misaligned = named_resources.difference(&named_actions).count();
        points += u32::try_from(misaligned).unwrap_or(u32::MAX / 4);
    }
    let mixed = |list: &[String]| list.iter().any(|s| s == "*") && list.len() > 1;
    points += u32::from(mixed(&action_services)) + u32::from(mixed(&resource_services));
    if let Some(cond) = &st.condition {
        for span in &cond.unresolved {
            score.unknown(*span, None);
        }
        for clause in &cond.clauses {
            let op = &clause.operator.value;
            points += 2;
            if op.set.is_some() {
                points += 2;
            }
            if op.if_exists {
                points += 1;
            }
            for v in clause.entries.iter().flat_map(|e| e.values.iter()) {
                match &v.value {
                    ConditionValue::String(s) if has_policy_variable(s) => points += 1,
                    ConditionValue::Unknown => score.unknown(v.span, Some(1)),
                    _ => {}
                }
            }
        }
        if cond
            .clauses
            .iter()
            .any(|c| c.operator.value.base == BaseOperator::Null)
        {
            points += 1;
        }
    }
    score.certain = score.certain.saturating_add(points);
}

/// The score of a document (with what its unknown parts could add).
fn document_score(doc: &Doc<'_>, tpl: &Template<'_>) -> Score {
    let mut score = Score::new();
    // Parts of the document that are not known before deployment could score anything.
    let mut unread = Hits::new(doc.holder.span);
    doc.unreadable(&mut unread, "");
    for item in unread.items {
        score.unknown(item.span, None);
    }
    for st in &doc.policy.statements {
        statement_score(doc, tpl, st, &mut score);
    }
    score
}

impl Rule for PolicyComplexity {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        for doc in documents(cx).iter().filter(|d| d.kind == Kind::Identity) {
            let score = document_score(doc, cx.template);
            if score.certain >= THRESHOLD {
                doc.hit(
                    hits,
                    doc.policy.span,
                    None,
                    format!(
                        "{} scores {} on the policy complexity metric (SPCM), at or above {THRESHOLD}",
                        doc.label, score.certain
                    ),
                );
            } else if score.can_reach(THRESHOLD) {
                if let Some(span) = score.unknown_at {
                    doc.unknown(
                        hits,
                        span,
                        &format!(
                            "{} (known parts: {} points) scores {THRESHOLD} or more on the policy complexity metric (SPCM)",
                            doc.label, score.certain
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_of_actions_and_resources() {
        assert_eq!(action_service("S3:GetObject").as_deref(), Some("s3"));
        assert_eq!(action_service("*").as_deref(), Some("*"));
        assert_eq!(
            resource_service("arn:aws:sqs:us-east-1:111122223333:q").as_deref(),
            Some("sqs")
        );
        assert_eq!(resource_service("bucket-name"), None);
        assert_eq!(
            type_service("AWS::DynamoDB::Table").as_deref(),
            Some("dynamodb")
        );
    }

    #[test]
    fn policy_variables() {
        assert!(has_policy_variable("home/${aws:username}/*"));
        assert!(!has_policy_variable("${*}literal${?}"));
        assert!(!has_policy_variable("plain"));
    }
}
