//! Checks on the actions and resources of statements: names that do not exist in the action
//! catalog, wildcards in service prefixes, redundant entries and statements, the `iam:PassRole`
//! and `iam:CreateServiceLinkedRole` grant families of Access Analyzer, Parliament's
//! `RESOURCE_STAR` / `RESOURCE_EFFECTIVELY_STAR`, and `Allow` with `NotAction` / `NotResource`.
//!
//! Action names and service prefixes are compared case-insensitively, resource ARNs
//! case-sensitively, as AWS does. Values that are unresolved template intrinsics are never
//! reported, and a statement whose relevant element holds one is skipped by checks that need the
//! whole element (redundant statements, the `NotResource`/`NotAction` variants of the grant
//! families).

use palisade_core::{Severity, Span};

use super::{lowered, restricting_condition, Check, Ctx, FindingType, Out, PolicyType};
use crate::catalog::Catalog;
use crate::policy::{
    action_matches, glob_match, has_wildcard, BaseOperator, CaseSensitivity, Effect,
    PrincipalValue, SetQualifier, Statement, ValueBlock,
};

const INVALID_ACTION: &str = "IAM1501";
const INVALID_SERVICE_IN_ACTION: &str = "IAM1502";
const WILDCARD_IN_SERVICE_NAME: &str = "IAM1503";
const REDUNDANT_ACTION: &str = "IAM1504";
const REDUNDANT_RESOURCE: &str = "IAM1505";
const REDUNDANT_STATEMENT: &str = "IAM1506";
const RESOURCE_STAR: &str = "IAM1530";
const RESOURCE_EFFECTIVELY_STAR: &str = "IAM1531";
const ALLOW_WITH_NOT_RESOURCE: &str = "IAM1532";
const ALLOW_WITH_NOT_ACTION: &str = "IAM1533";

