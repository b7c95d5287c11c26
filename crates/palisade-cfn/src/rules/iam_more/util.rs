//! What the rules of this module share: which actions of a list an `Allow` statement grants on
//! every resource (the credential, exfiltration and permissions-management rules), the
//! document of an `AWS::IoT::Policy`, and whether a resolved value refers to a template
//! resource.

use std::sync::LazyLock;

use palisade_core::Severity;
use palisade_doc::Node;
use palisade_iam::catalog::{AccessLevel, Catalog};
use palisade_iam::lint::{lowered, restricting_condition};
use palisade_iam::Statement;

use crate::rule::{Hits, ResourceCx};
use crate::rules::iam::util::{allow, condition_note, documents, Doc, Found, Kind};
use crate::template::Template;
use crate::value::{is_partial, text, Tri};

/// How many action names a message shows before "and N more".
const SHOWN: usize = 3;

/// The actions of `candidates` that the statement's `Action` (or `NotAction`) grants, with
/// where the first grant is; `Found::Maybe` when none is granted for sure and a value not
/// known before deployment might grant one.
pub(crate) fn granted<'c>(
    doc: &Doc<'_>,
    tpl: &Template<'_>,
    st: &Statement,
    candidates: impl IntoIterator<Item = &'c str>,
) -> (Vec<&'c str>, Found) {
    let mut names = Vec::new();
    let mut first = None;
    let mut maybe = None;
    for action in candidates {
        match doc.grants(tpl, st, action) {
            Found::Yes(span) => {
                first.get_or_insert(span);
                names.push(action);
            }
            Found::Maybe(span) => {
                maybe.get_or_insert(span);
            }
            Found::No => {}
        }
    }
    let found = match (first, maybe) {
        (Some(span), _) => Found::Yes(span),
        (None, Some(span)) => Found::Maybe(span),
        (None, None) => Found::No,
    };
    (names, found)
}

/// `` `a`, `b`, `c` and 4 more ``.
pub(crate) fn listed(names: &[&str]) -> String {
    let mut parts: Vec<String> = names.iter().take(SHOWN).map(|n| format!("`{n}`")).collect();
    let more = names.len().saturating_sub(SHOWN);
    if more > 0 {
        parts.push(format!("{more} more"));
    }
    crate::rules::iam::util::join(&parts)
}

/// A family of risky actions checked on `Resource: "*"`.
pub(crate) struct Family<'a> {
    /// The actions.
    pub(crate) actions: &'a [&'a str],
    /// How a message names them when it cannot list them (`credential-returning actions`).
    pub(crate) kind: &'a str,
    /// What granting them means, after the list (`they return credentials ...`).
    pub(crate) consequence: &'a str,
    /// The severity of a statement that a condition restricts (the rule's default lowered one
    /// step).
    pub(crate) default: Severity,
}

/// Report every `Allow` statement of the identity policies of `cx`'s resource that grants
/// actions of `family` with `Resource: "*"`. A statement whose condition restricts it to known
/// callers, networks, organizations or resource tags is reported one severity lower.
pub(crate) fn check_family(cx: &ResourceCx<'_>, hits: &mut Hits, family: &Family<'_>) {
    let question = format!("allows {} on every resource (`Resource: *`)", family.kind);
    for doc in documents(cx).iter().filter(|d| d.kind == Kind::Identity) {
        if doc.unreadable(hits, &question) {
            continue;
        }
        for st in &doc.policy.statements {
            let (names, grant) = granted(doc, cx.template, st, family.actions.iter().copied());
            let found = grant.and(doc.star_resource(cx.template, st));
            // The consequence is only stated when the grant is certain.
            let certain = matches!(found, Found::Yes(_)) && allow(st) == Tri::True;
            let what = if names.is_empty() {
                question.clone()
            } else if !certain {
                format!(
                    "allows {} on every resource (`Resource: *`)",
                    listed(&names)
                )
            } else {
                format!(
                    "allows {} on every resource (`Resource: *`): {}",
                    listed(&names),
                    family.consequence
                )
            };
            let severity = restricting_condition(st).then(|| lowered(family.default));
            doc.report(hits, st, found, severity, &what, &condition_note(st));
        }
    }
}

/// The actions of the IAM action catalog at the "Permissions management" access level that can
/// be scoped to a resource (the catalog lists a resource type for them), as `service:Action`.
pub(crate) static PERMISSIONS_MANAGEMENT: LazyLock<Vec<String>> = LazyLock::new(|| {
    Catalog::get()
        .services()
        .flat_map(palisade_iam::catalog::Service::actions)
        .filter(|a| a.access_level == AccessLevel::PermissionsManagement)
        .filter(|a| !a.resource_types.is_empty())
        .map(palisade_iam::catalog::ActionInfo::full_name)
        .collect()
});

/// The `PolicyDocument` of an `AWS::IoT::Policy`, labelled with its `PolicyName`.
pub(crate) fn iot_document<'r>(cx: &ResourceCx<'r>) -> Option<Doc<'r>> {
    let props: &'r Node = cx.props;
    let holder = props.get("PolicyDocument")?;
    let label = match props.get("PolicyName").and_then(text) {
        Some(name) => format!("IoT policy `{name}`"),
        None => "the IoT policy".to_owned(),
    };
    Some(Doc::new(Kind::Identity, label, holder))
}

/// Whether a resolved value is a reference to the template resource `id`: `Ref id`,
/// `Fn::GetAtt id.Attr`, or a partly known string that is only the placeholder `${id}` or
/// `${id.Attr}`.
pub(crate) fn refers_to(node: &Node, id: &str) -> bool {
    if is_partial(node) {
        return node
            .as_str()
            .and_then(|s| s.strip_prefix("${")?.strip_suffix('}'))
            .is_some_and(|name| !name.contains("${") && name.split('.').next() == Some(id));
    }
    match node.single_entry() {
        Some(e) if e.key == "Ref" || e.key == "Fn::GetAtt" => {
            crate::rules::logging::util::mentions(node, id)
        }
        _ => false,
    }
}

/// The logical id of the template resource a resolved value refers to (see [`refers_to`]).
pub(crate) fn referenced<'t>(tpl: &'t Template<'_>, node: &Node) -> Option<&'t str> {
    tpl.resources
        .iter()
        .map(|r| r.logical_id)
        .find(|id| refers_to(node, id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_at_most_three() {
        assert_eq!(listed(&["a:A"]), "`a:A`");
        assert_eq!(listed(&["a:A", "b:B"]), "`a:A` and `b:B`");
        assert_eq!(
            listed(&["a:A", "b:B", "c:C", "d:D", "e:E"]),
            "`a:A`, `b:B`, `c:C` and 2 more"
        );
    }

    #[test]
    fn permissions_management_actions_come_from_the_catalog() {
        let pm = &*PERMISSIONS_MANAGEMENT;
        // The examples the rule's documentation names.
        for action in [
            "iam:AttachRolePolicy",
            "iam:PutUserPolicy",
            "iam:CreatePolicyVersion",
            "s3:PutBucketPolicy",
            "kms:PutKeyPolicy",
            "kms:CreateGrant",
            "lambda:AddPermission",
            "sqs:AddPermission",
            "secretsmanager:PutResourcePolicy",
        ] {
            assert!(pm.iter().any(|a| a == action), "{action}");
        }
        assert!(!pm.iter().any(|a| a == "s3:GetObject"));
        assert!(!pm.iter().any(|a| a == "iam:ListRoles"));
    }
}
