//! Checks: document structure, elements, principals, statement ids, policy variables, SCP and RCP
//! syntax, and policy size quotas.
//!
//! Most structural problems are found by the policy reader ([`crate::parse_policy`]), which
//! reports them as [`crate::PolicyIssue`]s carrying Access Analyzer issue codes; [`run`] turns
//! each into a finding of the check that owns the code (condition-operator issues belong to the
//! condition checks). The rest of the checks here look at what the reader kept, and at the
//! policy type: which elements a type requires or forbids, which principal forms AWS accepts,
//! the syntax of `${...}` variables, what service and resource control policies allow, and the
//! size quotas AWS enforces.

use palisade_core::{Severity, Span};
use palisade_doc::{Node, Value};

use super::{Check, Ctx, FindingType, Out, PolicyType};
use crate::arn::{is_account_id, Arn, PARTITIONS};
use crate::policy::{
    glob_match, CaseSensitivity, ConditionValue, PrincipalBlock, PrincipalKind, PrincipalValue,
    Statement,
};

const ALL: &[PolicyType] = &[];
const IDENTITY: &[PolicyType] = &[PolicyType::Identity];
const SCP: &[PolicyType] = &[PolicyType::Scp];
const RCP: &[PolicyType] = &[PolicyType::Rcp];
const ORGANIZATIONS: &[PolicyType] = &[PolicyType::Scp, PolicyType::Rcp];