/// The checks of this module.
pub(super) const CHECKS: &[Check] = &[
    Check {
        id: INVALID_ACTION,
        name: "invalid-action",
        access_analyzer: Some("INVALID_ACTION"),
        parliament: &["UNKNOWN_ACTION"],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary:
            "An `Action`/`NotAction` value names an action the service does not have, or is a \
                  pattern that matches no action of the service.",
        why: "IAM accepts action names it does not know and simply never matches them, so a typo \
              such as `s3:GetObjekt` silently grants (or denies) nothing. In a `Deny` statement or \
              a `NotAction` list that means a guard rail that does not guard. A wildcard pattern \
              such as `s3:Gte*` that expands to no action of the service is the same mistake. \
              Values that are not of the form `service:Action` (other than `*`) are reported too. \
              Conditions play no part in this check. The action list is the bundled catalog, \
              so an action AWS released after the catalog's date is reported until the catalog \
              is refreshed.",
        fix: "Correct the name; the message offers the closest existing action when there is one. \
              For example `\"Action\": \"s3:GetObjekt\"` becomes `\"Action\": \"s3:GetObject\"`.",
        applies: &[],
    },
    Check {
        id: INVALID_SERVICE_IN_ACTION,
        name: "invalid-service-in-action",
        access_analyzer: Some("INVALID_SERVICE_IN_ACTION"),
        parliament: &["UNKNOWN_PREFIX"],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary:
            "The service prefix of an `Action`/`NotAction` value is not the prefix of any AWS \
                  service.",
        why: "An action whose service prefix does not exist matches no request, so the statement \
              does not do what it says for that entry: an `Allow` grants nothing and a `Deny` \
              blocks nothing. Service prefixes often differ from the service's name (`logs` for \
              CloudWatch Logs, `es` for OpenSearch), which makes the mistake easy. Conditions \
              play no part in this check.",
        fix: "Use the prefix the Service Authorization Reference gives for the service; the \
              message offers the closest known prefix. For example \
              `cloudwatchlogs:PutLogEvents` becomes `logs:PutLogEvents`.",
        applies: &[],
    },
    Check {
        id: WILDCARD_IN_SERVICE_NAME,
        name: "wildcard-in-service-name",
        access_analyzer: Some("WILDCARD_IN_SERVICE_NAME"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary: "A wildcard (`*`, `?`) in the service prefix of an action or in the service part \
                  of a resource ARN.",
        why: "A pattern such as `*code*:Get*` or `arn:aws:*code*::111122223333:*` matches every \
              service whose prefix fits, today more than a dozen, and every service AWS adds \
              later with a similar name. The statement then covers services nobody reviewed. The \
              full wildcards `*` and `*:*` are not reported here. Conditions play no part in this \
              check.",
        fix: "Name each service explicitly: replace `*code*:Get*` with `codecommit:Get*`, \
              `codebuild:BatchGet*`, ... as needed.",
        applies: &[],
    },
    Check {
        id: REDUNDANT_ACTION,
        name: "redundant-action",
        access_analyzer: Some("REDUNDANT_ACTION"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary: "An `Action`/`NotAction` entry is already covered by another entry of the same \
                  list.",
        why:
            "An entry such as `iam:GetCredentialReport` next to `iam:Get*` adds nothing: removing \
              it does not change what the statement covers. Redundant entries make a policy \
              longer and harder to review, and hide which entry really grants an action. An entry \
              is only reported when every action it could ever match (including actions AWS adds \
              later) is matched by the other entry, so `iam:*CredentialReport` next to `iam:Get*` \
              is not reported. Conditions play no part in this check.",
        fix:
            "Remove the redundant entry, or replace the wider wildcard with the exact actions you \
              need if the wildcard was not intended.",
        applies: &[],
    },
    Check {
        id: REDUNDANT_RESOURCE,
        name: "redundant-resource",
        access_analyzer: Some("REDUNDANT_RESOURCE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary:
            "A `Resource`/`NotResource` entry is already covered by another entry of the same \
                  list.",
        why: "With `arn:aws:iam::111122223333:role/jane*` in the list, the entry \
              `arn:aws:iam::111122223333:role/jane-admin` adds nothing. Either the list is longer \
              than it needs to be, or the wildcard entry is wider than intended and also covers \
              resources created later. ARNs are compared case-sensitively; an entry with a policy \
              variable is only compared for exact duplicates. Conditions play no part in this \
              check.",
        fix: "Remove the covered entry, or drop the wildcard entry and list the resources \
              explicitly if the policy should only cover a fixed set.",
        applies: &[],
    },
    Check {
        id: REDUNDANT_STATEMENT,
        name: "redundant-statement",
        access_analyzer: Some("REDUNDANT_STATEMENT"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary: "A statement covers nothing that another statement with the same effect, \
                  principal and condition does not already cover.",
        why: "Two statements with the same `Effect`, `Principal` and `Condition` whose \
              action-by-resource sets are identical, or one inside the other, are redundant: one \
              can be removed without changing the policy. Duplicates drift apart when someone \
              edits one copy and not the other. The comparison is exact and conservative: \
              conditions must be identical (key names compared ignoring case, values exactly), \
              and statements with unresolved template values are never compared.",
        fix: "Remove the redundant statement (the message names the statement that covers it), or \
              merge the two.",
        applies: &[],
    },
    Check {
        id: "IAM1510",
        name: "pass-role-with-not-resource",
        access_analyzer: Some("PASS_ROLE_WITH_NOT_RESOURCE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::SecurityWarning,
        severity: Severity::High,
        summary:
            "An `Allow` statement grants `iam:PassRole` with `NotResource`, so every role not \
                  listed can be passed.",
        why: "Passing a role to a service (Lambda, EC2, ECS, ...) lets the caller run code with \
              that role's permissions. With `NotResource`, every role except the listed ones can \
              be passed, including roles created later, which is a direct privilege-escalation \
              path. Not reported when `NotResource` excludes every role, or when the statement's \
              condition restricts it with `iam:PassedToService`, a meaningful \
              `iam:AssociatedResourceArn`, or a role tag key (`iam:ResourceTag/...`, \
              `aws:ResourceTag/...`), compared with a positive operator (not `...IfExists`, not \
              `ForAllValues:`, not a negated operator, values other than bare wildcards).",
        fix: "List the roles that may be passed in `Resource` instead, and pin the service with a \
              condition, e.g. `\"Resource\": \"arn:aws:iam::111122223333:role/app-lambda\"`, \
              `\"Condition\": {\"StringEquals\": {\"iam:PassedToService\": \
              \"lambda.amazonaws.com\"}}`.",
        applies: &[PolicyType::Identity],
    },
    Check {
        id: "IAM1511",
        name: "pass-role-with-star-in-action-and-not-resource",
        access_analyzer: Some("PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::SecurityWarning,
        severity: Severity::High,
        summary: "An `Allow` statement with `NotResource` has a wildcard action (`*`, `iam:*`, \
                  `iam:Pass*`) that covers `iam:PassRole`.",
        why: "The wildcard action includes `iam:PassRole`, and `NotResource` makes it apply to \
              every role not listed, including roles created later: the caller can hand any of \
              them to a service and act with its permissions. Not reported when `NotResource` \
              excludes every role, or when the condition restricts the statement with \
              `iam:PassedToService`, a meaningful `iam:AssociatedResourceArn` or a role tag key \
              under a positive operator.",
        fix: "Replace `NotResource` with the resources the statement needs, and grant \
              `iam:PassRole` in a separate statement that lists the roles and sets \
              `iam:PassedToService`.",
        applies: &[PolicyType::Identity],
    },
    Check {
        id: "IAM1512",
        name: "pass-role-with-not-action-and-not-resource",
        access_analyzer: Some("PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::SecurityWarning,
        severity: Severity::High,
        summary: "An `Allow` statement with `NotAction` (not excluding `iam:PassRole`) and \
                  `NotResource` grants passing every role not listed.",
        why: "`NotAction` grants every action it does not name, `iam:PassRole` included, and \
              `NotResource` extends it to every role it does not name: the caller can pass almost \
              any role to any service. Not reported when `NotAction` excludes `iam:PassRole`, \
              `NotResource` excludes every role, or the condition restricts the statement with \
              `iam:PassedToService`, a meaningful `iam:AssociatedResourceArn` or a role tag key \
              under a positive operator.",
        fix: "Rewrite the statement with `Action` and `Resource` lists; grant `iam:PassRole` only \
              on named roles, with `iam:PassedToService`.",
        applies: &[PolicyType::Identity],
    },
    Check {
        id: "IAM1513",
        name: "pass-role-with-star-in-resource",
        access_analyzer: Some("PASS_ROLE_WITH_STAR_IN_RESOURCE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::SecurityWarning,
        severity: Severity::High,
        summary:
            "An `Allow` statement grants `iam:PassRole` on every role (`\"Resource\": \"*\"`, \
                  `arn:aws:iam::*:role/*`, ...).",
        why: "Whoever holds the policy can pass any role of the account, administrator roles \
              included, to a service they control (a Lambda function, an EC2 instance) and act \
              with its permissions: a classic privilege escalation. A resource counts as a \
              wildcard when it matches a role of any name at the root path (`*`, `role/*`, \
              `role*`); patterns that pin a name prefix or a path (`role/app-*`, \
              `role/service-role/*`) are not reported. Not reported either when the condition \
              restricts the statement with `iam:PassedToService`, a meaningful \
              `iam:AssociatedResourceArn` or a role tag key under a positive operator.",
        fix: "List the roles that may be passed and pin the receiving service: \
              `\"Resource\": \"arn:aws:iam::111122223333:role/app-*\"`, `\"Condition\": \
              {\"StringEquals\": {\"iam:PassedToService\": \"ecs-tasks.amazonaws.com\"}}`.",
        applies: &[PolicyType::Identity],
    },
    Check {
        id: "IAM1514",
        name: "pass-role-with-star-in-action-and-resource",
        access_analyzer: Some("PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::SecurityWarning,
        severity: Severity::High,
        summary: "An `Allow` statement's wildcard action (`*`, `iam:*`, `iam:Pass*`) covers \
                  `iam:PassRole` and its resource covers every role.",
        why: "A wildcard action silently includes `iam:PassRole`; with a wildcard resource the \
              caller can pass any role of the account, administrator roles included, to a \
              service and act with it. Administrator policies are reported too, as AWS does. Not \
              reported when the condition restricts the statement with `iam:PassedToService`, a \
              meaningful `iam:AssociatedResourceArn` or a role tag key under a positive operator.",
        fix:
            "Narrow the action list so it no longer covers `iam:PassRole`, and grant passing in a \
              separate statement that lists the roles and sets `iam:PassedToService`.",
        applies: &[PolicyType::Identity],
    },
    Check {
        id: "IAM1515",
        name: "pass-role-with-star-in-resource-and-not-action",
        access_analyzer: Some("PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::SecurityWarning,
        severity: Severity::High,
        summary: "An `Allow` statement with `NotAction` (not excluding `iam:PassRole`) and a \
                  resource that covers every role.",
        why: "`NotAction` grants every action it does not name, `iam:PassRole` included; with a \
              wildcard resource the caller can pass any role of the account to a service and act \
              with it. Not reported when `NotAction` excludes `iam:PassRole` or the condition \
              restricts the statement with `iam:PassedToService`, a meaningful \
              `iam:AssociatedResourceArn` or a role tag key under a positive operator.",
        fix: "Add `iam:PassRole` (or `iam:*`) to `NotAction`, or rewrite the statement with an \
              `Action` list; grant passing separately on named roles.",
        applies: &[PolicyType::Identity],
    },
    Check {
        id: "IAM1520",
        name: "create-slr-with-not-resource",
        access_analyzer: Some("CREATE_SLR_WITH_NOT_RESOURCE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary:
            "An `Allow` statement grants `iam:CreateServiceLinkedRole` with `NotResource`, so \
                  service-linked roles of every service not listed can be created.",
        why: "A service-linked role gives an AWS service permissions in the account. Creating one \
              for a service the caller should not use lets that service act in the account, and \
              enables features that depend on it. With `NotResource`, roles for every service not \
              listed can be created. Not reported when `NotResource` excludes every \
              service-linked role, or when the condition pins `iam:AWSServiceName` to a service \
              with a positive operator (not `...IfExists`, not `ForAllValues:`, not negated, \
              values other than bare wildcards).",
        fix: "List the service-linked role ARNs in `Resource`, or pin the service: \
              `\"Condition\": {\"StringEquals\": {\"iam:AWSServiceName\": \
              \"elasticbeanstalk.amazonaws.com\"}}`.",
        applies: &[PolicyType::Identity],
    },
    Check {
        id: "IAM1521",
        name: "create-slr-with-star-in-action-and-not-resource",
        access_analyzer: Some("CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "An `Allow` statement with `NotResource` has a wildcard action that covers \
                  `iam:CreateServiceLinkedRole`.",
        why: "The wildcard action includes `iam:CreateServiceLinkedRole`, and `NotResource` makes \
              it apply to the service-linked roles of every service not listed. Not reported when \
              `NotResource` excludes every service-linked role, or when the condition pins \
              `iam:AWSServiceName` with a positive operator.",
        fix: "Replace `NotResource` with the resources the statement needs, and grant \
              `iam:CreateServiceLinkedRole` separately with `iam:AWSServiceName`.",
        applies: &[PolicyType::Identity],
    },
    Check {
        id: "IAM1522",
        name: "create-slr-with-not-action-and-not-resource",
        access_analyzer: Some("CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "An `Allow` statement with `NotAction` (not excluding \
                  `iam:CreateServiceLinkedRole`) and `NotResource`.",
        why: "`NotAction` grants every action it does not name, `iam:CreateServiceLinkedRole` \
              included, and `NotResource` extends it to the service-linked roles of every \
              service. Not reported when `NotAction` excludes the action, `NotResource` excludes \
              every service-linked role, or the condition pins `iam:AWSServiceName` with a \
              positive operator.",
        fix: "Rewrite the statement with `Action` and `Resource` lists, and grant \
              `iam:CreateServiceLinkedRole` only for the services you use.",
        applies: &[PolicyType::Identity],
    },
    Check {
        id: "IAM1523",
        name: "create-slr-with-star-in-resource",
        access_analyzer: Some("CREATE_SLR_WITH_STAR_IN_RESOURCE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "An `Allow` statement grants `iam:CreateServiceLinkedRole` on the service-linked \
                  roles of every service.",
        why: "The caller can create the service-linked role of any AWS service, letting that \
              service act in the account. A resource counts as a wildcard when it matches the \
              service-linked role of any service (`*`, `role/*`, `role/aws-service-role/*`); a \
              pattern that names the service's path \
              (`role/aws-service-role/ecs.amazonaws.com/*`) is not reported. Not reported either \
              when the condition pins `iam:AWSServiceName` with a positive operator.",
        fix: "Name the service: `\"Condition\": {\"StringEquals\": {\"iam:AWSServiceName\": \
              \"ecs.amazonaws.com\"}}`, or use the role's ARN \
              `arn:aws:iam::*:role/aws-service-role/ecs.amazonaws.com/*` in `Resource`.",
        applies: &[PolicyType::Identity],
    },
    Check {
        id: "IAM1524",
        name: "create-slr-with-star-in-action-and-resource",
        access_analyzer: Some("CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "An `Allow` statement's wildcard action covers `iam:CreateServiceLinkedRole` and \
                  its resource covers the service-linked roles of every service.",
        why: "A wildcard action silently includes `iam:CreateServiceLinkedRole`; with a wildcard \
              resource the caller can create the service-linked role of any service. \
              Administrator policies are reported too, as AWS does. Not reported when the \
              condition pins `iam:AWSServiceName` with a positive operator.",
        fix: "Narrow the action list, and grant `iam:CreateServiceLinkedRole` separately with \
              `iam:AWSServiceName`.",
        applies: &[PolicyType::Identity],
    },
    Check {
        id: "IAM1525",
        name: "create-slr-with-star-in-resource-and-not-action",
        access_analyzer: Some("CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "An `Allow` statement with `NotAction` (not excluding \
                  `iam:CreateServiceLinkedRole`) and a resource that covers every service-linked \
                  role.",
        why: "`NotAction` grants every action it does not name, `iam:CreateServiceLinkedRole` \
              included; with a wildcard resource the caller can create the service-linked role \
              of any service. Not reported when `NotAction` excludes the action or the condition \
              pins `iam:AWSServiceName` with a positive operator.",
        fix: "Add `iam:CreateServiceLinkedRole` to `NotAction`, or rewrite the statement with an \
              `Action` list.",
        applies: &[PolicyType::Identity],
    },
    Check {
        id: RESOURCE_STAR,
        name: "resource-star",
        access_analyzer: None,
        parliament: &["RESOURCE_STAR"],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary: "An `Allow` statement grants, on `\"Resource\": \"*\"`, actions that support \
                  resource-level permissions.",
        why: "When an action can be limited to specific resources, granting it on `*` gives it \
              for every resource of the account, including ones created later. Actions that have \
              no resource types in the catalog (such as `s3:ListAllMyBuckets`) can only be \
              granted on `*` and are not reported. Not reported when the statement's condition \
              restricts it (a key such as \
              `aws:ResourceTag/...`, `aws:ResourceAccount`, `aws:PrincipalOrgID`, \
              `aws:SourceVpce` or `aws:SourceIp` compared with real values, not in the \
              `...IfExists` or `ForAllValues:` form), since the condition then \
              scopes the grant.",
        fix: "List the ARNs the actions need, e.g. `\"Resource\": \
              \"arn:aws:s3:::reports-bucket/*\"` for `s3:GetObject`, and keep `*` only in a \
              separate statement for the actions that cannot be scoped.",
        applies: &[PolicyType::Identity],
    },
    Check {
        id: RESOURCE_EFFECTIVELY_STAR,
        name: "resource-effectively-star",
        access_analyzer: None,
        parliament: &["RESOURCE_EFFECTIVELY_STAR"],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary: "An `Allow` statement's resource ARN pattern is so wide that it is `*` in \
                  disguise (`arn:aws:s3:::*`, `arn:aws:iam::*:*`, `arn:*:*:*:*:*`).",
        why:
            "A pattern whose region and account are empty or wildcards and whose resource part is \
              only wildcards matches every resource of the service (or of every service), just \
              like `\"Resource\": \"*\"`, while looking scoped to a reader. Not reported when the \
              statement's condition restricts it (a key such as \
              `aws:ResourceTag/...`, `aws:ResourceAccount`, `aws:PrincipalOrgID`, \
              `aws:SourceVpce` or `aws:SourceIp` compared with real values, not in the \
              `...IfExists` or `ForAllValues:` form).",
        fix: "Name the resources: `arn:aws:s3:::reports-bucket/*` rather than `arn:aws:s3:::*`, \
              or write `*` openly if every resource is really intended.",
        applies: &[PolicyType::Identity],
    },
    Check {
        id: ALLOW_WITH_NOT_RESOURCE,
        name: "allow-with-not-resource",
        access_analyzer: None,
        parliament: &["NOTRESOURCE_WITH_ALLOW"],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "An `Allow` statement uses `NotResource`: it grants its actions on every \
                  resource except the ones listed.",
        why: "`NotResource` with `Allow` is an open-ended grant: it covers every resource of \
              every account the actions reach, including resources created later, except the \
              few listed. It is almost never what the author meant. When the statement's \
              condition restricts it (a key such as \
              `aws:ResourceTag/...`, `aws:ResourceAccount`, `aws:PrincipalOrgID`, \
              `aws:SourceVpce` or `aws:SourceIp` compared with real values, not in the \
              `...IfExists` or `ForAllValues:` form) the \
              finding is reported one severity lower.",
        fix: "List the resources in `Resource` instead; to carve out exceptions from a wide \
              grant, add a `Deny` statement with `Resource` naming them.",
        applies: &[],
    },
    Check {
        id: ALLOW_WITH_NOT_ACTION,
        name: "allow-with-not-action",
        access_analyzer: None,
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "An `Allow` statement uses `NotAction`: it grants every action of every service \
                  except the ones listed, including actions AWS adds later.",
        why: "`NotAction` with `Allow` grants far more than it reads: `\"NotAction\": \"iam:*\"` \
              grants all of `s3`, `ec2`, `kms`, `organizations`, ... and every future service. It \
              is usually meant as an exception list and should be written as a `Deny`. Not \
              reported when the statement's condition restricts it (a resource tag, an account \
              or organisation, a source or network key), since the condition then scopes the \
              grant.",
        fix: "List the actions to allow in `Action`; to exclude actions from a wide grant, add a \
              `Deny` statement with `Action` naming them (e.g. `Deny` `iam:*`).",
        applies: &[
            PolicyType::Identity,
            PolicyType::Resource,
            PolicyType::RoleTrust,
        ],
    },
];

/// Run the checks of this module.
pub(super) fn run(cx: &Ctx<'_>, out: &mut Out<'_>) {
    let mut budget = SUGGESTIONS_PER_POLICY;
    for st in &cx.policy.statements {
        if let Some(block) = &st.action {
            check_action_names(cx.catalog, block, &mut budget, out);
            redundant_entries(block, CaseSensitivity::AsciiInsensitive, out);
        }
        if let Some(block) = &st.resource {
            resource_service_wildcards(block, out);
            redundant_entries(block, CaseSensitivity::Sensitive, out);
        }
        for family in &FAMILIES {
            grant_family(family, st, out);
        }
        if st.is_allow() {
            resource_star(cx.catalog, st, out);
            resource_effectively_star(st, out);
            allow_with_not(st, out);
        }
    }
    redundant_statements(&cx.policy.statements, out);
}

// ---------------------------------------------------------------------------------------------
// Action names

/// Non-empty and only `*`.
fn is_all_stars(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b == b'*')
}

/// `INVALID_ACTION`, `INVALID_SERVICE_IN_ACTION` and `WILDCARD_IN_SERVICE_NAME` for one
/// `Action`/`NotAction` element.
fn check_action_names(
    catalog: Option<&Catalog>,
    block: &ValueBlock,
    budget: &mut usize,
    out: &mut Out<'_>,
) {
    for (text, span) in block.known() {
        if is_all_stars(text) {
            continue;
        }
        let Some((svc, name)) = text.split_once(':') else {
            out.push(
                INVALID_ACTION,
                span,
                format!(
                    "`{text}` is not an action: actions are written `service:ActionName` \
                     (e.g. `s3:GetObject`)"
                ),
            );
            continue;
        };
        if has_wildcard(svc) {
            if is_all_stars(svc) && is_all_stars(name) {
                continue; // `*:*`, the same as `*`
            }
            out.push(
                WILDCARD_IN_SERVICE_NAME,
                span,
                format!(
                    "the service prefix `{svc}` of `{text}` has a wildcard: it matches the \
                     actions of every service whose prefix fits, including services added later"
                ),
            );
            if let Some(cat) = catalog {
                if cat.expand(text).is_empty() {
                    out.push(
                        INVALID_ACTION,
                        span,
                        format!("`{text}` matches no action of any service"),
                    );
                }
            }
            continue;
        }
        let Some(cat) = catalog else {
            continue;
        };
        let Some(service) = cat.service(svc) else {
            let hint = take_budget(budget)
                .then(|| nearest(svc, cat.services().map(|s| s.prefix())))
                .flatten()
                .map(|p| format!("; did you mean `{p}`?"))
                .unwrap_or_default();
            out.push(
                INVALID_SERVICE_IN_ACTION,
                span,
                format!("`{svc}` (in `{text}`) is not the prefix of an AWS service{hint}"),
            );
            continue;
        };
        let prefix = service.prefix();
        if name.is_empty() {
            out.push(
                INVALID_ACTION,
                span,
                format!("`{text}` has no action name after the service prefix"),
            );
        } else if has_wildcard(name) {
            if cat.expand(text).is_empty() {
                out.push(
                    INVALID_ACTION,
                    span,
                    format!("`{text}` matches no action of service `{prefix}`"),
                );
            }
        } else if service.action(name).is_none() {
            let hint = if take_budget(budget) {
                action_hint(cat, service, name)
            } else {
                String::new()
            };
            out.push(
                INVALID_ACTION,
                span,
                format!("`{name}` is not an action of service `{prefix}`{hint}"),
            );
        }
    }
}

/// "; did you mean `s3:GetObject`?" for an unknown action `name` of `service`: the closest name
/// of the service, or else the one other service that has an action of that name.
fn action_hint(cat: &Catalog, service: &crate::catalog::Service, name: &str) -> String {
    if let Some(n) = nearest(name, service.actions().map(|a| a.name.as_str())) {
        return format!("; did you mean `{}:{n}`?", service.prefix());
    }
    let mut others = cat.services().filter_map(|s| s.action(name));
    match (others.next(), others.next()) {
        (Some(a), None) => format!("; did you mean `{}`?", a.full_name()),
        _ => String::new(),
    }
}

/// How many unknown names of one policy get a "did you mean" suggestion: looking for one costs
/// a pass over a service's actions, and a policy with thousands of unknown names should not make
/// the linter crawl.
const SUGGESTIONS_PER_POLICY: usize = 200;

/// Take one suggestion from the budget, if any is left.
fn take_budget(budget: &mut usize) -> bool {
    let left = *budget > 0;
    *budget = budget.saturating_sub(1);
    left
}

/// The candidate closest to `word` by edit distance (ignoring ASCII case), if it is close
/// enough to be a plausible typo: at most a third of the word's length, between 1 and 4 edits.
fn nearest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    let limit = (word.chars().count() / 3).clamp(1, 4);
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        let Some(d) = edit_distance(&word, &c.to_ascii_lowercase(), limit) else {
            continue;
        };
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Levenshtein distance between `a` and `b` (by characters), or `None` when it exceeds `limit`.
fn edit_distance(a: &str, b: &str, limit: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = Vec::with_capacity(b.len() + 1);
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let replace = prev.get(j).copied().unwrap_or(usize::MAX) + usize::from(ca != cb);
            let delete = prev
                .get(j + 1)
                .copied()
                .unwrap_or(usize::MAX)
                .saturating_add(1);
            let insert = cur.last().copied().unwrap_or(usize::MAX).saturating_add(1);
            cur.push(replace.min(delete).min(insert));
        }
        if cur.iter().min().is_some_and(|&m| m > limit) {
            return None;
        }
        prev = cur;
    }
    prev.last().copied().filter(|&d| d <= limit)
}

/// `WILDCARD_IN_SERVICE_NAME` for the service part of resource ARNs.
fn resource_service_wildcards(block: &ValueBlock, out: &mut Out<'_>) {
    for (text, span) in block.known() {
        if is_all_stars(text) {
            continue;
        }
        let Some(service) = text.strip_prefix("arn:").and_then(|r| r.split(':').nth(1)) else {
            continue;
        };
        if has_wildcard(service) && !service.contains("${") {
            out.push(
                WILDCARD_IN_SERVICE_NAME,
                span,
                format!(
                    "the service part `{service}` of `{text}` has a wildcard: it matches the \
                     resources of every service whose name fits, including services added later"
                ),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Redundancy

/// A value of an `Action`/`Resource` list with the facts [`covers`] needs, computed once.
#[derive(Clone, Copy)]
struct Pat<'a> {
    text: &'a str,
    /// Only `*`: matches everything.
    all_stars: bool,
    /// Holds a policy variable (`${...}`).
    variable: bool,
    /// Holds `*` or `?`.
    wildcard: bool,
    /// Length in bytes of the literal text before the first wildcard.
    head: usize,
    /// Start of the literal text after the last wildcard.
    tail: usize,
}

impl<'a> Pat<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            all_stars: is_all_stars(text),
            variable: text.contains("${"),
            wildcard: has_wildcard(text),
            head: text.find(['*', '?']).unwrap_or(text.len()),
            tail: text.rfind(['*', '?']).map_or(0, |i| i + 1),
        }
    }
}

/// Whether every string the glob `inner` can match is also matched by the glob `outer` (`*`
/// any run of characters, `?` one); see [`covers`].
fn glob_covers(outer: &str, inner: &str, case: CaseSensitivity) -> bool {
    covers(&Pat::new(outer), &Pat::new(inner), case)
}

/// Whether `outer` covers `inner`. Sufficient, not necessary: `outer` must match `inner` read
/// symbol by symbol, where a `*` of `outer` may swallow wildcards of `inner`, a `?` of `outer`
/// may stand for a literal or a `?` of `inner`, and a literal of `outer` only for the same
/// literal. A bare `*` covers everything; otherwise values with a policy variable (`${...}`)
/// are only compared for equality.
fn covers(outer: &Pat<'_>, inner: &Pat<'_>, case: CaseSensitivity) -> bool {
    // Byte-wise comparison is the same as char-wise for exact and ASCII-case-insensitive tests.
    let same_bytes = |a: &[u8], b: &[u8]| match case {
        CaseSensitivity::Sensitive => a == b,
        CaseSensitivity::AsciiInsensitive => a.eq_ignore_ascii_case(b),
    };
    if outer.all_stars || same_bytes(outer.text.as_bytes(), inner.text.as_bytes()) {
        return true;
    }
    if outer.variable || inner.variable || !outer.wildcard {
        return false;
    }
    // Fast rejection: the literal head and tail of `outer` must be in `inner` as they are.
    let (o, i) = (outer.text.as_bytes(), inner.text.as_bytes());
    let head_ok = o
        .get(..outer.head)
        .zip(i.get(..outer.head))
        .is_some_and(|(a, b)| same_bytes(a, b));
    let tail_len = o.len().saturating_sub(outer.tail);
    let tail_ok = o
        .get(outer.tail..)
        .zip(
            i.len()
                .checked_sub(tail_len)
                .and_then(|start| i.get(start..)),
        )
        .is_some_and(|(a, b)| same_bytes(a, b));
    if !head_ok || !tail_ok {
        return false;
    }
    let same = |a: char, b: char| match case {
        CaseSensitivity::Sensitive => a == b,
        CaseSensitivity::AsciiInsensitive => a.eq_ignore_ascii_case(&b),
    };
    let q: Vec<char> = outer.text.chars().collect();
    let p: Vec<char> = inner.text.chars().collect();
    if q.len().saturating_mul(p.len()) > 4_000_000 {
        return false;
    }
    // `prev[j]`: the first `i` symbols of `outer` cover the first `j` of `inner`.
    let mut prev: Vec<bool> = std::iter::once(true)
        .chain(std::iter::repeat_n(false, p.len()))
        .collect();
    for &qc in &q {
        let mut cur: Vec<bool> = Vec::with_capacity(p.len() + 1);
        cur.push(qc == '*' && prev.first().copied().unwrap_or(false));
        for (j, &pc) in p.iter().enumerate() {
            let diag = prev.get(j).copied().unwrap_or(false);
            let up = prev.get(j + 1).copied().unwrap_or(false);
            let left = cur.last().copied().unwrap_or(false);
            let v = match qc {
                '*' => up || left,
                '?' => diag && pc != '*',
                c => diag && pc != '*' && pc != '?' && same(c, pc),
            };
            cur.push(v);
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(false)
}

/// `REDUNDANT_ACTION` / `REDUNDANT_RESOURCE`: entries of one list covered by another entry.
/// Of two entries that cover each other, the later one is reported.
fn redundant_entries(block: &ValueBlock, case: CaseSensitivity, out: &mut Out<'_>) {
    let (id, what) = match case {
        CaseSensitivity::AsciiInsensitive => (REDUNDANT_ACTION, "action"),
        CaseSensitivity::Sensitive => (REDUNDANT_RESOURCE, "resource"),
    };
    let entries: Vec<(usize, &str, Span)> = block
        .known()
        .enumerate()
        .map(|(i, (t, s))| (i, t, s))
        .collect();
    if entries.len() > 500 {
        return;
    }
    for &(j, inner, span) in &entries {
        let cover = entries.iter().find(|&&(i, outer, _)| {
            i != j && glob_covers(outer, inner, case) && (i < j || !glob_covers(inner, outer, case))
        });
        if let Some(&(_, outer, _)) = cover {
            let message = if glob_covers(inner, outer, case) {
                format!("{what} `{inner}` repeats `{outer}`, listed earlier")
            } else {
                format!("{what} `{inner}` is already covered by `{outer}`")
            };
            out.push(id, span, message);
        }
    }
}

/// A principal element in canonical form: negated, then (kind, sorted values) sorted by kind.
type CanonicalPrincipal = (bool, Vec<(String, Vec<String>)>);

/// What must be identical for two statements to be compared: effect, principal and condition,
/// in a canonical form.
#[derive(PartialEq, Eq)]
struct Frame {
    effect: Effect,
    principal: Option<CanonicalPrincipal>,
    condition: Vec<(String, String, Vec<String>)>,
}

/// An `Action`/`Resource` element: negated, and its values.
type PatSet<'a> = (bool, Vec<Pat<'a>>);

/// A statement's action and resource elements, all values known.
struct Grants<'a> {
    action: PatSet<'a>,
    resource: Option<PatSet<'a>>,
}

fn frame(st: &Statement) -> Option<Frame> {
    if !matches!(st.effect.value, Effect::Allow | Effect::Deny) {
        return None;
    }
    let principal = match &st.principal {
        None => None,
        Some(p) => {
            let entries = match &p.value {
                PrincipalValue::Wildcard => vec![("*".to_owned(), Vec::new())],
                PrincipalValue::Map(entries) => {
                    let mut v = Vec::new();
                    for e in entries {
                        let mut values = e
                            .values
                            .iter()
                            .map(|x| x.known().map(str::to_owned))
                            .collect::<Option<Vec<String>>>()?;
                        values.sort();
                        values.dedup();
                        v.push((e.kind.as_str().to_owned(), values));
                    }
                    v.sort();
                    v
                }
                PrincipalValue::Unknown => return None,
            };
            Some((p.negated, entries))
        }
    };
    let mut condition = Vec::new();
    if let Some(c) = &st.condition {
        if !c.unresolved.is_empty() {
            return None;
        }
        for clause in &c.clauses {
            let op = clause.operator.value.to_string();
            for e in &clause.entries {
                let mut values = e
                    .values
                    .iter()
                    .map(|v| v.value.as_text().map(str::to_owned))
                    .collect::<Option<Vec<String>>>()?;
                values.sort();
                values.dedup();
                condition.push((op.clone(), e.key.value.to_ascii_lowercase(), values));
            }
        }
    }
    condition.sort();
    Some(Frame {
        effect: st.effect.value,
        principal,
        condition,
    })
}

fn all_known(block: &ValueBlock) -> Option<PatSet<'_>> {
    let values = block
        .values
        .iter()
        .map(|v| v.known().map(Pat::new))
        .collect::<Option<Vec<Pat<'_>>>>()?;
    (!values.is_empty()).then_some((block.negated, values))
}

fn grants(st: &Statement) -> Option<Grants<'_>> {
    let action = all_known(st.action.as_ref()?)?;
    let resource = match &st.resource {
        None => None,
        Some(r) => Some(all_known(r)?),
    };
    Some(Grants { action, resource })
}

/// Whether the set an element describes (`(negated, values)`) is inside the other's.
fn set_within(a: &PatSet<'_>, b: &PatSet<'_>, case: CaseSensitivity) -> bool {
    let covered = |outer: &[Pat<'_>], inner: &[Pat<'_>]| {
        outer.iter().any(|o| o.all_stars)
            || inner
                .iter()
                .all(|i| outer.iter().any(|o| covers(o, i, case)))
    };
    match (a.0, b.0) {
        (false, false) => covered(&b.1, &a.1),
        // Complements: A's exclusions must include all of B's.
        (true, true) => covered(&a.1, &b.1),
        _ => false,
    }
}

fn grants_within(a: &Grants<'_>, b: &Grants<'_>) -> bool {
    let resources = match (&a.resource, &b.resource) {
        (None, None) => true,
        (Some(ra), Some(rb)) => set_within(ra, rb, CaseSensitivity::Sensitive),
        _ => false,
    };
    resources && set_within(&a.action, &b.action, CaseSensitivity::AsciiInsensitive)
}

fn statement_name(st: &Statement) -> String {
    match &st.sid {
        Some(sid) if !sid.value.is_empty() => format!("statement `{}`", sid.value),
        _ => format!("statement #{}", st.index + 1),
    }
}

/// `REDUNDANT_STATEMENT`.
fn redundant_statements(statements: &[Statement], out: &mut Out<'_>) {
    if statements.len() > 300 {
        return;
    }
    let prepared: Vec<Option<(Frame, Grants<'_>)>> = statements
        .iter()
        .map(|st| Some((frame(st)?, grants(st)?)))
        .collect();
    let mut reported = vec![false; statements.len()];
    for (i, (si, pi)) in statements.iter().zip(&prepared).enumerate() {
        let Some((fi, gi)) = pi else { continue };
        for (j, (sj, pj)) in statements.iter().zip(&prepared).enumerate().skip(i + 1) {
            let Some((fj, gj)) = pj else { continue };
            if fi != fj {
                continue;
            }
            let i_in_j = grants_within(gi, gj);
            let j_in_i = grants_within(gj, gi);
            let (victim, idx, other, verb) = if i_in_j && j_in_i {
                (sj, j, si, "grants exactly what")
            } else if i_in_j {
                (si, i, sj, "is contained in")
            } else if j_in_i {
                (sj, j, si, "is contained in")
            } else {
                continue;
            };
            if reported.get(idx).copied().unwrap_or(true) {
                continue;
            }
            if let Some(r) = reported.get_mut(idx) {
                *r = true;
            }
            let message = if verb == "grants exactly what" {
                format!(
                    "{} covers exactly what {} covers, with the same effect, principal and \
                     condition: one of them can be removed",
                    statement_name(victim),
                    statement_name(other)
                )
            } else {
                format!(
                    "{} is contained in {}, which has the same effect, principal and condition \
                     and covers at least the same actions and resources",
                    statement_name(victim),
                    statement_name(other)
                )
            };
            out.push(REDUNDANT_STATEMENT, victim.span, message);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// iam:PassRole and iam:CreateServiceLinkedRole

/// One of Access Analyzer's families of six checks about a sensitive IAM action.
struct Family {
    /// The action, `iam:PassRole`.
    action: &'static str,
    /// Ids for: action + NotResource, wildcard action + NotResource, NotAction + NotResource,
    /// action + wildcard resource, wildcard action + wildcard resource, NotAction + wildcard
    /// resource.
    ids: [&'static str; 6],
    /// The resource part of a role the action acts on, with a name no policy pins.
    probe: &'static str,
    /// What the action acts on, for messages.
    object: &'static str,
    /// Whether the statement's condition restricts the grant.
    restricted: fn(&Statement) -> bool,
}

const FAMILIES: [Family; 2] = [
    Family {
        action: "iam:PassRole",
        ids: [
            "IAM1510", "IAM1511", "IAM1512", "IAM1513", "IAM1514", "IAM1515",
        ],
        probe: "role/Qz7NoSuchProbeRole",
        object: "every role",
        restricted: pass_role_restricted,
    },
    Family {
        action: "iam:CreateServiceLinkedRole",
        ids: [
            "IAM1520", "IAM1521", "IAM1522", "IAM1523", "IAM1524", "IAM1525",
        ],
        probe: "role/aws-service-role/qz7probe.amazonaws.com/AWSServiceRoleForQz7probe",
        object: "the service-linked role of every service",
        restricted: create_slr_restricted,
    },
];

/// How a statement's action element reaches the family's action.
enum Via<'a> {
    /// Named exactly.
    Named(Span),
    /// Through a wildcard pattern.
    Wildcard(&'a str, Span),
    /// Through `NotAction`.
    NotAction(Span),
}

/// Whether the resource pattern matches the IAM resource `probe` (a resource part, e.g.
/// `role/x`) in the pattern's own partition and account, whatever they are.
fn covers_probe(pattern: &str, probe: &str) -> bool {
    if is_all_stars(pattern) {
        return true;
    }
    if pattern.contains("${") {
        return false;
    }
    let mut fields = pattern.split(':');
    let partition = fields.nth(1).filter(|p| !has_wildcard(p)).unwrap_or("aws");
    let account = match fields.nth(2) {
        Some(a) if !has_wildcard(a) => {
            if !crate::arn::is_account_id(a) {
                return false; // no role lives there
            }
            a
        }
        _ => "123456789012",
    };
    let arn = format!("arn:{partition}:iam::{account}:{probe}");
    glob_match(pattern, &arn, CaseSensitivity::Sensitive)
}

/// The Access Analyzer grant family checks on one statement.
fn grant_family(family: &Family, st: &Statement, out: &mut Out<'_>) {
    if !st.is_allow() {
        return;
    }
    let (Some(action), Some(resource)) = (&st.action, &st.resource) else {
        return;
    };
    let via = if action.negated {
        if action.has_unknown()
            || action
                .known()
                .any(|(p, _)| action_matches(p, family.action))
        {
            return;
        }
        Via::NotAction(action.key_span)
    } else if let Some((_, span)) = action
        .known()
        .find(|(p, _)| !has_wildcard(p) && p.eq_ignore_ascii_case(family.action))
    {
        Via::Named(span)
    } else if let Some((p, span)) = action
        .known()
        .find(|(p, _)| has_wildcard(p) && action_matches(p, family.action))
    {
        Via::Wildcard(p, span)
    } else {
        return;
    };
    if (family.restricted)(st) {
        return;
    }
    let act = family.action;
    let object = family.object;
    let [not_res, star_not_res, notact_not_res, star_res, star_star, notact_star] = family.ids;
    if resource.negated {
        if resource.has_unknown() || resource.known().any(|(r, _)| covers_probe(r, family.probe)) {
            return;
        }
        let (id, span, message) = match via {
            Via::Named(span) => (
                not_res,
                span,
                format!(
                    "`{act}` is granted with `NotResource`: it applies to {object} not listed \
                     there, including ones created later"
                ),
            ),
            Via::Wildcard(p, span) => (
                star_not_res,
                span,
                format!(
                    "`{p}` covers `{act}` and the statement uses `NotResource`: it applies to \
                     {object} not listed there"
                ),
            ),
            Via::NotAction(span) => (
                notact_not_res,
                span,
                format!(
                    "`NotAction` does not exclude `{act}` and the statement uses `NotResource`: \
                     it grants `{act}` on {object} not listed there"
                ),
            ),
        };
        out.push(id, span, message);
        return;
    }
    let Some((r, rspan)) = resource
        .known()
        .find(|(r, _)| covers_probe(r, family.probe))
    else {
        return;
    };
    let (id, span, message) = match via {
        Via::Named(_) => (
            star_res,
            rspan,
            format!("`{act}` is granted on `{r}`, which covers {object}"),
        ),
        Via::Wildcard(p, span) => (
            star_star,
            span,
            format!("`{p}` covers `{act}` and the resource `{r}` covers {object}"),
        ),
        Via::NotAction(_) => (
            notact_star,
            rspan,
            format!("`NotAction` does not exclude `{act}` and the resource `{r}` covers {object}"),
        ),
    };
    out.push(id, span, message);
}

/// Whether a condition operator compares positively with string or ARN values: not negated,
/// not `Null`, not `...IfExists`, not `ForAllValues:`.
fn positive_match(op: &crate::policy::ConditionOperator) -> bool {
    !op.if_exists
        && op.set != Some(SetQualifier::ForAllValues)
        && matches!(
            op.base,
            BaseOperator::StringEquals
                | BaseOperator::StringEqualsIgnoreCase
                | BaseOperator::StringLike
                | BaseOperator::ArnEquals
                | BaseOperator::ArnLike
        )
}

/// Whether some clause compares a key accepted by `key_ok` positively with a value accepted by
/// `value_ok`. An unresolved condition counts as restricting (it may well be).
fn condition_pins(
    st: &Statement,
    key_ok: impl Fn(&str) -> bool,
    value_ok: impl Fn(&str) -> bool,
) -> bool {
    let Some(cond) = &st.condition else {
        return false;
    };
    if !cond.unresolved.is_empty() {
        return true;
    }
    cond.clauses
        .iter()
        .filter(|c| positive_match(&c.operator.value))
        .flat_map(|c| c.entries.iter())
        .filter(|e| key_ok(&e.key.value.to_ascii_lowercase()))
        .any(|e| {
            e.values.iter().any(|v| match v.value.as_text() {
                Some(t) => value_ok(t),
                None => true,
            })
        })
}

/// Whether a service principal pattern names something narrower than every service.
fn meaningful_service(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    let head = lower
        .strip_suffix(".amazonaws.com.cn")
        .or_else(|| lower.strip_suffix(".amazonaws.com"))
        .unwrap_or(&lower);
    head.chars().any(|c| !matches!(c, '*' | '?' | '.'))
}

/// Whether an ARN pattern names something narrower than every resource.
fn meaningful_arn(value: &str) -> bool {
    match value.strip_prefix("arn:") {
        Some(rest) => rest
            .split_once(':')
            .is_some_and(|(_, tail)| tail.chars().any(|c| !matches!(c, '*' | '?' | ':'))),
        None => !is_all_stars(value),
    }
}

/// `iam:PassRole` is restricted by `iam:PassedToService`, a meaningful
/// `iam:AssociatedResourceArn`, or a tag of the role.
fn pass_role_restricted(st: &Statement) -> bool {
    condition_pins(st, |k| k == "iam:passedtoservice", meaningful_service)
        || condition_pins(st, |k| k == "iam:associatedresourcearn", meaningful_arn)
        || condition_pins(
            st,
            |k| k.starts_with("iam:resourcetag/") || k.starts_with("aws:resourcetag/"),
            |v| !is_all_stars(v),
        )
}

/// `iam:CreateServiceLinkedRole` is restricted by `iam:AWSServiceName`.
fn create_slr_restricted(st: &Statement) -> bool {
    condition_pins(st, |k| k == "iam:awsservicename", meaningful_service)
}

// ---------------------------------------------------------------------------------------------
// Wide resources, NotAction, NotResource

/// `` `a`, `b`, `c` and 4 more `` (the items are already formatted).
fn list(items: &[String], max: usize) -> String {
    let mut text = items
        .iter()
        .take(max)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > max {
        text.push_str(&format!(" and {} more", items.len() - max));
    }
    text
}

/// Parliament's `RESOURCE_STAR`.
fn resource_star(catalog: Option<&Catalog>, st: &Statement, out: &mut Out<'_>) {
    let Some(cat) = catalog else {
        return;
    };
    let Some(star) = st.wildcard_resource_span() else {
        return;
    };
    let Some(action) = st.action.as_ref().filter(|a| !a.negated) else {
        return;
    };
    if restricting_condition(st) {
        return;
    }
    let mut scopable = Vec::new();
    for (text, _) in action.known() {
        if has_wildcard(text) {
            let n = cat
                .expand(text)
                .iter()
                .filter(|a| !a.resource_types.is_empty())
                .count();
            if n > 0 {
                scopable.push(format!("`{text}` ({n} scopable actions)"));
            }
        } else if cat
            .action(text)
            .is_some_and(|a| !a.resource_types.is_empty())
        {
            scopable.push(format!("`{text}`"));
        }
    }
    if scopable.is_empty() {
        return;
    }
    out.push(
        RESOURCE_STAR,
        star,
        format!(
            "`\"Resource\": \"*\"` grants {} on every resource, although they support \
             resource-level permissions",
            list(&scopable, 5)
        ),
    );
}

/// Whether an ARN pattern matches every resource of its service (or of every service) while
/// not being `*` itself.
fn effectively_star(pattern: &str) -> bool {
    if is_all_stars(pattern) || pattern.contains("${") {
        return false;
    }
    let fields: Vec<&str> = pattern.splitn(6, ':').collect();
    let Some((&first, rest)) = fields.split_first() else {
        return false;
    };
    if first != "arn" || rest.is_empty() {
        return false;
    }
    let wide = |f: &str| f.is_empty() || is_all_stars(f);
    let resource_wide =
        |f: &str| f.contains('*') && f.chars().all(|c| matches!(c, '*' | '/' | ':'));
    if fields.len() < 6 {
        // `arn:*`, `arn:aws:s3:*`: the last `*` runs over the missing fields.
        return rest.last().is_some_and(|l| is_all_stars(l))
            && rest.iter().skip(2).all(|f| wide(f));
    }
    match (fields.get(3), fields.get(4), fields.get(5)) {
        (Some(region), Some(account), Some(res)) => {
            wide(region) && wide(account) && resource_wide(res)
        }
        _ => false,
    }
}

/// Parliament's `RESOURCE_EFFECTIVELY_STAR`.
fn resource_effectively_star(st: &Statement, out: &mut Out<'_>) {
    let Some(resource) = st.resource.as_ref().filter(|r| !r.negated) else {
        return;
    };
    if restricting_condition(st) {
        return;
    }
    for (text, span) in resource.known() {
        if effectively_star(text) {
            out.push(
                RESOURCE_EFFECTIVELY_STAR,
                span,
                format!(
                    "`{text}` matches every resource of its service (or of every service): it \
                     grants as much as `\"Resource\": \"*\"`"
                ),
            );
        }
    }
}

/// `Allow` with `NotResource` (Parliament's community auditor) and with `NotAction`.
fn allow_with_not(st: &Statement, out: &mut Out<'_>) {
    let restricted = restricting_condition(st);
    if let Some(r) = st.resource.as_ref().filter(|r| r.negated) {
        let excluded: Vec<String> = r.known().map(|(t, _)| format!("`{t}`")).collect();
        let severity = if restricted {
            lowered(Severity::Medium)
        } else {
            Severity::Medium
        };
        let message = if excluded.is_empty() {
            "`Allow` with `NotResource` grants the statement's actions on every resource except \
             the ones listed"
                .to_owned()
        } else {
            format!(
                "`Allow` with `NotResource` grants the statement's actions on every resource \
                 except {}, including resources created later",
                list(&excluded, 3)
            )
        };
        out.push_severity(ALLOW_WITH_NOT_RESOURCE, r.key_span, message, severity);
    }
    if let Some(a) = st.action.as_ref().filter(|a| a.negated) {
        if restricted {
            return;
        }
        let excluded: Vec<String> = a.known().map(|(t, _)| format!("`{t}`")).collect();
        let scope = match &st.resource {
            Some(r) if r.negated => "on every resource `NotResource` does not exclude",
            Some(_) if !st.has_wildcard_resource() => "on the listed resources",
            _ => "on every resource",
        };
        let message = if excluded.is_empty() {
            format!("`Allow` with `NotAction` grants, {scope}, every action of every service")
        } else {
            format!(
                "`Allow` with `NotAction` grants, {scope}, every action of every service except \
                 {}, including actions AWS adds later",
                list(&excluded, 3)
            )
        };
        out.push(ALLOW_WITH_NOT_ACTION, a.key_span, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: CaseSensitivity = CaseSensitivity::Sensitive;
    const I: CaseSensitivity = CaseSensitivity::AsciiInsensitive;

    #[test]
    fn glob_cover_is_language_inclusion() {
        assert!(glob_covers("iam:Get*", "iam:GetCredentialReport", I));
        assert!(glob_covers("iam:get*", "IAM:GetUser", I));
        assert!(glob_covers("s3:Get*", "s3:Get*Tagging", I));
        assert!(glob_covers("*", "s3:Get?bject", I));
        assert!(!glob_covers("iam:Get*", "iam:*CredentialReport", I));
        assert!(!glob_covers("s3:Get?", "s3:Get*", I));
        assert!(glob_covers("s3:Get?", "s3:Get?", I));
        assert!(!glob_covers("s3:GetX", "s3:Get?", I));
        assert!(glob_covers(
            "arn:aws:iam::111122223333:role/jane*",
            "arn:aws:iam::111122223333:role/jane-admin",
            S
        ));
        assert!(!glob_covers(
            "arn:aws:s3:::Bucket/*",
            "arn:aws:s3:::bucket/x",
            S
        ));
        assert!(glob_covers("a*b*c", "a*x*b*y*c", S));
        assert!(!glob_covers("a*b", "a*", S));
        // Variables: equality only.
        assert!(!glob_covers(
            "arn:aws:s3:::b/${aws:username}",
            "arn:aws:s3:::b/x",
            S
        ));
        assert!(!glob_covers(
            "arn:aws:s3:::b/*",
            "arn:aws:s3:::b/${aws:username}",
            S
        ));
        assert!(glob_covers("arn:aws:s3:::b/${x}", "arn:aws:s3:::b/${x}", S));
    }

    #[test]
    fn edit_distance_and_nearest() {
        assert_eq!(edit_distance("getobjekt", "getobject", 3), Some(1));
        assert_eq!(edit_distance("abc", "abcdef", 2), None);
        assert_eq!(edit_distance("", "", 1), Some(0));
        let names = ["GetObject", "PutObject", "GetObjectAcl"];
        assert_eq!(
            nearest("GetObjekt", names.iter().copied()),
            Some("GetObject")
        );
        assert_eq!(nearest("Frobnicate", names.iter().copied()), None);
    }

    #[test]
    fn effectively_star_patterns() {
        for p in [
            "arn:aws:s3:::*",
            "arn:*:*:*:*:*",
            "arn:aws:iam::*:*",
            "arn:*",
            "arn:aws:s3:::*/*",
            "arn:aws:ec2:*:*:*",
        ] {
            assert!(effectively_star(p), "{p}");
        }
        for p in [
            "*",
            "arn:aws:s3:::bucket/*",
            "arn:aws:iam::111122223333:*",
            "arn:aws:ec2:us-east-1:*:*",
            "arn:aws:iam::*:role/*",
            "bucket",
            "arn:aws:s3:::${aws:username}",
        ] {
            assert!(!effectively_star(p), "{p}");
        }
    }

    #[test]
    fn role_probes() {
        let role = "role/Qz7NoSuchProbeRole";
        for p in [
            "*",
            "arn:aws:iam::*:role/*",
            "arn:aws:iam::111122223333:role/*",
            "arn:aws-cn:iam::*:*",
            "arn:*:iam::*:role*",
        ] {
            assert!(covers_probe(p, role), "{p}");
        }
        for p in [
            "arn:aws:iam::*:role/app-*",
            "arn:aws:iam::*:role/service-role/*",
            "arn:aws:iam::*:user/*",
            "arn:aws:iam:us-east-1:*:role/*",
            "arn:aws:iam::abc:role/*",
            "arn:aws:iam::*:role/${aws:username}",
        ] {
            assert!(!covers_probe(p, role), "{p}");
        }
    }

    #[test]
    fn meaningful_values() {
        assert!(meaningful_service("lambda.amazonaws.com"));
        assert!(!meaningful_service("*.amazonaws.com"));
        assert!(!meaningful_service("*"));
        assert!(meaningful_arn("arn:aws:ec2:*:*:instance/*"));
        assert!(!meaningful_arn("arn:aws:*:*:*:*"));
        assert!(!meaningful_arn("*"));
    }

    fn ids(text: &str, t: PolicyType) -> Vec<&'static str> {
        super::super::lint_text(text, palisade_doc::Format::Json, t)
            .iter()
            .map(|f| f.check.id)
            .filter(|id| id.starts_with("IAM15"))
            .collect()
    }

    #[test]
    fn unknown_values_are_never_reported() {
        let text = r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","Action":[{"Fn::Sub":"${Svc}:GetObjekt"}],"Resource":"arn:aws:s3:::b/*"},
            {"Effect":"Allow","Action":"iam:PassRole","NotResource":[{"Ref":"AdminRoleArn"}]},
            {"Effect":"Allow","NotAction":[{"Ref":"Excluded"}],"NotResource":"arn:aws:s3:::b"},
            {"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"Fn::If":["C",{},{}]}}}
        ]}"#;
        let found = ids(text, PolicyType::Identity);
        for id in [
            INVALID_ACTION,
            "IAM1510",
            "IAM1512",
            "IAM1513",
            "IAM1522",
            REDUNDANT_STATEMENT,
        ] {
            assert!(!found.contains(&id), "{id} in {found:?}");
        }
    }

    #[test]
    fn pass_role_family_needs_allow_in_identity_policies() {
        let deny = r#"{"Statement":[{"Effect":"Deny","Action":"iam:PassRole","Resource":"*"}]}"#;
        assert!(!ids(deny, PolicyType::Identity).contains(&"IAM1513"));
        let allow = r#"{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}"#;
        assert!(ids(allow, PolicyType::Identity).contains(&"IAM1513"));
        assert!(!ids(allow, PolicyType::Scp).contains(&"IAM1513"));
        // `IfExists` and negated operators do not pin the service.
        let if_exists = r#"{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*",
            "Condition":{"StringEqualsIfExists":{"iam:PassedToService":"ec2.amazonaws.com"}}}]}"#;
        assert!(ids(if_exists, PolicyType::Identity).contains(&"IAM1513"));
        let tagged = r#"{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*",
            "Condition":{"StringEquals":{"iam:ResourceTag/team":"data"}}}]}"#;
        assert!(!ids(tagged, PolicyType::Identity).contains(&"IAM1513"));
    }

    #[test]
    fn one_family_finding_per_statement() {
        let text = r#"{"Statement":[{"Effect":"Allow","Action":["iam:*","iam:PassRole"],"Resource":"*"}]}"#;
        let found = ids(text, PolicyType::Identity);
        assert!(found.contains(&"IAM1513"));
        assert!(!found.contains(&"IAM1514"));
    }

    #[test]
    fn redundant_statements_with_not_action() {
        // Excluding more grants less: the first statement is inside the second.
        let text = r#"{"Statement":[
            {"Sid":"A","Effect":"Allow","NotAction":["iam:*","s3:*"],"Resource":"*"},
            {"Sid":"B","Effect":"Allow","NotAction":"iam:Create*","Resource":"*"}
        ]}"#;
        let found = super::super::lint_text(text, palisade_doc::Format::Json, PolicyType::Identity);
        let hits: Vec<&str> = found
            .iter()
            .filter(|f| f.check.id == REDUNDANT_STATEMENT)
            .map(|f| f.message.as_str())
            .collect();
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert!(
            hits.iter().all(|m| m.starts_with("statement `A`")),
            "{hits:?}"
        );
        // Different effects or an Action/NotAction mix are never compared.
        let mixed = r#"{"Statement":[
            {"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
            {"Effect":"Allow","NotAction":"iam:*","Resource":"*"},
            {"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}
        ]}"#;
        assert!(!ids(mixed, PolicyType::Identity).contains(&REDUNDANT_STATEMENT));
    }

    #[test]
    fn not_resource_severity_is_lowered_by_conditions() {
        let text = r#"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","NotResource":"arn:aws:s3:::secret/*",
            "Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}}]}"#;
        let found = super::super::lint_text(text, palisade_doc::Format::Json, PolicyType::Identity);
        let f = found
            .iter()
            .find(|f| f.check.id == ALLOW_WITH_NOT_RESOURCE)
            .map(|f| f.severity);
        assert_eq!(f, Some(Severity::Low));
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let odd = [
            "",
            ":",
            "*",
            "?",
            "arn:",
            "arn:::::",
            "arn:*",
            "${",
            "${}",
            "a*?*?*",
            "é*ü?",
            "arn:aws:iam::*:role/é",
            "::::::::::::",
            "*:?",
            "?:*",
        ];
        for a in odd {
            for b in odd {
                let _ = glob_covers(a, b, S);
                let _ = glob_covers(a, b, I);
            }
            let _ = effectively_star(a);
            let _ = covers_probe(a, "role/x");
            let _ = meaningful_arn(a);
            let _ = meaningful_service(a);
            let _ = edit_distance(a, "abc", 2);
            let text = format!(
                r#"{{"Statement":[{{"Effect":"Allow","Action":["{a}","{a}"],"Resource":["{a}"]}},{{"Effect":"Allow","NotAction":"{a}","NotResource":"{a}"}}]}}"#
            );
            let _ = ids(&text, PolicyType::Identity);
        }
    }
}