/// The checks of this module.
pub(super) const CHECKS: &[Check] = &[
    // ---- Document ----------------------------------------------------------------------------
    Check {
        id: "IAM1001",
        name: "json-syntax-error",
        access_analyzer: Some("JSON_SYNTAX_ERROR"),
        parliament: &["MALFORMED_JSON"],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "The policy document is not well-formed JSON.",
        why: "AWS parses a policy as JSON before anything else: a missing brace, a trailing comma \
              or an unquoted key makes the whole document unusable, and every API that takes it \
              rejects it. Checks that need the full document cannot run on the parts that could \
              not be read.",
        fix: "Correct the syntax at the reported position: balance `{}` and `[]`, quote every key \
              and string with double quotes, and remove trailing commas. A JSON formatter shows \
              where the structure breaks.",
        applies: ALL,
    },
    Check {
        id: "IAM1002",
        name: "invalid-policy-element",
        access_analyzer: Some("INVALID_POLICY_ELEMENT"),
        parliament: &["MALFORMED"],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "The document or a statement has an element IAM does not define.",
        why: "A policy may only contain `Version`, `Id` and `Statement`, and a statement only \
              `Sid`, `Effect`, `Action`/`NotAction`, `Resource`/`NotResource`, \
              `Principal`/`NotPrincipal` and `Condition`. Element names are case-sensitive, so \
              `effect` or `Resources` is not the element it looks like: AWS rejects the policy.",
        fix: "Rename the element to its exact IAM name (for example `Resources` → `Resource`, \
              `condition` → `Condition`) or remove it.",
        applies: ALL,
    },
    Check {
        id: "IAM1003",
        name: "data-type-mismatch",
        access_analyzer: Some("DATA_TYPE_MISMATCH"),
        parliament: &["MALFORMED"],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "An element holds a JSON value of the wrong type.",
        why: "Each element expects a given JSON type: `Statement` is an object or a list of \
              objects, `Action` and `Resource` are a string or a list of strings, `Condition` \
              maps operators to objects, condition values are strings, numbers or booleans. A \
              value of another type (a nested list, an object, `null`) makes AWS reject the \
              policy.",
        fix:
            "Write the value with the expected type, for example `\"Action\": [\"s3:GetObject\"]` \
              instead of `\"Action\": [[\"s3:GetObject\"]]`.",
        applies: ALL,
    },
    Check {
        id: "IAM1004",
        name: "invalid-version",
        access_analyzer: Some("INVALID_VERSION"),
        parliament: &["INVALID_VERSION"],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "`Version` is not one of the two policy language versions.",
        why: "`Version` names the policy language, not a date of your choosing: only \
              `2012-10-17` and the older `2008-10-17` exist. Any other value (today's date, a \
              typo) makes AWS reject the policy.",
        fix: "Set `\"Version\": \"2012-10-17\"`.",
        applies: ALL,
    },
    Check {
        id: "IAM1005",
        name: "missing-version",
        access_analyzer: Some("MISSING_VERSION"),
        parliament: &["NO_VERSION"],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "The policy has no `Version` element.",
        why: "Without `Version`, AWS reads the policy with the 2008-10-17 language: policy \
              variables such as `${aws:username}` are then plain text, so a resource pattern \
              meant to follow the caller matches nothing (or the literal string), and newer \
              language features do not apply. SCPs and RCPs require the element.",
        fix: "Add `\"Version\": \"2012-10-17\"` at the top level of the document.",
        applies: ALL,
    },
    Check {
        id: "IAM1006",
        name: "old-policy-version",
        access_analyzer: None,
        parliament: &["OLD_VERSION"],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Low,
        summary: "The policy uses the 2008-10-17 policy language.",
        why: "The 2008-10-17 language predates policy variables and some later features: \
              `${...}` in a resource or condition is compared as literal text, which quietly \
              changes what the policy matches. There is no reason to write new policies in it.",
        fix: "Set `\"Version\": \"2012-10-17\"` and review any `${` text, which becomes a \
              variable under the newer language.",
        applies: ALL,
    },
    Check {
        id: "IAM1007",
        name: "missing-statement",
        access_analyzer: Some("MISSING_STATEMENT"),
        parliament: &["MALFORMED"],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "The policy has no `Statement`, or an empty one.",
        why: "A policy without statements grants and denies nothing; AWS rejects it.",
        fix: "Add a `Statement` list with at least one statement, or delete the policy.",
        applies: ALL,
    },
    Check {
        id: "IAM1008",
        name: "missing-effect",
        access_analyzer: Some("MISSING_EFFECT"),
        parliament: &["MALFORMED"],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A statement has no `Effect`.",
        why: "Every statement must say whether it allows or denies; AWS rejects a statement \
              without `Effect`.",
        fix: "Add `\"Effect\": \"Allow\"` or `\"Effect\": \"Deny\"` to the statement.",
        applies: ALL,
    },
    Check {
        id: "IAM1009",
        name: "invalid-effect",
        access_analyzer: Some("INVALID_EFFECT"),
        parliament: &["MALFORMED"],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "`Effect` is neither `Allow` nor `Deny`.",
        why: "`Effect` accepts exactly `Allow` or `Deny`, compared case-sensitively: `allow`, \
              `DENY` or `Block` make AWS reject the policy.",
        fix: "Write `\"Effect\": \"Allow\"` or `\"Effect\": \"Deny\"` with that capitalisation.",
        applies: ALL,
    },
    Check {
        id: "IAM1010",
        name: "missing-action",
        access_analyzer: Some("MISSING_ACTION"),
        parliament: &["MALFORMED"],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A statement has neither `Action` nor `NotAction`.",
        why: "A statement must name the actions it covers; AWS rejects a statement without \
              `Action` or `NotAction`.",
        fix: "Add an `Action` list naming the operations, for example \
              `\"Action\": [\"s3:GetObject\"]`.",
        applies: ALL,
    },
    Check {
        id: "IAM1011",
        name: "missing-resource",
        access_analyzer: Some("MISSING_RESOURCE"),
        parliament: &["MALFORMED"],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A statement has neither `Resource` nor `NotResource`.",
        why: "Identity policies, resource policies, SCPs and RCPs must say which resources a \
              statement covers; AWS rejects a statement without `Resource` or `NotResource`. \
              Only role trust policies leave it out (the role is the resource).",
        fix: "Add `Resource` with the ARNs the statement is about, or `\"Resource\": \"*\"` for \
              actions that do not support resource-level permissions.",
        applies: &[
            PolicyType::Identity,
            PolicyType::Resource,
            PolicyType::Scp,
            PolicyType::Rcp,
        ],
    },
    Check {
        id: "IAM1012",
        name: "missing-principal",
        access_analyzer: Some("MISSING_PRINCIPAL"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A resource, trust or resource control policy statement names no principal.",
        why: "In a resource-based policy (including a role trust policy and an RCP) the \
              statement must say who it applies to with `Principal` or `NotPrincipal`; AWS \
              rejects a statement without one.",
        fix: "Add a `Principal`, for example \
              `\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}` (in an RCP: \
              `\"Principal\": \"*\"` narrowed with conditions).",
        applies: &[PolicyType::Resource, PolicyType::RoleTrust, PolicyType::Rcp],
    },
    Check {
        id: "IAM1013",
        name: "unsupported-element-combination",
        access_analyzer: Some("UNSUPPORTED_ELEMENT_COMBINATION"),
        parliament: &["MALFORMED"],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A statement has an element twice, or both an element and its `Not` form.",
        why: "`Action` and `NotAction`, `Resource` and `NotResource`, `Principal` and \
              `NotPrincipal` exclude each other, and an element may appear once per statement. \
              JSON readers keep only one of two duplicate keys, so what AWS sees may not be what \
              you reviewed; AWS rejects the combinations.",
        fix: "Keep one of the two elements; merge duplicate lists into one, or split the \
              statement in two.",
        applies: ALL,
    },
    // ---- Statement ids -----------------------------------------------------------------------
    Check {
        id: "IAM1014",
        name: "duplicate-sid",
        access_analyzer: Some("UNIQUE_SIDS_RECOMMENDED"),
        parliament: &["DUPLICATE_SID"],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "Two statements share the same `Sid`.",
        why: "Statement ids are meant to identify statements: tools, reviews and some services \
              refer to statements by `Sid`, and a duplicate makes those references ambiguous. \
              Some services reject resource policies with duplicate ids.",
        fix: "Give each statement a distinct `Sid`, for example `ReadReports` and \
              `WriteReports`.",
        applies: &[
            PolicyType::Identity,
            PolicyType::Resource,
            PolicyType::RoleTrust,
        ],
    },
    Check {
        id: "IAM1015",
        name: "duplicate-sid-in-organizations-policy",
        access_analyzer: Some("UNIQUE_SIDS_REQUIRED"),
        parliament: &["DUPLICATE_SID"],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "Two statements of a service or resource control policy share the same `Sid`.",
        why: "AWS Organizations requires statement ids to be unique within an SCP or an RCP and \
              refuses to create or update a policy that repeats one.",
        fix: "Give each statement a distinct `Sid`, or remove the `Sid` of one of them.",
        applies: ORGANIZATIONS,
    },
    Check {
        id: "IAM1016",
        name: "unsupported-sid-characters",
        access_analyzer: Some("UNSUPPORTED_SID"),
        parliament: &["INVALID_SID"],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A `Sid` of an identity policy has characters other than ASCII letters and \
                  digits.",
        why: "IAM limits statement ids to `A-Z`, `a-z` and `0-9`: spaces, hyphens, underscores \
              or dots make IAM reject the policy (some services accept them in their own \
              resource policies, IAM does not).",
        fix: "Rewrite the id in letters and digits only, for example `Allow-S3 read` → \
              `AllowS3Read`.",
        applies: IDENTITY,
    },
    Check {
        id: "IAM1017",
        name: "empty-sid",
        access_analyzer: Some("EMPTY_SID_VALUE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary: "A statement has an empty `Sid`.",
        why: "An empty id identifies nothing and only adds noise; it is usually a left-over of a \
              template.",
        fix: "Give the statement a meaningful `Sid` or remove the element.",
        applies: ALL,
    },
    // ---- Principals --------------------------------------------------------------------------
    Check {
        id: "IAM1020",
        name: "principal-in-identity-policy",
        access_analyzer: Some("UNSUPPORTED_PRINCIPAL"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "An identity policy statement has `Principal` or `NotPrincipal`.",
        why: "An identity-based policy applies to the user, group or role it is attached to: it \
              has no principal to name, and IAM rejects the element. A principal in such a \
              policy often means a resource policy was pasted in the wrong place.",
        fix: "Remove `Principal`/`NotPrincipal`. If the intent is to let another principal act, \
              put the statement in the resource's policy (or the role's trust policy) instead.",
        applies: IDENTITY,
    },
    Check {
        id: "IAM1021",
        name: "invalid-principal-format",
        access_analyzer: Some("INVALID_PRINCIPAL_FORMAT"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "`Principal` is neither `\"*\"` nor a mapping of principal types.",
        why: "AWS accepts `\"Principal\": \"*\"` or an object keyed by principal type (`AWS`, \
              `Service`, `Federated`, `CanonicalUser`). A bare ARN string or a list is rejected.",
        fix: "Wrap the value by type, for example \
              `\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/Reader\"}`.",
        applies: ALL,
    },
    Check {
        id: "IAM1022",
        name: "invalid-principal-key",
        access_analyzer: Some("INVALID_PRINCIPAL_KEY"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A principal mapping uses a key other than `AWS`, `Service`, `Federated` or \
                  `CanonicalUser`.",
        why: "The principal type keys are fixed and case-sensitive: `Aws`, `service` or `Users` \
              make AWS reject the policy.",
        fix: "Use one of `AWS`, `Service`, `Federated` or `CanonicalUser`, spelled exactly.",
        applies: ALL,
    },
    Check {
        id: "IAM1023",
        name: "wildcard-in-principal-value",
        access_analyzer: Some("UNSUPPORTED_WILDCARD_IN_PRINCIPAL"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A principal value contains `*` or `?` as part of a name.",
        why: "Principals are matched exactly: `*` is only accepted as the whole value (everyone) \
              in `\"Principal\": \"*\"` or `{\"AWS\": \"*\"}`. A pattern such as \
              `arn:aws:iam::111122223333:role/app-*` or `*.amazonaws.com` is rejected. Patterns \
              over principals belong in conditions.",
        fix: "Name principals exactly, or use `\"AWS\": \"*\"` with a condition such as \
              `ArnLike` on `aws:PrincipalArn` (`arn:aws:iam::111122223333:role/app-*`).",
        applies: ALL,
    },
    Check {
        id: "IAM1024",
        name: "invalid-service-principal",
        access_analyzer: Some("INVALID_SERVICE_PRINCIPAL_FORMAT"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A `Service` principal is not of the form `<service>.amazonaws.com`.",
        why: "Service principals are DNS-like names owned by AWS, such as \
              `lambda.amazonaws.com` or `logs.eu-west-1.amazonaws.com`. An ARN, a bare service \
              prefix (`lambda`) or an upper-case name is not a service principal and AWS \
              rejects the policy or never matches it.",
        fix: "Use the service principal the service documents, for example \
              `\"Service\": \"ecs-tasks.amazonaws.com\"`.",
        applies: ALL,
    },
    Check {
        id: "IAM1025",
        name: "role-unique-id-principal",
        access_analyzer: Some("INVALID_ROLE_REFERENCE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "A principal is a role's unique id (`AROA…`) rather than its ARN.",
        why: "When a role named in a policy is deleted, AWS rewrites the principal to the role's \
              unique id. Recreating a role with the same name does not restore access: the id \
              belongs to the deleted role and will never match again. A unique id in a policy \
              therefore usually marks dead access.",
        fix: "Replace the id with the current role ARN, \
              `arn:aws:iam::111122223333:role/RoleName`, or remove the value.",
        applies: ALL,
    },
    Check {
        id: "IAM1026",
        name: "user-unique-id-principal",
        access_analyzer: Some("INVALID_USER_REFERENCE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "A principal is a user's unique id (`AIDA…`) rather than its ARN.",
        why: "AWS shows a user's unique id in place of the ARN once the user is deleted; a \
              recreated user with the same name gets a new id and is not matched. The value \
              grants nothing and hides the intent of the policy.",
        fix: "Replace the id with the user's ARN, \
              `arn:aws:iam::111122223333:user/UserName`, or remove the value.",
        applies: ALL,
    },
    Check {
        id: "IAM1027",
        name: "unknown-aws-principal",
        access_analyzer: None,
        parliament: &["UNKNOWN_PRINCIPAL"],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::Medium,
        summary: "An `AWS` principal is not an account id, `*`, an IAM or STS principal ARN, or \
                  a unique id.",
        why: "The `AWS` key accepts 12-digit account ids, `arn:…:iam::<account>:root`, user and \
              role ARNs, STS assumed-role and federated-user ARNs, and `*`. Anything else (an \
              account alias, a group ARN, an S3 ARN, a truncated id) is rejected by AWS or \
              never matches: IAM groups in particular cannot be principals.",
        fix: "Name the account or identity by its id or ARN, for example `111122223333` or \
              `arn:aws:iam::111122223333:role/Reader`. For a group, grant its members through \
              an identity policy or a role instead.",
        applies: ALL,
    },
    Check {
        id: "IAM1028",
        name: "unknown-federation-source",
        access_analyzer: None,
        parliament: &["UNKNOWN_FEDERATION_SOURCE"],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::Medium,
        summary: "A `Federated` principal is neither a web identity provider AWS supports nor a \
                  SAML or OIDC provider ARN.",
        why: "Federated principals are `cognito-identity.amazonaws.com`, the built-in web \
              identity providers (`accounts.google.com`, `graph.facebook.com`, \
              `www.amazon.com`), or the ARN of an IAM SAML or OIDC provider. Any other value \
              (a provider's URL, a bare host name of a custom OIDC provider) matches no \
              federated caller.",
        fix: "Use the provider ARN, for example \
              `arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com` or \
              `arn:aws:iam::111122223333:saml-provider/Corp`.",
        applies: ALL,
    },
    Check {
        id: "IAM1029",
        name: "allow-with-not-principal",
        access_analyzer: Some("ALLOW_WITH_NOT_PRINCIPAL"),
        parliament: &["NOTPRINCIPAL_WITH_ALLOW"],
        cloudsplaining: None,
        kind: FindingType::SecurityWarning,
        severity: Severity::High,
        summary: "An `Allow` statement uses `NotPrincipal`.",
        why: "`Allow` with `NotPrincipal` grants access to every principal except the ones \
              listed, including principals of other accounts and anonymous callers. It is \
              almost never what was meant, and a short exclusion list hides a public grant.",
        fix: "Name who is allowed in `Principal` instead. To carve out exceptions from a broad \
              rule, use a `Deny` statement with a condition on `aws:PrincipalArn`.",
        applies: ALL,
    },
    // ---- Empty elements ----------------------------------------------------------------------
    Check {
        id: "IAM1030",
        name: "empty-action-list",
        access_analyzer: Some("EMPTY_ARRAY_ACTION"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary: "`Action` or `NotAction` is an empty list.",
        why: "A statement with no actions matches no request (or, with `NotAction`, every \
              request): it is dead or surprising either way, and often the result of a template \
              that produced no values.",
        fix: "List the actions the statement is meant for, or remove the statement.",
        applies: ALL,
    },
    Check {
        id: "IAM1031",
        name: "empty-resource-list",
        access_analyzer: Some("EMPTY_ARRAY_RESOURCE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary: "`Resource` or `NotResource` is an empty list.",
        why: "A statement with no resources applies to nothing (or, with `NotResource`, to \
              everything); it is either dead or much wider than it looks.",
        fix: "List the resource ARNs, or remove the statement.",
        applies: ALL,
    },
    Check {
        id: "IAM1032",
        name: "empty-principal-list",
        access_analyzer: Some("EMPTY_ARRAY_PRINCIPAL"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary: "A principal type maps to an empty list.",
        why: "An empty principal list names nobody: the statement matches no caller, which is \
              usually a template that produced no values.",
        fix: "List the principals, or remove the empty key.",
        applies: ALL,
    },
    Check {
        id: "IAM1033",
        name: "empty-principal-object",
        access_analyzer: Some("EMPTY_OBJECT_PRINCIPAL"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary: "`Principal` or `NotPrincipal` is an empty object.",
        why: "An empty principal object names nobody: the statement matches no caller (or, with \
              `NotPrincipal`, every caller).",
        fix: "Name the principals by type, or remove the statement.",
        applies: ALL,
    },
    // ---- Policy variables --------------------------------------------------------------------
    Check {
        id: "IAM1040",
        name: "variable-missing-brace",
        access_analyzer: Some("MISSING_BRACE_IN_VARIABLE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A policy variable starts with `${` but is not closed with `}`.",
        why: "AWS reads `${` as the start of a variable and rejects a policy whose variable is \
              not closed.",
        fix: "Close the variable, for example `arn:aws:s3:::bucket/${aws:username}/*`.",
        applies: ALL,
    },
    Check {
        id: "IAM1041",
        name: "variable-unsupported-symbol",
        access_analyzer: Some("UNSUPPORTED_SYMBOL_IN_VARIABLE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A policy variable name contains a character that cannot appear in a key name.",
        why: "A variable names a condition key, such as `${aws:username}` or \
              `${aws:PrincipalTag/team}`; the only other forms are the escapes `${*}`, `${?}` \
              and `${$}`. Other symbols (`${aws:user name!}`, `${aws:*}`) are rejected.",
        fix: "Write the key name exactly, using only letters, digits and `: / - _ . @ + =`, or \
              one of the escapes `${*}`, `${?}`, `${$}`.",
        applies: ALL,
    },
    Check {
        id: "IAM1042",
        name: "variable-default-not-quoted",
        access_analyzer: Some("MISSING_QUOTE_IN_VARIABLE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "The default value of a policy variable is not wrapped in single quotes.",
        why: "A variable's default is written after a comma in single quotes: \
              `${aws:PrincipalTag/team, 'none'}`. Without the quotes AWS rejects the variable.",
        fix: "Quote the default value with single quotes, for example \
              `${aws:username, 'anonymous'}`.",
        applies: ALL,
    },
    Check {
        id: "IAM1043",
        name: "variable-contains-space",
        access_analyzer: Some("UNSUPPORTED_SPACE_IN_VARIABLE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "The name of a policy variable contains white space.",
        why: "Key names in variables cannot contain spaces: `${ aws:username}` or \
              `${aws:PrincipalTag/cost center}` is rejected. Only the part after the comma \
              (the default value) may be separated by a space.",
        fix: "Remove the spaces from the key name, for example `${aws:username}`.",
        applies: ALL,
    },
    Check {
        id: "IAM1044",
        name: "empty-variable",
        access_analyzer: Some("EMPTY_VARIABLE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A policy variable is empty (`${}`).",
        why: "`${}` names no key; AWS rejects the policy.",
        fix: "Name the key, for example `${aws:username}`, or remove the `${}`. For a literal \
              `$`, write `${$}`.",
        applies: ALL,
    },
    Check {
        id: "IAM1045",
        name: "variable-in-unsupported-element",
        access_analyzer: Some("VARIABLE_UNSUPPORTED_IN_ELEMENT"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A policy variable is used in `Action` or `Principal`, where variables are not \
                  supported.",
        why: "Variables are replaced only in `Resource`/`NotResource` values and in condition \
              values. In `Action`, `NotAction`, `Principal` or `NotPrincipal` the `${...}` text \
              is not substituted, so the value never matches what was intended.",
        fix: "Name actions and principals literally. To narrow by the caller, put the variable \
              in `Resource` or compare a condition key, for example `StringEquals` \
              `aws:PrincipalTag/team` with `${aws:ResourceTag/team}`.",
        applies: ALL,
    },
    Check {
        id: "IAM1046",
        name: "variable-in-old-version",
        access_analyzer: Some("VARIABLE_UNSUPPORTED_IN_VERSION"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A policy variable is used in a policy written in the 2008-10-17 language.",
        why: "Policy variables exist only in the 2012-10-17 language: with \
              `\"Version\": \"2008-10-17\"` the `${...}` text is compared literally, so the \
              resource or condition never matches what was intended.",
        fix: "Set `\"Version\": \"2012-10-17\"`.",
        applies: ALL,
    },
    // ---- Service control policies ------------------------------------------------------------
    Check {
        id: "IAM1050",
        name: "scp-principal",
        access_analyzer: Some("SCP_SYNTAX_ERROR_PRINCIPAL"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A service control policy statement has `Principal` or `NotPrincipal`.",
        why: "An SCP applies to the principals of the accounts it is attached to; even with the \
              full IAM language SCPs gained in 2025, `Principal` and `NotPrincipal` remain \
              unsupported and AWS Organizations rejects the policy.",
        fix: "Remove the element. To exempt or target principals, use a condition on \
              `aws:PrincipalArn`, for example `ArnNotLike` \
              `arn:aws:iam::*:role/BreakGlass`.",
        applies: SCP,
    },
    Check {
        id: "IAM1051",
        name: "scp-action-wildcard-position",
        access_analyzer: Some("SCP_SYNTAX_ERROR_ACTION_WILDCARD"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "An SCP action has a wildcard before its end, in a partition where SCPs may \
                  still have the original syntax limits.",
        why: "SCPs originally accepted `*` and `?` in `Action`/`NotAction` only as the whole \
              value or at the end (`s3:Get*`). Since September 2025 AWS documents full IAM \
              language support for SCPs, including wildcards anywhere, in the commercial and \
              GovCloud (US) partitions, so the check only reports SCPs whose ARNs place them in \
              another partition (China, ISO, European Sovereign Cloud), where that support has \
              not been announced and the original limit must be assumed.",
        fix: "Move the wildcard to the end (`ec2:*Tags` → list the actions, or use \
              `ec2:CreateTags`, `ec2:DeleteTags`), or confirm that the partition accepts the \
              full SCP language.",
        applies: SCP,
    },
    Check {
        id: "IAM1052",
        name: "scp-allow-condition",
        access_analyzer: Some("SCP_SYNTAX_ERROR_ALLOW_CONDITION"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "An SCP `Allow` statement has a `Condition`, in a partition where SCPs may \
                  still have the original syntax limits.",
        why: "SCPs originally accepted `Condition` only in `Deny` statements. AWS lifted the \
              limit in September 2025 for the commercial and GovCloud (US) partitions; the check \
              only reports SCPs whose ARNs place them in another partition, where AWS \
              Organizations may still reject the policy.",
        fix: "Express the condition as a `Deny` statement (for example `Deny` with \
              `StringNotEquals` on `aws:RequestedRegion`), or confirm that the partition \
              accepts the full SCP language.",
        applies: SCP,
    },
    Check {
        id: "IAM1053",
        name: "scp-allow-not-action",
        access_analyzer: Some("SCP_SYNTAX_ERROR_ALLOW_NOT_ACTION"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "An SCP `Allow` statement uses `NotAction`, in a partition where SCPs may still \
                  have the original syntax limits.",
        why: "SCPs originally accepted `NotAction` only in `Deny` statements. AWS lifted the \
              limit in September 2025 for the commercial and GovCloud (US) partitions; the check \
              only reports SCPs whose ARNs place them in another partition.",
        fix: "List the allowed actions in `Action`, or deny the excluded ones with a `Deny` + \
              `Action` statement.",
        applies: SCP,
    },
    Check {
        id: "IAM1054",
        name: "scp-allow-resource",
        access_analyzer: Some("SCP_SYNTAX_ERROR_ALLOW_RESOURCE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "An SCP `Allow` statement names resources other than `*`, in a partition where \
                  SCPs may still have the original syntax limits.",
        why: "SCPs originally required `\"Resource\": \"*\"` in `Allow` statements. AWS lifted \
              the limit in September 2025 for the commercial and GovCloud (US) partitions; the \
              check only reports SCPs whose ARNs place them in another partition.",
        fix: "Use `\"Resource\": \"*\"` in the `Allow` statement and restrict resources with a \
              `Deny` statement that names the resources to protect.",
        applies: SCP,
    },
    Check {
        id: "IAM1055",
        name: "scp-not-resource",
        access_analyzer: Some("SCP_SYNTAX_ERROR_NOT_RESOURCE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "An SCP uses `NotResource`, in a partition where SCPs may still have the \
                  original syntax limits.",
        why: "SCPs originally did not accept `NotResource`. AWS added it for `Allow` and `Deny` \
              statements in September 2025 in the commercial and GovCloud (US) partitions; the \
              check only reports SCPs whose ARNs place them in another partition.",
        fix: "Use `Resource` with the ARNs the statement covers, or a condition on \
              `aws:ResourceAccount` / `aws:ResourceTag`.",
        applies: SCP,
    },
    // ---- Size quotas -------------------------------------------------------------------------
    Check {
        id: "IAM1056",
        name: "organizations-policy-too-large",
        access_analyzer: Some("POLICY_SIZE_EXCEEDS_SCP_QUOTA"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "The SCP or RCP is longer than the 5,120-character quota.",
        why: "AWS Organizations limits SCPs and RCPs to 5,120 characters and counts every \
              character, white space included. A longer policy cannot be created or updated, so \
              a change that grows it fails at deployment.",
        fix: "Remove indentation and line breaks outside strings, merge statements with the \
              same effect and conditions, use wildcards for action families, or split the \
              controls over several policies attached to the same target.",
        applies: ORGANIZATIONS,
    },
    Check {
        id: "IAM1057",
        name: "identity-policy-too-large",
        access_analyzer: Some("POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "The identity policy is longer than the 6,144-character quota of managed \
                  policies.",
        why: "IAM limits a managed policy to 6,144 characters, not counting white space; inline \
              policies share an aggregate quota per identity (2,048 characters for a user, \
              5,120 for a group, 10,240 for a role). A policy over the managed quota cannot be \
              a managed policy and fits inline only on a role with little else attached.",
        fix: "Split the policy into several managed policies by purpose, replace long action \
              lists with wildcards that cover only what is needed, and merge statements that \
              differ only in resources.",
        applies: IDENTITY,
    },
    // ---- Resource control policies -----------------------------------------------------------
    Check {
        id: "IAM1060",
        name: "rcp-unsupported-action",
        access_analyzer: Some("UNSUPPORTED_ACTION_IN_POLICY"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "An RCP names an action of a service that resource control policies do not \
                  support.",
        why: "RCPs apply only to the resources of a documented list of services (Amazon S3, AWS \
              STS, AWS KMS, Amazon SQS, AWS Secrets Manager, Amazon ECR, Amazon OpenSearch \
              Serverless, Amazon Cognito user pools, Amazon CloudWatch Logs, Amazon DynamoDB). \
              AWS rejects an RCP that names an action of another service, and a guardrail \
              written for one would not apply anyway.",
        fix: "Remove the action, or enforce the control for that service with an SCP or the \
              service's own resource policy.",
        applies: RCP,
    },
    Check {
        id: "IAM1061",
        name: "rcp-principal-not-wildcard",
        access_analyzer: None,
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "An RCP statement names a principal other than `\"*\"`, or uses `NotPrincipal`.",
        why: "RCPs accept only `\"Principal\": \"*\"`: the policy applies to every caller and \
              is narrowed with conditions. Specific principals and `NotPrincipal` are not \
              supported and AWS Organizations rejects the policy.",
        fix: "Write `\"Principal\": \"*\"` and exempt callers with conditions, for example \
              `StringNotEqualsIfExists` on `aws:PrincipalOrgID` or `BoolIfExists` \
              `aws:PrincipalIsAWSService`.",
        applies: RCP,
    },
    Check {
        id: "IAM1062",
        name: "rcp-allow-statement",
        access_analyzer: None,
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "An RCP statement has `\"Effect\": \"Allow\"`.",
        why: "Only the AWS-managed `RCPFullAWSAccess` policy may allow; customer RCPs can only \
              deny. AWS Organizations rejects a customer RCP with an `Allow` statement, and an \
              RCP could not grant access anyway.",
        fix: "Rewrite the statement as a `Deny` with the complementary condition, for example \
              deny when `aws:PrincipalOrgID` is not your organisation.",
        applies: RCP,
    },
    Check {
        id: "IAM1063",
        name: "rcp-not-action",
        access_analyzer: None,
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "An RCP statement uses `NotAction`.",
        why: "The RCP language has `Action` but not `NotAction`; AWS Organizations rejects the \
              policy.",
        fix: "List the denied actions in `Action` (wildcards such as `s3:*` are accepted).",
        applies: RCP,
    },
];

/// The partitions for which AWS announced full IAM language support in SCPs (September 2025).
const FULL_SCP_LANGUAGE_PARTITIONS: [&str; 2] = ["aws", "aws-us-gov"];

/// The services whose resources RCPs apply to (AWS Organizations, "Resource control policies":
/// list of AWS services that support RCPs).
const RCP_SERVICES: [&str; 10] = [
    "s3",
    "sts",
    "kms",
    "sqs",
    "secretsmanager",
    "ecr",
    "aoss",
    "cognito-idp",
    "logs",
    "dynamodb",
];

/// Web identity providers that can appear as a `Federated` principal without an ARN.
const WEB_IDENTITY_PROVIDERS: [&str; 4] = [
    "cognito-identity.amazonaws.com",
    "accounts.google.com",
    "graph.facebook.com",
    "www.amazon.com",
];

/// DNS suffixes of AWS service principals across partitions.
const SERVICE_PRINCIPAL_SUFFIXES: [&str; 8] = [
    ".amazonaws.com",
    ".amazonaws.com.cn",
    ".amazon.com",
    ".c2s.ic.gov",
    ".sc2s.sgov.gov",
    ".cloud.adc-e.uk",
    ".csp.hci.ic.gov",
    ".amazonaws.eu",
];

/// Characters allowed in the key name of a policy variable (besides ASCII letters and digits).
const VARIABLE_NAME_SYMBOLS: &[char] = &[':', '/', '-', '_', '.', '@', '+', '='];

/// Organizations quota for SCPs and RCPs, in characters (white space counts).
const ORGANIZATIONS_POLICY_QUOTA: usize = 5_120;

/// IAM quota for managed policies, in characters (white space does not count).
const MANAGED_POLICY_QUOTA: usize = 6_144;

/// Run the checks of this module.
pub(super) fn run(cx: &Ctx<'_>, out: &mut Out<'_>) {
    parser_issues(cx, out);
    version(cx, out);
    let limited_partition = if cx.policy_type == PolicyType::Scp {
        limited_scp_partition(cx)
    } else {
        None
    };
    for st in &cx.policy.statements {
        required_elements(cx, st, out);
        sid(st, out);
        principal(cx, st, out);
        variables(cx, st, out);
        if let Some(partition) = &limited_partition {
            scp_limits(st, partition, out);
        }
        rcp(cx, st, out);
    }
    size(cx, out);
}

/// Report the reader's structural issues under the checks that own their codes.
fn parser_issues(cx: &Ctx<'_>, out: &mut Out<'_>) {
    let organizations = matches!(cx.policy_type, PolicyType::Scp | PolicyType::Rcp);
    for issue in &cx.parsed.issues {
        let code = match issue.code {
            // The condition checks own this code and report it themselves.
            "INVALID_CONDITION_OPERATOR" => continue,
            "UNIQUE_SIDS_RECOMMENDED" if organizations => "UNIQUE_SIDS_REQUIRED",
            code => code,
        };
        let message = match &issue.help {
            Some(help) => format!("{}; {help}", issue.message),
            None => issue.message.clone(),
        };
        out.push(code, issue.span, message);
    }
}

/// `Version`: missing, or the 2008 language.
fn version(cx: &Ctx<'_>, out: &mut Out<'_>) {
    let Some(entries) = cx.root.as_map() else {
        return;
    };
    if is_unresolved(cx.root) {
        return;
    }
    match &cx.policy.version {
        Some(v) if v.value == "2008-10-17" => out.push(
            "IAM1006",
            v.span,
            "`Version` `2008-10-17` is the old policy language, without policy variables; use \
             `2012-10-17`",
        ),
        Some(_) => {}
        None if entries.iter().any(|e| e.key == "Version") => {}
        None => {
            let vars = cx
                .policy
                .statements
                .iter()
                .flat_map(variable_sites)
                .filter(|(text, _)| text.contains("${"))
                .count();
            let message = if vars > 0 {
                format!(
                    "the policy has no `Version`, so AWS reads it with the 2008-10-17 language \
                     and its {vars} value(s) containing `${{...}}` are compared literally; add \
                     `\"Version\": \"2012-10-17\"`"
                )
            } else {
                "the policy has no `Version`; add `\"Version\": \"2012-10-17\"`".to_owned()
            };
            out.push("IAM1005", cx.root.span, message);
        }
    }
}

/// `Resource` and `Principal` that the policy type requires or forbids.
fn required_elements(cx: &Ctx<'_>, st: &Statement, out: &mut Out<'_>) {
    if st.resource.is_none() {
        out.push(
            "IAM1011",
            st.span,
            format!(
                "statement {} has no `Resource` or `NotResource`; {} require one",
                statement_name(st),
                type_label(cx.policy_type)
            ),
        );
    }
    if st.principal.is_none() {
        out.push(
            "IAM1012",
            st.span,
            format!(
                "statement {} has no `Principal` or `NotPrincipal`; {} require one",
                statement_name(st),
                type_label(cx.policy_type)
            ),
        );
    }
}

/// `Sid` characters and emptiness.
fn sid(st: &Statement, out: &mut Out<'_>) {
    let Some(sid) = &st.sid else {
        return;
    };
    if sid.value.is_empty() {
        out.push("IAM1017", sid.span, "`Sid` is empty");
        return;
    }
    let bad: Vec<char> = sid
        .value
        .chars()
        .filter(|c| !c.is_ascii_alphanumeric())
        .fold(Vec::new(), |mut acc, c| {
            if !acc.contains(&c) {
                acc.push(c);
            }
            acc
        });
    if !bad.is_empty() {
        let shown: Vec<String> = bad.iter().map(|c| format!("{c:?}")).collect();
        out.push(
            "IAM1016",
            sid.span,
            format!(
                "`Sid` `{}` contains {}; IAM accepts only ASCII letters and digits",
                sid.value,
                shown.join(", ")
            ),
        );
    }
}

/// Principal element checks.
fn principal(cx: &Ctx<'_>, st: &Statement, out: &mut Out<'_>) {
    let Some(block) = &st.principal else {
        return;
    };
    let key = if block.negated {
        "NotPrincipal"
    } else {
        "Principal"
    };
    out.push(
        "IAM1020",
        block.key_span,
        format!("`{key}` is not supported in identity-based policies"),
    );
    out.push(
        "IAM1050",
        block.key_span,
        format!("`{key}` is not supported in service control policies"),
    );
    if block.negated && st.is_allow() {
        out.push(
            "IAM1029",
            block.key_span,
            format!(
                "statement {} allows every principal except those in `NotPrincipal`, anonymous \
                 callers included",
                statement_name(st)
            ),
        );
    }
    if cx.policy_type == PolicyType::Rcp {
        rcp_principal(block, out);
    }
    let PrincipalValue::Map(entries) = &block.value else {
        return;
    };
    for entry in entries {
        for (text, span) in entry
            .values
            .iter()
            .filter_map(|v| v.known().map(|t| (t, v.span())))
        {
            principal_value(&entry.kind, text, span, out);
        }
    }
}

/// RCPs: only `"Principal": "*"` (or the equivalent `{"AWS": "*"}`).
fn rcp_principal(block: &PrincipalBlock, out: &mut Out<'_>) {
    if block.negated {
        out.push(
            "IAM1061",
            block.key_span,
            "`NotPrincipal` is not supported in resource control policies; use \
             `\"Principal\": \"*\"` with conditions",
        );
        return;
    }
    let PrincipalValue::Map(entries) = &block.value else {
        return;
    };
    for entry in entries {
        for v in &entry.values {
            let Some(text) = v.known() else { continue };
            if entry.kind == PrincipalKind::Aws && text == "*" {
                continue;
            }
            out.push(
                "IAM1061",
                v.span(),
                format!(
                    "resource control policies accept only `\"Principal\": \"*\"`, found \
                     `{}` `{text}`; narrow the callers with conditions",
                    entry.kind.as_str()
                ),
            );
        }
    }
}

/// One known principal value under its type key.
fn principal_value(kind: &PrincipalKind, text: &str, span: Span, out: &mut Out<'_>) {
    let wildcard = text.contains(['*', '?']);
    if text.contains("${") {
        out.push(
            "IAM1045",
            span,
            format!("`{text}`: policy variables are not supported in principals"),
        );
        return;
    }
    match kind {
        PrincipalKind::Aws => {
            if text == "*" {
                return;
            }
            if wildcard {
                out.push(
                    "IAM1023",
                    span,
                    format!(
                        "`{text}`: wildcards are not supported in `AWS` principals except as the \
                         whole value `*`"
                    ),
                );
                return;
            }
            aws_principal(text, span, out);
        }
        PrincipalKind::Service => {
            if wildcard {
                out.push(
                    "IAM1023",
                    span,
                    format!("`{text}`: wildcards are not supported in `Service` principals"),
                );
            } else if !is_service_principal(text) {
                out.push(
                    "IAM1024",
                    span,
                    format!(
                        "`{text}` is not a service principal; expected the form \
                         `<service>.amazonaws.com`{}",
                        service_principal_hint(text)
                    ),
                );
            }
        }
        PrincipalKind::Federated => {
            if wildcard {
                out.push(
                    "IAM1023",
                    span,
                    format!("`{text}`: wildcards are not supported in `Federated` principals"),
                );
            } else if !is_federation_source(text) {
                out.push(
                    "IAM1028",
                    span,
                    format!(
                        "`{text}` is neither a supported web identity provider \
                         (`cognito-identity.amazonaws.com`, `accounts.google.com`, \
                         `graph.facebook.com`, `www.amazon.com`) nor a SAML or OIDC provider ARN"
                    ),
                );
            }
        }
        PrincipalKind::CanonicalUser => {
            if wildcard {
                out.push(
                    "IAM1023",
                    span,
                    format!("`{text}`: wildcards are not supported in `CanonicalUser` principals"),
                );
            }
        }
        PrincipalKind::Other(_) => {}
    }
}

/// An `AWS` principal value without wildcards or variables.
fn aws_principal(text: &str, span: Span, out: &mut Out<'_>) {
    match unique_id_kind(text) {
        Some(UniqueId::Role) => {
            out.push(
                "IAM1025",
                span,
                format!(
                    "`{text}` is a role's unique id, which AWS shows when the role was deleted; \
                     name the role by its ARN"
                ),
            );
            return;
        }
        Some(UniqueId::User) => {
            out.push(
                "IAM1026",
                span,
                format!(
                    "`{text}` is a user's unique id, which AWS shows when the user was deleted; \
                     name the user by its ARN"
                ),
            );
            return;
        }
        None => {}
    }
    if let Some(reason) = unknown_aws_principal(text) {
        out.push(
            "IAM1027",
            span,
            format!("`{text}` is not a valid `AWS` principal: {reason}"),
        );
    }
}

enum UniqueId {
    Role,
    User,
}

/// Whether `text` looks like a role (`AROA…`) or user (`AIDA…`) unique id.
fn unique_id_kind(text: &str) -> Option<UniqueId> {
    let shaped = (16..=32).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if !shaped {
        return None;
    }
    if text.starts_with("AROA") {
        Some(UniqueId::Role)
    } else if text.starts_with("AIDA") {
        Some(UniqueId::User)
    } else {
        None
    }
}

/// Why an `AWS` principal value (no wildcard, no variable, not a role/user unique id) is not a
/// form AWS accepts; `None` when it is one.
fn unknown_aws_principal(text: &str) -> Option<String> {
    if is_account_id(text) {
        return None;
    }
    if !text.starts_with("arn:") {
        return Some(if text.bytes().all(|b| b.is_ascii_digit()) {
            format!(
                "an account id has 12 digits, this has {} (a leading zero lost to a number \
                 conversion?)",
                text.len()
            )
        } else {
            "expected a 12-digit account id, an IAM or STS ARN, or `*`".to_owned()
        });
    }
    let arn = match Arn::parse(text) {
        Ok(arn) => arn,
        Err(e) => return Some(format!("malformed ARN ({e})")),
    };
    if !PARTITIONS.contains(&arn.partition) {
        return Some(format!("unknown partition `{}`", arn.partition));
    }
    if !arn.region.is_empty() {
        return Some(format!(
            "principal ARNs have no region, found `{}`",
            arn.region
        ));
    }
    if !is_account_id(arn.account) {
        return Some(format!("`{}` is not a 12-digit account id", arn.account));
    }
    let resource = arn.resource;
    let ok = match arn.service {
        "iam" => {
            if resource.starts_with("group/") {
                return Some("an IAM group cannot be a principal".to_owned());
            }
            resource == "root" || has_name(resource, "user/") || has_name(resource, "role/")
        }
        "sts" => has_name(resource, "assumed-role/") || has_name(resource, "federated-user/"),
        other => {
            return Some(format!(
                "`{other}` ARNs name resources, not principals; expected an `iam` or `sts` ARN"
            ))
        }
    };
    (!ok).then(|| {
        format!(
            "`{resource}` is not a principal; expected `root`, `user/…`, `role/…`, \
             `assumed-role/…` or `federated-user/…`"
        )
    })
}

/// Whether `resource` is `prefix` followed by a non-empty name.
fn has_name(resource: &str, prefix: &str) -> bool {
    resource
        .strip_prefix(prefix)
        .is_some_and(|rest| !rest.is_empty() && !rest.ends_with('/'))
}

/// Whether `text` has the shape of a service principal.
fn is_service_principal(text: &str) -> bool {
    SERVICE_PRINCIPAL_SUFFIXES.iter().any(|suffix| {
        text.strip_suffix(suffix).is_some_and(|name| {
            !name.is_empty()
                && name.split('.').all(|label| {
                    !label.is_empty()
                        && label
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                })
        })
    })
}

/// A suggestion for a value that is almost a service principal.
fn service_principal_hint(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    if lower != text && is_service_principal(&lower) {
        format!("; service principals are lower case: `{lower}`")
    } else if !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        format!(" (did you mean `{text}.amazonaws.com`?)")
    } else {
        String::new()
    }
}

/// Whether a `Federated` value is a supported web identity provider or a provider ARN.
fn is_federation_source(text: &str) -> bool {
    if WEB_IDENTITY_PROVIDERS.contains(&text) {
        return true;
    }
    Arn::parse(text).is_ok_and(|arn| {
        arn.service == "iam"
            && (has_name(arn.resource, "saml-provider/")
                || has_name(arn.resource, "oidc-provider/"))
    })
}

/// Policy variables: syntax where they are supported, placement where they are not, and the
/// policy version.
fn variables(cx: &Ctx<'_>, st: &Statement, out: &mut Out<'_>) {
    if let Some(block) = &st.action {
        let key = if block.negated { "NotAction" } else { "Action" };
        for (text, span) in block.known().filter(|(t, _)| t.contains("${")) {
            out.push(
                "IAM1045",
                span,
                format!("`{text}`: policy variables are not supported in `{key}`"),
            );
        }
    }
    let old = cx
        .policy
        .version
        .as_ref()
        .is_some_and(|v| v.value == "2008-10-17");
    for (text, span) in variable_sites(st) {
        if !text.contains("${") {
            continue;
        }
        if old {
            out.push(
                "IAM1046",
                span,
                format!(
                    "`{text}`: policy variables are not supported with `Version` \
                     `2008-10-17`; the text is compared literally"
                ),
            );
        }
        for problem in variable_problems(text) {
            let (id, message) = match problem {
                VarProblem::MissingBrace(var) => (
                    "IAM1040",
                    format!("`{text}`: the variable `{var}` is not closed with `}}`"),
                ),
                VarProblem::Empty => (
                    "IAM1044",
                    format!("`{text}`: an empty variable `${{}}` names no key"),
                ),
                VarProblem::Space(name) => (
                    "IAM1043",
                    format!("`{text}`: the variable name `{name}` contains white space"),
                ),
                VarProblem::Symbol(name, c) => (
                    "IAM1041",
                    format!(
                        "`{text}`: the variable name `{name}` contains the unsupported \
                         character {c:?}"
                    ),
                ),
                VarProblem::Unquoted(default) => (
                    "IAM1042",
                    format!(
                        "`{text}`: the default value `{default}` must be one string in single \
                         quotes, e.g. `'{}'`",
                        default.replace(['\'', '"'], "")
                    ),
                ),
            };
            out.push(id, span, message);
        }
    }
}

/// The values of a statement where policy variables are substituted: `Resource`/`NotResource`
/// values and string condition values.
fn variable_sites(st: &Statement) -> Vec<(&str, Span)> {
    let mut sites: Vec<(&str, Span)> = st
        .resource
        .as_ref()
        .map(|b| b.known().collect())
        .unwrap_or_default();
    if let Some(cond) = &st.condition {
        for clause in &cond.clauses {
            for entry in &clause.entries {
                for v in &entry.values {
                    if let ConditionValue::String(s) = &v.value {
                        sites.push((s, v.span));
                    }
                }
            }
        }
    }
    sites
}

/// A problem with one `${...}` in a value.
#[derive(Debug, PartialEq, Eq)]
enum VarProblem {
    /// `${` without a closing `}` (the text from `${`).
    MissingBrace(String),
    /// `${}`.
    Empty,
    /// White space in the key name.
    Space(String),
    /// A character that cannot be in a key name.
    Symbol(String, char),
    /// A default value not in single quotes.
    Unquoted(String),
}

/// The problems with the policy variables in `text`.
fn variable_problems(text: &str) -> Vec<VarProblem> {
    let mut problems = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let after = rest.get(start + 2..).unwrap_or_default();
        let Some(close) = after.find('}') else {
            problems.push(VarProblem::MissingBrace(shorten(
                rest.get(start..).unwrap_or_default(),
            )));
            break;
        };
        let content = after.get(..close).unwrap_or_default();
        if let Some(inner) = content.find("${") {
            // Another variable starts before this one is closed.
            problems.push(VarProblem::MissingBrace(shorten(
                rest.get(start..start + 2 + inner).unwrap_or_default(),
            )));
            rest = after.get(inner..).unwrap_or_default();
            continue;
        }
        if let Some(problem) = variable_content_problem(content) {
            problems.push(problem);
        }
        rest = after.get(close + 1..).unwrap_or_default();
    }
    problems
}

/// The problem with the inside of one `${...}`, if any.
fn variable_content_problem(content: &str) -> Option<VarProblem> {
    let (name, default) = match content.split_once(',') {
        Some((name, default)) => (name, Some(default)),
        None => (content, None),
    };
    if name.trim().is_empty() {
        return Some(VarProblem::Empty);
    }
    if name.chars().any(char::is_whitespace) {
        return Some(VarProblem::Space(name.to_owned()));
    }
    if !matches!(name, "*" | "?" | "$") {
        if let Some(c) = name
            .chars()
            .find(|c| !c.is_ascii_alphanumeric() && !VARIABLE_NAME_SYMBOLS.contains(c))
        {
            return Some(VarProblem::Symbol(name.to_owned(), c));
        }
    }
    let default = default?.trim();
    let quoted = default.len() >= 2
        && default.starts_with('\'')
        && default.ends_with('\'')
        && !default
            .get(1..default.len() - 1)
            .unwrap_or_default()
            .contains('\'');
    (!quoted).then(|| VarProblem::Unquoted(default.to_owned()))
}

/// At most 40 characters of `s`, for messages.
fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}

/// The historic SCP syntax limits, reported only for SCPs placed (by the ARNs they name) in a
/// partition where AWS has not announced the full IAM language for SCPs.
fn scp_limits(st: &Statement, partition: &str, out: &mut Out<'_>) {
    let why = format!(
        "the policy names `{partition}` ARNs, a partition where AWS has not announced full IAM \
         language support for SCPs"
    );
    if let Some(block) = &st.action {
        let key = if block.negated { "NotAction" } else { "Action" };
        for (text, span) in block.known() {
            if wildcard_before_end(text) {
                out.push(
                    "IAM1051",
                    span,
                    format!(
                        "`{text}`: SCP `{key}` values may have a wildcard only at the end; {why}"
                    ),
                );
            }
        }
        if block.negated && st.is_allow() {
            out.push(
                "IAM1053",
                block.key_span,
                format!("SCP `Allow` statements do not support `NotAction`; {why}"),
            );
        }
    }
    if let Some(block) = &st.resource {
        if block.negated {
            out.push(
                "IAM1055",
                block.key_span,
                format!("SCPs do not support `NotResource`; {why}"),
            );
        } else if st.is_allow() {
            for (text, span) in block.known().filter(|(t, _)| *t != "*") {
                out.push(
                    "IAM1054",
                    span,
                    format!(
                        "`{text}`: SCP `Allow` statements accept only `\"Resource\": \"*\"`; \
                         {why}"
                    ),
                );
            }
        }
    }
    if st.is_allow() {
        if let Some(cond) = st.condition.as_ref().filter(|c| !c.is_empty()) {
            out.push(
                "IAM1052",
                cond.key_span,
                format!("SCP `Allow` statements do not support `Condition`; {why}"),
            );
        }
    }
}

/// Whether a `*` or `?` occurs before the last character of an action value.
fn wildcard_before_end(text: &str) -> bool {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if (c == '*' || c == '?') && chars.peek().is_some() {
            return true;
        }
    }
    false
}

/// The first partition named by an ARN in the policy for which AWS has not announced full IAM
/// language support in SCPs.
fn limited_scp_partition(cx: &Ctx<'_>) -> Option<String> {
    cx.policy
        .statements
        .iter()
        .flat_map(variable_sites)
        .filter_map(|(text, _)| {
            let rest = text.strip_prefix("arn:")?;
            let partition = rest.split(':').next()?;
            let literal = !partition.is_empty() && !partition.contains(['*', '?', '$']);
            (literal && !FULL_SCP_LANGUAGE_PARTITIONS.contains(&partition))
                .then(|| partition.to_owned())
        })
        .next()
}

/// RCP: `Allow`, `NotAction` and actions of unsupported services.
fn rcp(cx: &Ctx<'_>, st: &Statement, out: &mut Out<'_>) {
    if cx.policy_type != PolicyType::Rcp {
        return;
    }
    if st.is_allow() {
        out.push(
            "IAM1062",
            st.effect.span,
            format!(
                "statement {} allows; customer resource control policies can only deny",
                statement_name(st)
            ),
        );
    }
    let Some(block) = &st.action else {
        return;
    };
    if block.negated {
        out.push(
            "IAM1063",
            block.key_span,
            "`NotAction` is not supported in resource control policies",
        );
    }
    for (text, span) in block.known() {
        if let Some(service) = rcp_unsupported_service(text) {
            out.push(
                "IAM1060",
                span,
                format!(
                    "`{text}`: resource control policies do not support service `{service}`; \
                     supported services are {}",
                    RCP_SERVICES.join(", ")
                ),
            );
        }
    }
}

/// The service of an action pattern that no RCP-supported service matches.
fn rcp_unsupported_service(action: &str) -> Option<&str> {
    let (service, _) = action.split_once(':')?;
    if service.contains("${") {
        return None;
    }
    let supported = if service.contains(['*', '?']) {
        RCP_SERVICES
            .iter()
            .any(|s| glob_match(service, s, CaseSensitivity::AsciiInsensitive))
    } else {
        RCP_SERVICES.iter().any(|s| s.eq_ignore_ascii_case(service))
    };
    (!supported && !service.is_empty()).then_some(service)
}

/// Size quotas.
fn size(cx: &Ctx<'_>, out: &mut Out<'_>) {
    match cx.policy_type {
        PolicyType::Scp | PolicyType::Rcp => {
            let slice = cx
                .text
                .get(cx.root.span.start as usize..cx.root.span.end as usize)
                .unwrap_or_default();
            // A standalone JSON document is submitted as written; a policy embedded in a
            // template is serialised by the deployment tool, so count its compact form.
            let standalone = slice.trim_start().starts_with('{') && slice.trim() == cx.text.trim();
            let (count, how) = if standalone {
                (slice.trim().chars().count(), "as written")
            } else {
                (json_len(cx.root, true), "in compact JSON form")
            };
            if count > ORGANIZATIONS_POLICY_QUOTA {
                let kind = if cx.policy_type == PolicyType::Scp {
                    "SCP"
                } else {
                    "RCP"
                };
                out.push(
                    "IAM1056",
                    cx.root.span,
                    format!(
                        "the {kind} has {} characters {how}, over the {}-character quota \
                         (white space counts)",
                        thousands(count),
                        thousands(ORGANIZATIONS_POLICY_QUOTA)
                    ),
                );
            }
        }
        PolicyType::Identity => {
            let count = json_len(cx.root, false);
            if count > MANAGED_POLICY_QUOTA {
                out.push(
                    "IAM1057",
                    cx.root.span,
                    format!(
                        "the policy has {} characters not counting white space, over the \
                         {}-character quota of managed policies (inline policies share 2,048 \
                         characters per user, 5,120 per group, 10,240 per role)",
                        thousands(count),
                        thousands(MANAGED_POLICY_QUOTA)
                    ),
                );
            }
        }
        PolicyType::Resource | PolicyType::RoleTrust => {}
    }
}

/// The length in characters of `node` written as compact JSON; with `whitespace` false, white
/// space inside strings is not counted either. Unresolved template values count as `""` (the
/// least they can be), so the result never overstates the size.
fn json_len(node: &Node, whitespace: bool) -> usize {
    if is_unresolved(node) {
        return 2;
    }
    match &node.value {
        Value::Null | Value::Bool(true) => 4,
        Value::Bool(false) => 5,
        Value::Number(n) => n.chars().count(),
        Value::String(s) => string_len(s, whitespace),
        Value::Seq(items) => {
            2 + items.len().saturating_sub(1)
                + items.iter().map(|i| json_len(i, whitespace)).sum::<usize>()
        }
        Value::Map(entries) => {
            2 + entries.len().saturating_sub(1)
                + entries
                    .iter()
                    .map(|e| string_len(&e.key, whitespace) + 1 + json_len(&e.value, whitespace))
                    .sum::<usize>()
        }
    }
}

/// The length of `s` as a JSON string literal, quotes and escapes included.
fn string_len(s: &str, whitespace: bool) -> usize {
    2 + s
        .chars()
        .map(|c| match c {
            '"' | '\\' | '\n' | '\r' | '\t' | '\u{8}' | '\u{c}' => 2,
            ' ' if !whitespace => 0,
            c if (c as u32) < 0x20 => 6,
            _ => 1,
        })
        .sum::<usize>()
}

/// Whether a node is an unresolved template value (`Ref`, `Fn::…`, or a non-core YAML tag).
fn is_unresolved(node: &Node) -> bool {
    if node
        .tag
        .as_deref()
        .is_some_and(|t| !t.starts_with("!!") && !t.starts_with("tag:yaml.org,2002:"))
    {
        return true;
    }
    node.single_entry()
        .is_some_and(|e| e.key == "Ref" || e.key.starts_with("Fn::"))
}

/// How to name a kind of policy in messages, in the plural.
fn type_label(t: PolicyType) -> &'static str {
    match t {
        PolicyType::Identity => "identity-based policies",
        PolicyType::Resource => "resource-based policies",
        PolicyType::RoleTrust => "role trust policies",
        PolicyType::Scp => "service control policies",
        PolicyType::Rcp => "resource control policies",
    }
}

/// `n` with thousands separators (`5,120`).
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// How to name a statement in messages: its `Sid`, or its position.
fn statement_name(st: &Statement) -> String {
    match &st.sid {
        Some(sid) if !sid.value.is_empty() => format!("`{}`", sid.value),
        _ => format!("#{}", st.index + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_parse() {
        assert!(variable_problems("arn:aws:s3:::b/${aws:username}/*").is_empty());
        assert!(variable_problems("${aws:PrincipalTag/team, 'none'}").is_empty());
        assert!(variable_problems("a${*}b${?}c${$}").is_empty());
        assert_eq!(
            variable_problems("x/${aws:username"),
            vec![VarProblem::MissingBrace("${aws:username".to_owned())]
        );
        assert_eq!(
            variable_problems("x/${aws:username/${aws:userid}"),
            vec![VarProblem::MissingBrace("${aws:username/".to_owned())]
        );
        assert_eq!(variable_problems("${}"), vec![VarProblem::Empty]);
        assert_eq!(variable_problems("${ }"), vec![VarProblem::Empty]);
        assert_eq!(
            variable_problems("${aws: username}"),
            vec![VarProblem::Space("aws: username".to_owned())]
        );
        assert_eq!(
            variable_problems("${aws:user!}"),
            vec![VarProblem::Symbol("aws:user!".to_owned(), '!')]
        );
        assert_eq!(
            variable_problems("${aws:*}"),
            vec![VarProblem::Symbol("aws:*".to_owned(), '*')]
        );
        assert_eq!(
            variable_problems("${aws:username, none}"),
            vec![VarProblem::Unquoted("none".to_owned())]
        );
        assert_eq!(
            variable_problems("${aws:username,\"none\"}"),
            vec![VarProblem::Unquoted("\"none\"".to_owned())]
        );
        // Literal `$` and `{` outside a variable are fine.
        assert!(variable_problems("a$b{c}").is_empty());
    }

    #[test]
    fn aws_principals() {
        assert!(unknown_aws_principal("111122223333").is_none());
        assert!(unknown_aws_principal("arn:aws:iam::111122223333:root").is_none());
        assert!(unknown_aws_principal("arn:aws:iam::111122223333:role/a/b").is_none());
        assert!(unknown_aws_principal("arn:aws-cn:sts::111122223333:assumed-role/r/s").is_none());
        assert!(unknown_aws_principal("arn:aws:iam::111122223333:group/admins").is_some());
        assert!(unknown_aws_principal("arn:aws:s3:::bucket").is_some());
        assert!(unknown_aws_principal("11112222333").is_some());
        assert!(unknown_aws_principal("my-account").is_some());
        assert!(unknown_aws_principal("arn:aws:iam::111122223333:user/").is_some());
        assert!(matches!(
            unique_id_kind("AROAEXAMPLEID12345678"),
            Some(UniqueId::Role)
        ));
        assert!(matches!(
            unique_id_kind("AIDAEXAMPLEID12345678"),
            Some(UniqueId::User)
        ));
        assert!(unique_id_kind("AROA").is_none());
    }

    #[test]
    fn service_principals() {
        assert!(is_service_principal("lambda.amazonaws.com"));
        assert!(is_service_principal("logs.eu-west-1.amazonaws.com"));
        assert!(is_service_principal("ec2.amazonaws.com.cn"));
        assert!(is_service_principal("alexa-appkit.amazon.com"));
        assert!(!is_service_principal("lambda"));
        assert!(!is_service_principal("Lambda.amazonaws.com"));
        assert!(!is_service_principal(".amazonaws.com"));
        assert!(!is_service_principal("arn:aws:iam::111122223333:root"));
        assert!(service_principal_hint("lambda").contains("lambda.amazonaws.com"));
    }

    #[test]
    fn rcp_services() {
        assert_eq!(rcp_unsupported_service("ec2:RunInstances"), Some("ec2"));
        assert_eq!(rcp_unsupported_service("s3:GetObject"), None);
        assert_eq!(rcp_unsupported_service("S3:*"), None);
        assert_eq!(rcp_unsupported_service("s*:Get*"), None);
        assert_eq!(rcp_unsupported_service("e?2:Run*"), Some("e?2"));
        assert_eq!(rcp_unsupported_service("*"), None);
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(5120), "5,120");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn wildcard_positions() {
        assert!(!wildcard_before_end("*"));
        assert!(!wildcard_before_end("s3:Get*"));
        assert!(!wildcard_before_end("s3:Get?"));
        assert!(wildcard_before_end("s3:*Object"));
        assert!(wildcard_before_end("*:Get*"));
    }

    #[test]
    fn compact_json_length() {
        let text = r#"{ "a" : [ 1, true, "x y" ], "b": null }"#;
        let root = palisade_doc::parse(text, palisade_doc::Format::Json)
            .root
            .expect("parses");
        let compact = r#"{"a":[1,true,"x y"],"b":null}"#;
        assert_eq!(json_len(&root, true), compact.chars().count());
        assert_eq!(json_len(&root, false), compact.chars().count() - 1);
    }
}
