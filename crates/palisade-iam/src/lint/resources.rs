//! Checks: resource ARNs (`Resource`, `NotResource` and ARNs naming AWS principals), and
//! condition keys checked against the action catalog.
//!
//! ARN formats come from the catalog's resource types. A policy ARN may hold wildcards (`*`,
//! `?`) and policy variables (`${...}`, read as "any text"); it is said to fit a format when some
//! string matches both, which [`intersects`] decides exactly for the simple patterns both sides
//! are. A placeholder of a format (`${FunctionName}`) matches any text except the separator (`/`
//! or `:`) that follows it in the format; `${BucketName}` never holds `/`. When the catalog knows
//! no format for a service, only the checks that need none (prefix, fields, partition, region
//! code, account id) run.
//!
//! Condition keys are compared ignoring case, as AWS compares them; the tag key after
//! `aws:ResourceTag/` keeps its case in messages.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{LazyLock, OnceLock};

use palisade_core::{Severity, Span};

use super::{Check, Ctx, FindingType, Out, PolicyType};
use crate::arn::{is_account_id, partition_of_region, Arn, ArnError, PARTITIONS};
use crate::catalog::{ActionInfo, Catalog};
use crate::policy::{
    action_matches, glob_match, has_wildcard, BaseOperator, CaseSensitivity, ConditionEntry,
    ConditionOperator, ConditionValue, PrincipalKind, PrincipalValue, SetQualifier, Statement,
    ValueBlock,
};

/// The resource and condition-key checks.
pub(super) const CHECKS: &[Check] = &[
    Check {
        id: "IAM1201",
        name: "arn-account-not-allowed",
        access_analyzer: Some("ARN_ACCOUNT_NOT_ALLOWED"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A resource ARN names an account although ARNs of that resource type have an empty account field.",
        why: "Some resources are not namespaced by account: an S3 bucket or object ARN is `arn:aws:s3:::bucket/key`, with empty region and account fields. An ARN that fills the account field in never matches such a resource, so the statement does not apply to it.",
        fix: "Remove the account id and keep the colons: write `arn:aws:s3:::my-bucket/*` instead of `arn:aws:s3::123456789012:my-bucket/*`.",
        applies: &[],
    },
    Check {
        id: "IAM1202",
        name: "arn-region-not-allowed",
        access_analyzer: Some("ARN_REGION_NOT_ALLOWED"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A resource ARN names a Region although ARNs of that resource type have an empty Region field.",
        why: "Global resources (IAM roles and users, S3 buckets, Route 53 zones, CloudFront distributions) have ARNs with an empty Region field. An ARN with a Region never matches them, so the statement silently does nothing for those resources.",
        fix: "Leave the Region field empty: `arn:aws:iam::123456789012:role/deploy`, not `arn:aws:iam:us-east-1:123456789012:role/deploy`.",
        applies: &[],
    },
    Check {
        id: "IAM1203",
        name: "invalid-arn-account",
        access_analyzer: Some("INVALID_ARN_ACCOUNT"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "The account field of an ARN is not a 12-digit account id.",
        why: "Account ids are exactly 12 digits. An account field with fewer digits, letters or separators (`1234-5678-9012`) matches no resource, so the statement does not apply as intended.",
        fix: "Write the 12-digit account id, keeping leading zeros (`012345678901`), or a wildcard (`*`) if any account is meant.",
        applies: &[],
    },
    Check {
        id: "IAM1204",
        name: "invalid-arn-prefix",
        access_analyzer: Some("INVALID_ARN_PREFIX"),
        parliament: &["INVALID_ARN"],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A `Resource` or `NotResource` value is neither `*` nor an ARN starting with `arn:`.",
        why: "AWS matches `Resource` values against the ARNs of the resources a request touches. A bare name (`my-bucket`), a URL or an ARN without its `arn:` prefix never matches anything.",
        fix: "Write the full ARN, e.g. `arn:aws:s3:::my-bucket/*` instead of `my-bucket/*`, or `*` for every resource.",
        applies: &[],
    },
    Check {
        id: "IAM1205",
        name: "invalid-arn-region",
        access_analyzer: Some("INVALID_ARN_REGION"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "The Region field of an ARN is not a Region code valid for that ARN.",
        why: "The Region field holds a Region code such as `eu-west-1`, in lowercase, and it must belong to the ARN's partition (`cn-north-1` only exists in `aws-cn`). A misspelt code, an Availability Zone (`us-east-1a`) or a Region of another partition matches no resource.",
        fix: "Use a Region code of the partition, e.g. `arn:aws:sqs:us-east-1:123456789012:orders`, or `*` for every Region.",
        applies: &[],
    },
    Check {
        id: "IAM1206",
        name: "invalid-arn-resource",
        access_analyzer: Some("INVALID_ARN_RESOURCE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "The resource part of an ARN fits none of the ARN formats of its service's resource types.",
        why: "Every resource type has a documented ARN format (`role/${RoleNameWithPath}` for IAM roles, `function:${FunctionName}` for Lambda functions). A resource part that fits none of them, even allowing for its wildcards and variables, matches no resource: typically a misspelt resource type (`roles/`) or a wrong separator.",
        fix: "Rewrite the resource part after one of the formats listed in the Service Authorization Reference for that service, e.g. `arn:aws:iam::123456789012:role/app/*`.",
        applies: &[],
    },
    Check {
        id: "IAM1207",
        name: "invalid-arn-service-case",
        access_analyzer: Some("INVALID_ARN_SERVICE_CASE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "The service field of an ARN has uppercase letters.",
        why: "Service namespaces in ARNs are lowercase and ARNs are compared case-sensitively, so `arn:aws:S3:::bucket` matches no resource.",
        fix: "Write the service in lowercase: `arn:aws:s3:::bucket`.",
        applies: &[],
    },
    Check {
        id: "IAM1208",
        name: "invalid-partition",
        access_analyzer: Some("INVALID_PARTITION"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "The partition field of an ARN is not an AWS partition.",
        why: "The partition is `aws` for commercial Regions, `aws-cn` for China, `aws-us-gov` for GovCloud (and a few isolated partitions). Any other value, including a wrong case (`AWS`), matches no resource.",
        fix: "Use the partition of the account, usually `aws`: `arn:aws:s3:::bucket`. In templates, `${AWS::Partition}` keeps one policy valid in every partition.",
        applies: &[],
    },
    Check {
        id: "IAM1209",
        name: "missing-arn-field",
        access_analyzer: Some("MISSING_ARN_FIELD"),
        parliament: &["INVALID_ARN"],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "An ARN has fewer than six colon-separated fields, or an empty partition, service or resource.",
        why: "An ARN is `arn:partition:service:region:account:resource`; fields that a resource type does not use stay empty but their colons remain. An ARN with missing colons or an empty partition, service or resource matches nothing.",
        fix: "Keep all six fields: `arn:aws:s3:::my-bucket` (empty Region and account), not `arn:aws:s3:my-bucket`.",
        applies: &[],
    },
    Check {
        id: "IAM1210",
        name: "missing-arn-region",
        access_analyzer: Some("MISSING_ARN_REGION"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "An ARN has an empty Region field although every matching resource type is regional.",
        why: "Regional resources (queues, functions, tables, instances) always have a Region in their ARN. An ARN with an empty Region field matches none of them.",
        fix: "Add the Region, or `*` for every Region: `arn:aws:sqs:*:123456789012:orders`.",
        applies: &[],
    },
    Check {
        id: "IAM1211",
        name: "missing-arn-account",
        access_analyzer: Some("MISSING_ARN_ACCOUNT"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "An ARN has an empty account field although every matching resource type carries an account id.",
        why: "Most resources are owned by an account whose id is part of their ARN (`arn:aws:iam::123456789012:role/x`). An ARN with an empty account field matches none of them.",
        fix: "Add the 12-digit account id, or `*` for any account.",
        applies: &[],
    },
    Check {
        id: "IAM1212",
        name: "rcp-unsupported-resource-arn",
        access_analyzer: Some("UNSUPPORTED_RESOURCE_ARN_IN_POLICY"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A resource control policy names resources of a service that RCPs do not govern.",
        why: "Resource control policies only apply to resources of the services AWS Organizations lists as supporting RCPs (S3, STS, KMS, SQS, Secrets Manager and others). An RCP statement about, for example, EC2 instances has no effect, and the guardrail it seems to set does not exist.",
        fix: "Remove the ARN, and protect resources of that service with service control policies or the service's own resource policies instead.",
        applies: &[PolicyType::Rcp],
    },
    Check {
        id: "IAM1213",
        name: "resource-mismatch",
        access_analyzer: None,
        parliament: &["RESOURCE_MISMATCH"],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "An action of the statement acts on none of the statement's resources.",
        why: "Each action is authorized against resources of given types (`s3:ListBucket` on buckets, `s3:GetObject` on objects) or, when it has none, only against `\"Resource\": \"*\"`. If no resource of the statement has a matching type, the statement grants or denies nothing for that action: typically a bucket ARN where an object ARN (`bucket/*`) was needed, or the reverse.",
        fix: "Add an ARN of the type the action uses, or move the action to a statement with fitting resources, e.g. `s3:ListBucket` on `arn:aws:s3:::my-bucket` and `s3:GetObject` on `arn:aws:s3:::my-bucket/*`.",
        applies: &[],
    },
    Check {
        id: "IAM1220",
        name: "invalid-global-condition-key",
        access_analyzer: Some("INVALID_GLOBAL_CONDITION_KEY"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A condition key with the `aws:` prefix is not a global condition key.",
        why: "A key that does not exist is never in the request context, so the condition is decided as if the key were missing: a misspelt `aws:SourceIP` restriction in an Allow grants nothing, and in a Deny with a negated operator it always applies.",
        fix: "Use a documented global key, e.g. `aws:SourceIp`, `aws:PrincipalOrgID`, `aws:SecureTransport`.",
        applies: &[],
    },
    Check {
        id: "IAM1221",
        name: "invalid-service-in-condition-key",
        access_analyzer: Some("INVALID_SERVICE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "The prefix of a condition key is not the prefix of any AWS service.",
        why: "Condition keys are `service:name` (or `aws:name` for global keys, or an identity provider's URL for federation keys). A key with an unknown service prefix is never in the request context, so the condition does not restrict what it seems to.",
        fix: "Use the service prefix the Service Authorization Reference gives, e.g. `s3:prefix`, not `amazons3:prefix`.",
        applies: &[],
    },
    Check {
        id: "IAM1222",
        name: "invalid-service-condition-key",
        access_analyzer: Some("INVALID_SERVICE_CONDITION_KEY"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A condition key with a service prefix is not defined by that service.",
        why: "A key the service does not define is never in the request context. The condition is then decided as if the key were missing, which makes an Allow grant nothing or a negated Deny always apply.",
        fix: "Use a key from the service's condition key table, e.g. `s3:x-amz-server-side-encryption`, `iam:PassedToService`.",
        applies: &[],
    },
    Check {
        id: "IAM1223",
        name: "missing-tag-key-in-condition",
        access_analyzer: Some("MISSING_TAG_KEY_IN_CONDITION"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A tag condition key (`aws:ResourceTag/`, `aws:RequestTag/`, `aws:PrincipalTag/`, ...) lacks the tag name.",
        why: "Tag condition keys name one tag: `aws:ResourceTag/team` compares the value of the `team` tag. Without the tag name the key never exists in the request context and the condition does not test any tag.",
        fix: "Append the tag key: `\"StringEquals\": {\"aws:ResourceTag/team\": \"payments\"}`; to test which tag keys a request sets, use `aws:TagKeys`.",
        applies: &[],
    },
    Check {
        id: "IAM1224",
        name: "unsupported-global-condition-key",
        access_analyzer: Some("UNSUPPORTED_GLOBAL_CONDITION_KEY"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "The condition uses `aws:ARN`, which AWS does not support.",
        why: "`aws:ARN` is not evaluated the way its name suggests: it does not identify the caller nor the resource that triggered a service. A condition on it does not restrict access as intended.",
        fix: "Use `aws:PrincipalArn` to test the calling principal, or `aws:SourceArn` to test the resource on whose behalf a service calls.",
        applies: &[],
    },
    Check {
        id: "IAM1225",
        name: "deprecated-global-condition-key",
        access_analyzer: Some("DEPRECATED_GLOBAL_CONDITION_KEY"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "The condition uses `aws:SourceOwner`, a legacy key that `aws:SourceAccount` replaces.",
        why: "`aws:SourceOwner` is not documented among the global condition keys and only some services set it (it appears in old SNS default topic policies). AWS introduced `aws:SourceAccount` as its replacement, which every service that calls on behalf of a resource sets.",
        fix: "Replace `aws:SourceOwner` with `aws:SourceAccount` (same account id value), and consider adding `aws:SourceArn`.",
        applies: &[],
    },
    Check {
        id: "IAM1226",
        name: "invalid-region",
        access_analyzer: Some("INVALID_REGION"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Error,
        severity: Severity::High,
        summary: "A Region condition (`aws:RequestedRegion`, `ec2:Region`, ...) compares with a value that is not a Region code.",
        why: "Region keys hold lowercase Region codes such as `eu-west-1`. A value like `us-east`, `eu-west-1a`, `US-EAST-1` or `Ireland` never equals one: an allow-list of Regions then allows nothing, and a deny outside the list denies everything.",
        fix: "Use Region codes, with wildcards under `StringLike` if needed: `\"StringEquals\": {\"aws:RequestedRegion\": [\"eu-west-1\", \"eu-central-1\"]}`.",
        applies: &[],
    },
    Check {
        id: "IAM1227",
        name: "condition-key-not-supported-by-actions",
        access_analyzer: None,
        parliament: &["UNKNOWN_CONDITION_FOR_ACTION"],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "A service condition key is supported by none of the statement's actions.",
        why: "A service puts its condition keys in the request context only for the actions that support them. A key that none of the statement's actions supports is always missing, so the condition cannot restrict these actions the way it reads: a positive condition makes the statement useless, a negated one makes it unconditional.",
        fix: "Use a key the actions support (see the action's condition keys in the Service Authorization Reference), or move the condition to a statement with actions that support it.",
        applies: &[],
    },
    Check {
        id: "IAM1228",
        name: "deny-with-unsupported-tag-condition-key",
        access_analyzer: Some("DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::SecurityWarning,
        severity: Severity::High,
        summary: "A Deny statement keyed on a tag condition key lists actions that never carry that key.",
        why: "`aws:ResourceTag/…`, `aws:RequestTag/…` and `aws:TagKeys` are only in the request context of actions that support them. For other actions the condition is false, so the Deny silently does not apply to them even when the resource is tagged.",
        fix: "Move the unsupported actions to a separate Deny statement that restricts them another way (resource ARNs, naming conventions). Do not switch to `...IfExists` as a workaround: it denies those actions unconditionally.",
        applies: &[],
    },
    Check {
        id: "IAM1229",
        name: "deny-not-action-with-unsupported-tag-condition-key",
        access_analyzer: Some("DENY_NOT_ACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::SecurityWarning,
        severity: Severity::High,
        summary: "A Deny statement with `NotAction` is keyed on a tag condition key that many of the actions it covers never carry.",
        why: "With `NotAction` the Deny covers every other action of every service, including actions (and future actions) that do not support the tag key. For those the condition is false and nothing is denied.",
        fix: "List the actions to deny in `Action` instead of excluding some with `NotAction`, keeping only actions that support the tag key.",
        applies: &[],
    },
    Check {
        id: "IAM1230",
        name: "allow-with-unsupported-tag-condition-key",
        access_analyzer: Some("ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary: "An Allow statement keyed on a tag condition key lists actions that never carry that key.",
        why: "For actions that do not support the tag key the condition is false, so the statement grants them nothing. The policy looks broader than it is, and callers get unexpected access-denied errors.",
        fix: "Move those actions to a statement that scopes them another way (resource ARNs), or drop them.",
        applies: &[],
    },
    Check {
        id: "IAM1231",
        name: "allow-not-action-with-unsupported-tag-condition-key",
        access_analyzer: Some("ALLOW_NOT_ACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::Suggestion,
        severity: Severity::Low,
        summary: "An Allow statement with `NotAction` is keyed on a tag condition key that many of the actions it covers never carry.",
        why: "With `NotAction` the statement appears to grant every other action, but it only grants the actions that support the tag key; the rest are never allowed by it.",
        fix: "List the granted actions explicitly in `Action`, choosing actions that support the tag key.",
        applies: &[],
    },
    Check {
        id: "IAM1232",
        name: "missing-paired-condition-keys",
        access_analyzer: Some("MISSING_PAIRED_CONDITION_KEYS"),
        parliament: &[],
        cloudsplaining: None,
        kind: FindingType::SecurityWarning,
        severity: Severity::High,
        summary: "An Allow statement uses a condition key that is only safe together with a related key it lacks.",
        why: "Some keys identify a caller only in combination. `aws:VpcSourceIp` is a private address that any VPC may use, so AWS says to pair it with `aws:SourceVpc`, `aws:SourceVpce` or `aws:SourceVpcArn`; `aws:Ec2InstanceSourcePrivateIPv4` must be paired with `aws:Ec2InstanceSourceVpc`. An `aws:SourceArn` that names no account (an S3 bucket, or `*` in the account field) can be matched by a resource of another account, so a service could be used as a confused deputy unless `aws:SourceAccount` (or `aws:SourceOrgID` / `aws:SourceOrgPaths`) pins the owner.",
        fix: "Add the related key to the same statement, e.g. `\"StringEquals\": {\"aws:SourceAccount\": \"123456789012\"}` next to `\"ArnLike\": {\"aws:SourceArn\": \"arn:aws:s3:::my-bucket\"}`.",
        applies: &[],
    },
];

/// Run the checks on every statement.
pub(super) fn run(cx: &Ctx<'_>, out: &mut Out<'_>) {
    let ix = cx.catalog.map(index);
    for st in &cx.policy.statements {
        if let Some(block) = &st.resource {
            for (text, span) in block.known() {
                check_arn(ix, out, text, span, Place::Resource);
                if cx.policy_type == PolicyType::Rcp {
                    check_rcp_resource(out, text, span);
                }
            }
        }
        for (text, span) in aws_principal_arns(st) {
            check_arn(ix, out, text, span, Place::Principal);
        }
        check_condition_keys(cx.catalog, ix, st, out);
        check_paired_keys(cx.policy_type, st, out);
        if let (Some(cat), Some(ix)) = (cx.catalog, ix) {
            check_resource_mismatch(cat, ix, st, out);
            check_keys_against_actions(cat, ix, st, out);
            check_tag_support(cat, st, out);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Patterns: policy globs against catalog ARN formats.

/// One token of a pattern, over bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    /// This byte.
    Lit(u8),
    /// Exactly one byte.
    One,
    /// Any run of bytes, possibly empty.
    Star,
    /// Any run of bytes other than this one, possibly empty.
    StarNot(u8),
}

impl Tok {
    fn is_star(self) -> bool {
        matches!(self, Tok::Star | Tok::StarNot(_))
    }
}

/// Patterns longer than this are assumed to match (the check is quadratic).
const MAX_PATTERN: usize = 1024;

/// The tokens of a policy value: `*` any run, `?` one character (read as "one or more bytes" so
/// that multi-byte characters are never missed), `${...}` any text.
fn pattern_tokens(s: &str) -> Vec<Tok> {
    let bytes = s.as_bytes();
    let mut toks = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'$' && bytes.get(i + 1) == Some(&b'{') {
            if let Some(len) = s.get(i..).and_then(|r| r.find('}')) {
                push_star(&mut toks, Tok::Star);
                i += len + 1;
                continue;
            }
        }
        match b {
            b'*' => push_star(&mut toks, Tok::Star),
            b'?' => {
                toks.push(Tok::One);
                push_star(&mut toks, Tok::Star);
            }
            _ => toks.push(Tok::Lit(b)),
        }
        i += 1;
    }
    toks
}

/// Placeholders that never hold `/` wherever they appear.
const NO_SLASH_PLACEHOLDERS: &[&str] = &["BucketName"];

/// The tokens of a catalog ARN format: a placeholder `${Name}` matches any text except the `/`
/// or `:` that follows it; a literal `*` matches anything.
fn format_tokens(s: &str) -> Vec<Tok> {
    let bytes = s.as_bytes();
    let mut toks = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'$' && bytes.get(i + 1) == Some(&b'{') {
            if let Some(len) = s.get(i..).and_then(|r| r.find('}')) {
                let name = s.get(i + 2..i + len).unwrap_or_default();
                let tok = if NO_SLASH_PLACEHOLDERS.contains(&name) {
                    Tok::StarNot(b'/')
                } else {
                    match bytes.get(i + len + 1) {
                        Some(&c @ (b'/' | b':')) => Tok::StarNot(c),
                        _ => Tok::Star,
                    }
                };
                toks.push(tok);
                i += len + 1;
                continue;
            }
        }
        toks.push(if b == b'*' { Tok::Star } else { Tok::Lit(b) });
        i += 1;
    }
    toks
}

fn push_star(toks: &mut Vec<Tok>, star: Tok) {
    if toks.last() != Some(&Tok::Star) {
        toks.push(star);
    }
}

/// Whether some byte string matches both token patterns (reachability in the product of the
/// two automata; `O(|a| × |b|)`).
fn intersects(a: &[Tok], b: &[Tok]) -> bool {
    let (n, m) = (a.len(), b.len());
    if n > MAX_PATTERN || m > MAX_PATTERN {
        return true;
    }
    let width = m + 1;
    let mut seen = vec![false; (n + 1) * width];
    let mut stack = vec![(0usize, 0usize)];
    while let Some((i, j)) = stack.pop() {
        let Some(slot) = seen.get_mut(i * width + j) else {
            continue;
        };
        if *slot {
            continue;
        }
        *slot = true;
        if i == n && j == m {
            return true;
        }
        let (x, y) = (a.get(i).copied(), b.get(j).copied());
        if x.is_some_and(Tok::is_star) {
            stack.push((i + 1, j));
        }
        if y.is_some_and(Tok::is_star) {
            stack.push((i, j + 1));
        }
        if let (Some(x), Some(y)) = (x, y) {
            let compatible = match (x, y) {
                (Tok::Lit(p), Tok::Lit(q)) => p == q,
                (Tok::Lit(p), Tok::StarNot(e)) | (Tok::StarNot(e), Tok::Lit(p)) => p != e,
                _ => true,
            };
            if compatible {
                let ni = if x.is_star() { i } else { i + 1 };
                let nj = if y.is_star() { j } else { j + 1 };
                stack.push((ni, nj));
            }
        }
    }
    false
}

/// Whether a policy value holds a wildcard or a policy variable.
fn is_wild(s: &str) -> bool {
    has_wildcard(s) || s.contains("${")
}

/// Non-empty and only `*`.
fn is_all_stars(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b == b'*')
}

/// `*`, `*:*`: every action.
fn is_full_wildcard_action(s: &str) -> bool {
    match s.split_once(':') {
        None => is_all_stars(s),
        Some((svc, name)) => is_all_stars(svc) && is_all_stars(name),
    }
}

// ---------------------------------------------------------------------------------------------
// The catalog index.

/// What an ARN format puts in its Region or account field.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Field {
    /// Nothing: the field stays empty.
    Empty,
    /// A literal `*`: anything, including nothing.
    Any,
    /// A fixed value (`aws`, `us-west-2`).
    Literal(String),
    /// A placeholder (`${Region}`, `${Account}`).
    Placeholder,
}

impl Field {
    fn of(s: &str) -> Self {
        if s.is_empty() {
            Field::Empty
        } else if s.contains("${") {
            Field::Placeholder
        } else if s.contains('*') {
            Field::Any
        } else {
            Field::Literal(s.to_string())
        }
    }

    fn required(&self) -> bool {
        matches!(self, Field::Literal(_) | Field::Placeholder)
    }
}

/// One ARN format of a resource type.
#[derive(Debug)]
struct ArnFormat {
    /// The part after the fifth colon, as written.
    resource_text: String,
    region: Field,
    account: Field,
    resource: Vec<Tok>,
    whole: Vec<Tok>,
}

impl ArnFormat {
    /// The format and its ARN service namespace.
    fn parse(text: &str) -> Option<(String, Self)> {
        let rest = text.strip_prefix("arn:")?;
        let mut parts = rest.splitn(5, ':');
        let (_partition, namespace, region, account, resource) = (
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
        );
        if namespace.is_empty() {
            return None;
        }
        Some((
            namespace.to_ascii_lowercase(),
            Self {
                resource_text: resource.to_string(),
                region: Field::of(region),
                account: Field::of(account),
                resource: format_tokens(resource),
                whole: format_tokens(text),
            },
        ))
    }
}

/// What the checks need from the catalog, computed once.
#[derive(Debug, Default)]
struct Index {
    formats: Vec<ArnFormat>,
    /// Format indexes by lower-case ARN service namespace.
    by_namespace: HashMap<String, Vec<usize>>,
    /// Format indexes by (lower-case service prefix, lower-case resource type).
    by_type: HashMap<(String, String), Vec<usize>>,
    /// Lower-case prefixes of every condition key the catalog defines (`s3`, `saml`, ...).
    key_prefixes: HashSet<String>,
    /// Lower-case keys without placeholders that some action or resource type supports.
    referenced_exact: HashSet<String>,
    /// Keys with placeholders that some action or resource type supports, as globs.
    referenced_templates: BTreeSet<String>,
    /// Tag key families, lower-case, ending in `/` (`aws:resourcetag/`, `s3:existingobjecttag/`).
    tag_families: BTreeSet<String>,
}

/// The index of the embedded catalog (the lint only ever uses [`Catalog::get`]).
fn index(catalog: &'static Catalog) -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| Index::build(catalog))
}

impl Index {
    fn build(catalog: &Catalog) -> Self {
        let mut ix = Index::default();
        for svc in catalog.services() {
            let prefix = svc.prefix().to_ascii_lowercase();
            for rt in svc.resource_types() {
                for f in &rt.arn_formats {
                    let Some((namespace, format)) = ArnFormat::parse(f) else {
                        continue;
                    };
                    // A format whose namespace is a placeholder (`${Vendor}` for Backup recovery
                    // points) is filed under the service that defines it.
                    let namespace = if namespace.contains("${") {
                        prefix.clone()
                    } else {
                        namespace
                    };
                    let i = ix.formats.len();
                    // The Service Authorization Reference writes assumed-role ARNs under `iam`,
                    // while the ARNs AWS issues for role sessions are `arn:aws:sts::…`.
                    if namespace == "iam" && format.resource_text.starts_with("assumed-role/") {
                        ix.by_namespace.entry("sts".into()).or_default().push(i);
                    }
                    ix.by_namespace.entry(namespace).or_default().push(i);
                    ix.by_type
                        .entry((prefix.clone(), rt.name.to_ascii_lowercase()))
                        .or_default()
                        .push(i);
                    ix.formats.push(format);
                }
                for k in &rt.condition_keys {
                    ix.reference(k);
                }
            }
            for a in svc.actions() {
                for k in a.condition_keys.iter().chain(
                    a.resource_types
                        .iter()
                        .flat_map(|r| r.condition_keys.iter()),
                ) {
                    ix.reference(k);
                }
            }
            for key in svc.condition_keys() {
                let lower = key.name.to_ascii_lowercase();
                if let Some((p, _)) = lower.split_once(':') {
                    ix.key_prefixes.insert(p.to_string());
                }
                if let Some(family) = tag_family_of_template(&lower) {
                    ix.tag_families.insert(family);
                }
            }
        }
        ix
    }

    fn reference(&mut self, key: &str) {
        let lower = key.to_ascii_lowercase();
        if has_placeholder(&lower) {
            self.referenced_templates.insert(placeholder_glob(&lower));
        } else {
            self.referenced_exact.insert(lower);
        }
    }

    /// Whether some action or resource type of the catalog supports the key.
    fn is_referenced(&self, lower: &str) -> bool {
        self.referenced_exact.contains(lower)
            || self
                .referenced_templates
                .iter()
                .any(|p| glob_match(p, lower, CaseSensitivity::Sensitive))
    }

    fn formats_of(&self, namespace: &str) -> Vec<&ArnFormat> {
        self.by_namespace
            .get(namespace)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.formats.get(i))
            .collect()
    }
}

/// The catalog writes a few tag keys with a literal `tag-key` as the placeholder
/// (`secretsmanager:ResourceTag/tag-key`).
const LITERAL_TAG_PLACEHOLDER: &str = "/tag-key";

fn has_placeholder(key: &str) -> bool {
    key.contains("${") || key.contains('<') || literal_tag_placeholder(key)
}

fn literal_tag_placeholder(key: &str) -> bool {
    key.len() > LITERAL_TAG_PLACEHOLDER.len()
        && key
            .get(key.len() - LITERAL_TAG_PLACEHOLDER.len()..)
            .is_some_and(|end| end.eq_ignore_ascii_case(LITERAL_TAG_PLACEHOLDER))
}

/// A key with placeholders (`${TagKey}`, `<key>`, a literal `/tag-key`) as a glob in which
/// each placeholder matches one or more characters (the catalog's own reading).
fn placeholder_glob(template: &str) -> String {
    crate::catalog::key_pattern(template).unwrap_or_else(|| template.to_owned())
}

/// Whether the catalog key `template` (possibly with placeholders) is the key `lower`.
fn key_matches(template: &str, lower: &str) -> bool {
    if has_placeholder(template) {
        glob_match(
            &placeholder_glob(&template.to_ascii_lowercase()),
            lower,
            CaseSensitivity::Sensitive,
        )
    } else {
        template.eq_ignore_ascii_case(lower)
    }
}

/// `svc:sometag/` for a template `svc:sometag/${TagKey}` (lower-case) whose family names tags.
fn tag_family_of_template(lower: &str) -> Option<String> {
    let at = match lower.find(['$', '<']) {
        Some(at) => at,
        None if literal_tag_placeholder(lower) => lower.len() - LITERAL_TAG_PLACEHOLDER.len() + 1,
        None => return None,
    };
    let family = lower.get(..at)?;
    let (_, name) = family.split_once(':')?;
    (family.ends_with('/') && name.contains("tag")).then(|| family.to_string())
}

/// Every condition key that applies to an action: its own, and those of its resource types.
fn action_keys<'a>(cat: &'a Catalog, a: &'a ActionInfo) -> impl Iterator<Item = &'a str> {
    a.condition_keys
        .iter()
        .chain(a.resource_types.iter().flat_map(move |r| {
            r.condition_keys.iter().chain(
                cat.resource_type(&a.service, &r.name)
                    .into_iter()
                    .flat_map(|t| t.condition_keys.iter()),
            )
        }))
        .map(String::as_str)
}

// ---------------------------------------------------------------------------------------------
// ARNs.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// A `Resource` or `NotResource` value.
    Resource,
    /// An ARN under `Principal`/`NotPrincipal` `AWS`.
    Principal,
}

/// The known `AWS` principal values that are ARNs.
fn aws_principal_arns(st: &Statement) -> Vec<(&str, Span)> {
    let Some(PrincipalValue::Map(entries)) = st.principal.as_ref().map(|p| &p.value) else {
        return Vec::new();
    };
    entries
        .iter()
        .filter(|e| e.kind == PrincipalKind::Aws)
        .flat_map(|e| e.values.iter())
        .filter_map(|v| v.known().map(|t| (t, v.span())))
        .filter(|(t, _)| t.starts_with("arn:"))
        .collect()
}

/// Whether `text` (no `arn:` prefix) has a wildcard or variable early enough that it could
/// still match an ARN.
fn could_start_with_arn(text: &str) -> bool {
    let cut = [text.find('*'), text.find('?'), text.find("${")]
        .into_iter()
        .flatten()
        .min();
    cut.and_then(|c| text.get(..c))
        .is_some_and(|prefix| "arn:".starts_with(prefix))
}

fn check_arn(ix: Option<&Index>, out: &mut Out<'_>, text: &str, span: Span, place: Place) {
    if is_all_stars(text) {
        return;
    }
    if !text.starts_with("arn:") {
        if place == Place::Resource && !could_start_with_arn(text) {
            out.push(
                "IAM1204",
                span,
                format!(
                    "`{text}` is not an ARN: resource values are `*` or ARNs starting with `arn:` (`arn:partition:service:region:account:resource`)"
                ),
            );
        }
        return;
    }
    let arn = match Arn::parse(text) {
        Ok(arn) => arn,
        Err(e) => {
            if !is_wild(text) {
                let what = match e {
                    ArnError::MissingParts(n) => format!(
                        "has {n} of the 6 colon-separated fields of an ARN (`arn:partition:service:region:account:resource`)"
                    ),
                    ArnError::EmptyPartition => "has an empty partition field".to_string(),
                    ArnError::EmptyService => "has an empty service field".to_string(),
                    ArnError::EmptyResource => "has an empty resource field".to_string(),
                    ArnError::NotAnArn => "does not start with `arn:`".to_string(),
                };
                out.push("IAM1209", span, format!("`{text}` {what}"));
            }
            return;
        }
    };
    if !is_wild(arn.partition) && !PARTITIONS.contains(&arn.partition) {
        let hint = if PARTITIONS.contains(&arn.partition.to_ascii_lowercase().as_str()) {
            format!(
                "; partitions are lowercase: `{}`",
                arn.partition.to_ascii_lowercase()
            )
        } else {
            String::new()
        };
        out.push(
            "IAM1208",
            span,
            format!(
                "`{}` in `{text}` is not an AWS partition (`aws`, `aws-cn`, `aws-us-gov`, ...){hint}",
                arn.partition
            ),
        );
    }
    if is_wild(arn.service) {
        return;
    }
    if arn.service.bytes().any(|b| b.is_ascii_uppercase()) {
        out.push(
            "IAM1207",
            span,
            format!(
                "the service `{}` in `{text}` must be lowercase: `{}`",
                arn.service,
                arn.service.to_ascii_lowercase()
            ),
        );
        return;
    }
    let formats = ix.map(|ix| ix.formats_of(arn.service)).unwrap_or_default();
    let resource_toks = pattern_tokens(arn.resource);
    let matching: Vec<&ArnFormat> = formats
        .iter()
        .copied()
        .filter(|f| intersects(&resource_toks, &f.resource))
        .collect();
    // AWS-owned resources (account `aws`) are often missing from the catalog's formats.
    if place == Place::Resource
        && !formats.is_empty()
        && matching.is_empty()
        && arn.account != AWS_OWNED_ACCOUNT
    {
        out.push(
            "IAM1206",
            span,
            format!(
                "`{}` fits no resource type of service `{}` (its ARNs end like {})",
                arn.resource,
                arn.service,
                examples(&formats, arn.resource)
            ),
        );
    }
    let considered = if matching.is_empty() {
        formats
    } else {
        matching
    };
    check_arn_region(&arn, &considered, text, span, out);
    check_arn_account(&arn, &considered, text, span, out);
}

/// Up to three resource parts of `formats`, those sharing the longest prefix with `resource`
/// first.
fn examples(formats: &[&ArnFormat], resource: &str) -> String {
    let mut parts: Vec<&str> = formats.iter().map(|f| f.resource_text.as_str()).collect();
    parts.sort_unstable();
    parts.dedup();
    let common = |p: &str| {
        p.bytes()
            .zip(resource.bytes())
            .take_while(|(a, b)| a == b)
            .count()
    };
    parts.sort_by_key(|p| (std::cmp::Reverse(common(p)), p.len()));
    let mut list: Vec<String> = parts.iter().take(3).map(|p| format!("`{p}`")).collect();
    if parts.len() > 3 {
        list.push("...".into());
    }
    list.join(", ")
}

fn check_arn_region(
    arn: &Arn<'_>,
    formats: &[&ArnFormat],
    text: &str,
    span: Span,
    out: &mut Out<'_>,
) {
    let region = arn.region;
    if region.is_empty() {
        if !formats.is_empty() && formats.iter().all(|f| f.region.required()) {
            out.push(
                "IAM1210",
                span,
                format!(
                    "`{text}` has an empty Region field, but `{}` resources of this kind are regional: add a Region code or `*`",
                    arn.service
                ),
            );
        }
        return;
    }
    if is_wild(region) {
        return;
    }
    if !formats.is_empty() && formats.iter().all(|f| f.region == Field::Empty) {
        out.push(
            "IAM1202",
            span,
            format!(
                "`{}` resources of this kind have no Region in their ARN: remove `{region}` from `{text}`",
                arn.service
            ),
        );
        return;
    }
    if !region_code_valid(region) {
        out.push(
            "IAM1205",
            span,
            format!("`{region}` in `{text}` is not a Region code (such as `us-east-1`)"),
        );
        return;
    }
    if let Some(expected) = partition_of_region(region) {
        if !is_wild(arn.partition)
            && PARTITIONS.contains(&arn.partition)
            && expected != arn.partition
        {
            out.push(
                "IAM1205",
                span,
                format!(
                    "Region `{region}` belongs to partition `{expected}`, not `{}` (in `{text}`)",
                    arn.partition
                ),
            );
            return;
        }
    }
    let fixed: Vec<&str> = formats
        .iter()
        .filter_map(|f| match &f.region {
            Field::Literal(l) => Some(l.as_str()),
            _ => None,
        })
        .collect();
    if !formats.is_empty() && fixed.len() == formats.len() && !fixed.contains(&region) {
        out.push(
            "IAM1205",
            span,
            format!(
                "ARNs of this `{}` resource type always have Region `{}`, not `{region}`",
                arn.service,
                fixed.first().copied().unwrap_or_default()
            ),
        );
    }
}

/// The account field of resources AWS owns and shares (`arn:aws:iam::aws:policy/...`,
/// `arn:aws:cloudformation:*:aws:transform/...`).
const AWS_OWNED_ACCOUNT: &str = "aws";

/// Services whose AWS-owned public resources have ARNs with an empty account field although
/// the catalog's formats name an account (`arn:aws:ssm:us-east-1::document/AWS-RunShellScript`,
/// public parameters under `parameter/aws/service/`).
const PUBLIC_RESOURCE_NAMESPACES: &[&str] = &["ssm", "resource-explorer-2"];

fn check_arn_account(
    arn: &Arn<'_>,
    formats: &[&ArnFormat],
    text: &str,
    span: Span,
    out: &mut Out<'_>,
) {
    let account = arn.account;
    if account.is_empty() {
        if !formats.is_empty()
            && formats.iter().all(|f| f.account.required())
            && !PUBLIC_RESOURCE_NAMESPACES.contains(&arn.service)
        {
            out.push(
                "IAM1211",
                span,
                format!(
                    "`{text}` has an empty account field, but `{}` resources of this kind carry the owner's account id: add it, or `*`",
                    arn.service
                ),
            );
        }
        return;
    }
    if is_wild(account) {
        return;
    }
    if !formats.is_empty() && formats.iter().all(|f| f.account == Field::Empty) {
        out.push(
            "IAM1201",
            span,
            format!(
                "`{}` resources of this kind have no account in their ARN: remove `{account}` from `{text}`",
                arn.service
            ),
        );
        return;
    }
    if formats.is_empty() || is_account_id(account) {
        return;
    }
    let literal = formats
        .iter()
        .any(|f| f.account == Field::Literal(account.to_string()));
    if !literal && account != AWS_OWNED_ACCOUNT {
        out.push(
            "IAM1203",
            span,
            format!("`{account}` in `{text}` is not an account id (12 digits)"),
        );
    }
}

/// The service prefixes AWS Organizations lists as supporting resource control policies
/// ("List of AWS services that support RCPs", AWS Organizations User Guide, as of 2026).
const RCP_SERVICES: &[&str] = &[
    "aoss",
    "appconfig",
    "appstream",
    "autoscaling",
    "autoscaling-plans",
    "budgets",
    "clouddirectory",
    "cloudfront",
    "cloudsearch",
    "cloudtrail-data",
    "codeartifact",
    "codebuild",
    "codecommit",
    "codepipeline",
    "cognito-identity",
    "cognito-idp",
    "comprehend",
    "comprehendmedical",
    "compute-optimizer",
    "cost-optimization-hub",
    "dax",
    "dsql",
    "dynamodb",
    "ecr",
    "ecr-public",
    "events",
    "firehose",
    "fis",
    "fms",
    "gamelift",
    "health",
    "inspector-scan",
    "kendra",
    "kinesisvideo",
    "kms",
    "logs",
    "memorydb",
    "networkmonitor",
    "notifications",
    "opensearch",
    "pca-connector-ad",
    "personalize",
    "polly",
    "pricing",
    "resource-groups",
    "rolesanywhere",
    "s3",
    "secretsmanager",
    "servicediscovery",
    "signin",
    "sqs",
    "sts",
    "support",
    "swf",
    "textract",
    "timestream-influxdb",
    "transcribe",
    "transfer",
    "translate",
    "wafv2",
    "workspaces",
    "xray",
];

/// ARN namespaces of resources that RCP-supporting services act on although the namespace is
/// not their prefix: CloudTrail Data channels (`cloudtrail`), roles assumed through STS (`iam`),
/// S3 Object Lambda access points, and OpenSearch Service domains (`es`; the Organizations list
/// names the service "Amazon OpenSearch Service" with prefix `opensearch`).
const RCP_EXTRA_NAMESPACES: &[&str] = &["cloudtrail", "iam", "s3-object-lambda", "es"];

fn check_rcp_resource(out: &mut Out<'_>, text: &str, span: Span) {
    let Ok(arn) = Arn::parse(text) else {
        return;
    };
    let service = arn.service;
    if is_wild(service) || service.bytes().any(|b| b.is_ascii_uppercase()) {
        return;
    }
    if !RCP_SERVICES.contains(&service) && !RCP_EXTRA_NAMESPACES.contains(&service) {
        out.push(
            "IAM1212",
            span,
            format!(
                "`{text}` names a resource of `{service}`, a service that resource control policies do not govern"
            ),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Regions.

const REGION_AREAS: &[&str] = &[
    "af", "ap", "ca", "cn", "eu", "eusc", "il", "me", "mx", "sa", "us",
];
const REGION_DIRECTIONS: &[&str] = &[
    "central",
    "east",
    "north",
    "northeast",
    "northwest",
    "south",
    "southeast",
    "southwest",
    "west",
];
const REGION_QUALIFIERS: &[&str] = &["gov", "iso", "isob", "isoe", "isof"];

/// How far a sequence of complete `-`-separated segments follows the grammar of Region codes,
/// `area [qualifier] direction number` (`us-east-1`, `us-gov-west-1`, `eusc-de-east-1`):
/// `None` when it cannot start a Region code, `Some(true)` when it is a whole one.
fn region_segments(segs: &[&str]) -> Option<bool> {
    let mut it = segs.iter().copied();
    let Some(area) = it.next() else {
        return Some(false);
    };
    if !REGION_AREAS.contains(&area) {
        return None;
    }
    let Some(second) = it.next() else {
        return Some(false);
    };
    let qualified = if REGION_DIRECTIONS.contains(&second) {
        false
    } else if (area == "eusc"
        && second.len() == 2
        && second.bytes().all(|b| b.is_ascii_lowercase()))
        || (area != "eusc" && REGION_QUALIFIERS.contains(&second))
    {
        true
    } else {
        return None;
    };
    if qualified {
        let Some(direction) = it.next() else {
            return Some(false);
        };
        if !REGION_DIRECTIONS.contains(&direction) {
            return None;
        }
    }
    let Some(number) = it.next() else {
        return Some(false);
    };
    if !(1..=2).contains(&number.len()) || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if it.next().is_some() {
        return None;
    }
    Some(true)
}

/// Whether `code` is shaped like a Region code of a known area and direction.
fn region_code_valid(code: &str) -> bool {
    let segs: Vec<&str> = code.split('-').collect();
    region_segments(&segs) == Some(true)
}

/// Whether a condition value (maybe with `*`/`?`) can match some Region code.
fn region_pattern_valid(value: &str) -> bool {
    let Some(cut) = value.find(['*', '?']) else {
        return region_code_valid(value);
    };
    let literal = value.get(..cut).unwrap_or_default();
    let segs: Vec<&str> = literal.split('-').collect();
    let Some((partial, complete)) = segs.split_last() else {
        return true;
    };
    let partial_ok = partial
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    // A complete Region code followed by `-` can never be a Region code.
    partial_ok && region_segments(complete) == Some(false)
}

/// Condition keys whose values are Region codes.
const REGION_KEYS: &[&str] = &[
    "aws:requestedregion",
    "ec2:region",
    "kms:primaryregion",
    "kms:replicaregion",
    "cloudformation:targetregion",
    "secretsmanager:addreplicaregions",
    "secretsmanager:secretprimaryregion",
];

fn check_region_values(op: &ConditionOperator, entry: &ConditionEntry, out: &mut Out<'_>) {
    let key = entry.key.value.to_ascii_lowercase();
    if !REGION_KEYS.contains(&key.as_str()) {
        return;
    }
    let ignore_case = match op.base {
        BaseOperator::StringEqualsIgnoreCase | BaseOperator::StringNotEqualsIgnoreCase => true,
        BaseOperator::StringEquals
        | BaseOperator::StringNotEquals
        | BaseOperator::StringLike
        | BaseOperator::StringNotLike => false,
        _ => return,
    };
    for v in &entry.values {
        let ConditionValue::String(s) = &v.value else {
            continue;
        };
        if s.contains("${") {
            continue;
        }
        let value = if ignore_case {
            s.to_ascii_lowercase()
        } else {
            s.clone()
        };
        if !region_pattern_valid(&value) {
            out.push(
                "IAM1226",
                v.span,
                format!(
                    "`{s}` is not a Region code (such as `us-east-1` or `eu-central-1`), so `{}` never matches it",
                    entry.key.value
                ),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Condition keys.

/// The global condition keys of the IAM User Guide ("AWS global condition context keys",
/// verified 2026), as the catalog lists them, with tag families written as a prefix ending in
/// `/` (which takes a tag key), plus the cross-service keys the guide lists that their own
/// service already defines.
static DOCUMENTED_GLOBAL_KEYS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    crate::catalog::global_keys()
        .map(|k| k.strip_suffix("${TagKey}").unwrap_or(k))
        .chain(["codebuild:BuildArn", "codebuild:ProjectArn"])
        .collect()
});

/// `aws:` keys missing from the documentation that AWS's own managed policies use
/// (`AWSSSOServiceRolePolicy`), hence keys AWS evaluates.
const UNDOCUMENTED_GLOBAL_KEYS: &[&str] = &["aws:PrincipalOrgMasterAccountId"];

/// Whether `lower` is one of [`DOCUMENTED_GLOBAL_KEYS`] (or [`UNDOCUMENTED_GLOBAL_KEYS`]).
fn documented_global(lower: &str) -> bool {
    UNDOCUMENTED_GLOBAL_KEYS
        .iter()
        .any(|k| k.eq_ignore_ascii_case(lower))
        || DOCUMENTED_GLOBAL_KEYS.iter().any(|k| {
            if k.ends_with('/') {
                lower.len() > k.len()
                    && lower
                        .get(..k.len())
                        .is_some_and(|p| p.eq_ignore_ascii_case(k))
            } else {
                k.eq_ignore_ascii_case(lower)
            }
        })
}

/// A tag family (`aws:ResourceTag/`) written without its tag key: `aws:resourcetag/` or
/// `aws:resourcetag`.
fn missing_tag_family(cat: Option<&Catalog>, ix: Option<&Index>, lower: &str) -> Option<String> {
    const GLOBAL_FAMILIES: [&str; 3] = ["aws:principaltag/", "aws:requesttag/", "aws:resourcetag/"];
    if !lower.ends_with('/') && cat.is_some_and(|c| c.condition_key_type(lower).is_some()) {
        return None;
    }
    let family = if lower.ends_with('/') {
        lower.to_string()
    } else {
        format!("{lower}/")
    };
    let known = GLOBAL_FAMILIES.contains(&family.as_str())
        || ix.is_some_and(|ix| ix.tag_families.contains(&family));
    known.then_some(family)
}

fn check_condition_keys(
    cat: Option<&'static Catalog>,
    ix: Option<&Index>,
    st: &Statement,
    out: &mut Out<'_>,
) {
    let Some(cond) = &st.condition else {
        return;
    };
    for clause in &cond.clauses {
        for entry in &clause.entries {
            check_key(cat, ix, entry, out);
            check_region_values(&clause.operator.value, entry, out);
        }
    }
}

fn check_key(cat: Option<&Catalog>, ix: Option<&Index>, entry: &ConditionEntry, out: &mut Out<'_>) {
    let key = entry.key.value.as_str();
    let span = entry.key.span;
    let lower = key.to_ascii_lowercase();
    let Some((prefix, name)) = lower.split_once(':') else {
        return;
    };
    if prefix.is_empty() || name.is_empty() {
        return;
    }
    if lower == "aws:arn" {
        out.push(
            "IAM1224",
            span,
            format!("`{key}` is not supported: use `aws:PrincipalArn` for the calling principal or `aws:SourceArn` for the resource a service acts for"),
        );
        return;
    }
    if let Some(family) = missing_tag_family(cat, ix, &lower) {
        let shown = key.trim_end_matches('/');
        out.push(
            "IAM1223",
            span,
            format!("`{key}` names no tag: write `{shown}/<tag-key>` (the family `{family}` takes the tag key after the slash)"),
        );
        return;
    }
    if prefix == "aws" {
        if lower == "aws:sourceowner" {
            out.push(
                "IAM1225",
                span,
                format!("`{key}` is a legacy key: use `aws:SourceAccount` instead"),
            );
        } else if !documented_global(&lower)
            && cat.is_none_or(|c| c.condition_key_type(&lower).is_none())
        {
            let hint = suggest(
                &lower,
                DOCUMENTED_GLOBAL_KEYS
                    .iter()
                    .copied()
                    .filter(|k| !k.ends_with('/')),
            )
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
            out.push(
                "IAM1220",
                span,
                format!("`{key}` is not a global condition key{hint}"),
            );
        }
        return;
    }
    let Some(cat) = cat else {
        return;
    };
    if let Some(svc) = cat.service(prefix) {
        let defined = documented_global(&lower)
            || cat.condition_key_type(&lower).is_some()
            || svc.condition_keys().any(|k| key_matches(&k.name, &lower));
        if !defined {
            let hint = suggest(
                &lower,
                svc.condition_keys()
                    .map(|k| k.name.as_str())
                    .filter(|k| !has_placeholder(k)),
            )
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
            out.push(
                "IAM1222",
                span,
                format!(
                    "`{key}` is not a condition key of service `{}`{hint}",
                    svc.prefix()
                ),
            );
        }
    } else if !ix.is_some_and(|ix| ix.key_prefixes.contains(prefix))
        && !prefix.contains(['.', '/'])
        && !documented_global(&lower)
    {
        let hint = suggest(prefix, cat.services().map(|s| s.prefix()))
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        let shown = key.split_once(':').map_or(key, |(p, _)| p);
        out.push(
            "IAM1221",
            span,
            format!("`{shown}` in the condition key `{key}` is not a service prefix{hint}"),
        );
    }
}

/// The candidate closest to `word` (ignoring case), if close enough to be a likely typo.
fn suggest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    let limit = (word.len() / 4).clamp(1, 3);
    candidates
        .filter_map(|c| {
            let d = edit_distance(&word, &c.to_ascii_lowercase());
            (d > 0 && d <= limit).then_some((d, c))
        })
        .min_by_key(|(d, c)| (*d, c.len()))
        .map(|(_, c)| c)
}

/// Levenshtein distance over bytes.
fn edit_distance(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.bytes().enumerate() {
        if let Some(first) = cur.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(usize::MAX) + usize::from(ca != *cb);
            let del = prev
                .get(j + 1)
                .copied()
                .unwrap_or(usize::MAX)
                .saturating_add(1);
            let ins = cur.get(j).copied().unwrap_or(usize::MAX).saturating_add(1);
            if let Some(slot) = cur.get_mut(j + 1) {
                *slot = sub.min(del).min(ins);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Keys that must come in pairs.

/// `MISSING_PAIRED_CONDITION_KEYS`, for Allow statements (in a Deny, adding a key narrows the
/// Deny, so the pairing advice does not hold):
///
/// - `aws:VpcSourceIp` without `aws:SourceVpc`, `aws:SourceVpce` or `aws:SourceVpcArn`;
/// - `aws:Ec2InstanceSourcePrivateIPv4` without `aws:Ec2InstanceSourceVpc`;
/// - in resource and trust policies whose principal is a service (or everyone), an
///   `aws:SourceArn` value that pins no account (empty or wildcard account field) without
///   `aws:SourceAccount`, `aws:SourceOrgID` or `aws:SourceOrgPaths`.
///
/// Keys only count under an operator that compares values (not `Null`).
fn check_paired_keys(policy_type: PolicyType, st: &Statement, out: &mut Out<'_>) {
    if !st.is_allow() {
        return;
    }
    let Some(cond) = &st.condition else {
        return;
    };
    if !cond.unresolved.is_empty() {
        return;
    }
    let present: Vec<(String, &ConditionEntry)> = cond
        .clauses
        .iter()
        .filter(|c| {
            !matches!(
                c.operator.value.base,
                BaseOperator::Null | BaseOperator::Unknown(_)
            )
        })
        .flat_map(|c| c.entries.iter())
        .map(|e| (e.key.value.to_ascii_lowercase(), e))
        .collect();
    let has = |k: &str| present.iter().any(|(l, _)| l == k);
    for (lower, entry) in &present {
        let partners: &[&str] = match lower.as_str() {
            "aws:vpcsourceip" => &["aws:SourceVpc", "aws:SourceVpce", "aws:SourceVpcArn"],
            "aws:ec2instancesourceprivateipv4" => &["aws:Ec2InstanceSourceVpc"],
            "aws:sourcearn"
                if policy_type.has_principal()
                    && principal_may_be_service(st)
                    && entry.values.iter().any(|v| !pins_account(&v.value)) =>
            {
                &["aws:SourceAccount", "aws:SourceOrgID", "aws:SourceOrgPaths"]
            }
            _ => continue,
        };
        if partners.iter().any(|p| has(&p.to_ascii_lowercase())) {
            continue;
        }
        let list = partners
            .iter()
            .map(|p| format!("`{p}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let reason = if lower == "aws:sourcearn" {
            " (a source ARN without an account can belong to another account)"
        } else {
            ""
        };
        out.push(
            "IAM1232",
            entry.key.span,
            format!(
                "`{}` is overly permissive without one of {list} in the same statement{reason}",
                entry.key.value
            ),
        );
    }
}

/// Whether the principal is an AWS service, or everyone.
fn principal_may_be_service(st: &Statement) -> bool {
    match st.principal.as_ref().map(|p| &p.value) {
        Some(PrincipalValue::Wildcard) => true,
        Some(PrincipalValue::Map(entries)) => entries.iter().any(|e| {
            e.kind == PrincipalKind::Service
                || (e.kind == PrincipalKind::Aws && e.values.iter().any(|v| v.known() == Some("*")))
        }),
        _ => false,
    }
}

/// Whether an `aws:SourceArn` value names one account (unknown values count as pinned).
fn pins_account(v: &ConditionValue) -> bool {
    let ConditionValue::String(s) = v else {
        return true;
    };
    if is_all_stars(s) {
        return false;
    }
    match Arn::parse(s) {
        Ok(arn) => !arn.account.is_empty() && !has_wildcard(arn.account),
        Err(_) => true,
    }
}

// ---------------------------------------------------------------------------------------------
// Actions against resources and keys.

/// Parliament's `RESOURCE_MISMATCH`: an action (or every action a pattern matches) acts on
/// none of the statement's resources.
fn check_resource_mismatch(cat: &Catalog, ix: &Index, st: &Statement, out: &mut Out<'_>) {
    let Some(actions) = st.action.as_ref().filter(|b| !b.negated) else {
        return;
    };
    let Some(resources) = st.resource.as_ref().filter(|b| !b.negated) else {
        return;
    };
    if resources.has_unknown() || resources.values.is_empty() {
        return;
    }
    let mut toks = Vec::new();
    for (text, _) in resources.known() {
        if is_all_stars(text) || Arn::parse(text).is_err() {
            return;
        }
        toks.push(pattern_tokens(text));
    }
    let mut cache: HashMap<(usize, usize), bool> = HashMap::new();
    let mut fits_type = |service: &str, type_name: &str| -> bool {
        let key = (service.to_ascii_lowercase(), type_name.to_ascii_lowercase());
        let Some(formats) = ix.by_type.get(&key) else {
            return true;
        };
        formats.iter().any(|&f| {
            let Some(format) = ix.formats.get(f) else {
                return true;
            };
            toks.iter().enumerate().any(|(r, t)| {
                *cache
                    .entry((r, f))
                    .or_insert_with(|| intersects(t, &format.whole))
            })
        })
    };
    for (pattern, span) in actions.known() {
        if is_full_wildcard_action(pattern) {
            continue;
        }
        let expanded = cat.expand(pattern);
        if expanded.is_empty() {
            continue;
        }
        // An action without resource types is authorized against `*`; the catalog gets a few
        // of those wrong (`logs:DescribeLogGroups` is checked against log-group ARNs), so they
        // are not judged.
        let fits = expanded.iter().any(|a| {
            a.resource_types.is_empty()
                || a.resource_types
                    .iter()
                    .any(|rt| fits_type(&a.service, &rt.name))
        });
        if fits {
            continue;
        }
        let message = match expanded.as_slice() {
            [a] if !has_wildcard(pattern) => {
                let types: Vec<String> = a
                    .resource_types
                    .iter()
                    .filter_map(|rt| {
                        let f = cat
                            .resource_type(&a.service, &rt.name)?
                            .arn_formats
                            .first()?;
                        Some(format!("{} {f}", rt.name))
                    })
                    .collect();
                format!(
                    "none of this statement's resources is of a type `{pattern}` acts on ({})",
                    list(types.iter().map(String::as_str), 3)
                )
            }
            _ => format!(
                "none of the {} actions matched by `{pattern}` acts on this statement's resources",
                expanded.len()
            ),
        };
        out.push("IAM1213", span, message);
    }
}

/// Whether `action` supports the key `lower` (lower-case).
fn action_supports(cat: &Catalog, action: &ActionInfo, lower: &str) -> bool {
    action_keys(cat, action).any(|k| key_matches(k, lower))
}

/// Parliament's `UNKNOWN_CONDITION_FOR_ACTION`: a service key that none of the statement's
/// actions supports. Global and cross-service keys always apply; keys of identity providers and
/// keys the catalog attaches to no action at all are left alone.
fn check_keys_against_actions(cat: &Catalog, ix: &Index, st: &Statement, out: &mut Out<'_>) {
    let Some(cond) = &st.condition else {
        return;
    };
    let Some(block) = st.action.as_ref().filter(|b| !b.negated) else {
        return;
    };
    if block.has_unknown() || block.values.is_empty() {
        return;
    }
    let mut actions: Vec<&ActionInfo> = Vec::new();
    for (pattern, _) in block.known() {
        if is_full_wildcard_action(pattern) {
            return;
        }
        let expanded = cat.expand(pattern);
        if expanded.is_empty() {
            return;
        }
        actions.extend(expanded);
    }
    for entry in cond.clauses.iter().flat_map(|c| c.entries.iter()) {
        let lower = entry.key.value.to_ascii_lowercase();
        let Some((prefix, _)) = lower.split_once(':') else {
            continue;
        };
        if prefix == "aws"
            || cat.service(prefix).is_none()
            || documented_global(&lower)
            || !ix.is_referenced(&lower)
        {
            continue;
        }
        if actions.iter().any(|a| action_supports(cat, a, &lower)) {
            continue;
        }
        let listed = list(block.known().map(|(p, _)| p), 4);
        out.push(
            "IAM1227",
            entry.key.span,
            format!(
                "`{}` is never in the request context of this statement's actions ({listed}): none of them supports it",
                entry.key.value
            ),
        );
    }
}

/// The global tag keys whose support varies by action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TagKey {
    ResourceTag,
    RequestTag,
    TagKeys,
}

impl TagKey {
    fn of(lower: &str) -> Option<Self> {
        let named = |p: &str| lower.len() > p.len() && lower.starts_with(p);
        if named("aws:resourcetag/") {
            Some(TagKey::ResourceTag)
        } else if named("aws:requesttag/") {
            Some(TagKey::RequestTag)
        } else if lower == "aws:tagkeys" {
            Some(TagKey::TagKeys)
        } else {
            None
        }
    }

    fn is(self, catalog_key: &str) -> bool {
        let starts = |p: &str| {
            catalog_key
                .get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p))
        };
        match self {
            TagKey::ResourceTag => starts("aws:resourcetag/"),
            TagKey::RequestTag => starts("aws:requesttag/"),
            TagKey::TagKeys => catalog_key.eq_ignore_ascii_case("aws:tagkeys"),
        }
    }
}

fn supports_tag(cat: &Catalog, action: &ActionInfo, tag: TagKey) -> bool {
    action_keys(cat, action).any(|k| tag.is(k))
}

/// Whether the condition on `entry` is false when its key is missing from the request context
/// (so an action without the key is not matched by the statement).
fn false_when_absent(op: &ConditionOperator, entry: &ConditionEntry) -> bool {
    if op.if_exists {
        return false;
    }
    match (op.set, &op.base) {
        (_, BaseOperator::Unknown(_)) | (Some(SetQualifier::ForAllValues), _) => false,
        (Some(SetQualifier::ForAnyValue), base) => *base != BaseOperator::Null,
        (None, BaseOperator::Null) => {
            !entry.values.is_empty()
                && entry.values.iter().all(|v| {
                    v.value
                        .as_text()
                        .is_some_and(|t| t.eq_ignore_ascii_case("false"))
                })
        }
        (None, base) => !base.is_negated(),
    }
}

/// The tag-support family: a statement keyed on `aws:ResourceTag/…`, `aws:RequestTag/…` or
/// `aws:TagKeys` (under an operator that is false when the key is missing) with actions that
/// never carry the key. An explicit action is reported when it lacks support. An action pattern
/// is reported in a Deny when some action it matches lacks support (the Deny silently skips
/// them), in an Allow only when every action it matches does (the pattern then grants nothing).
/// With `NotAction`, the statement is reported when some action it covers lacks support.
fn check_tag_support(cat: &Catalog, st: &Statement, out: &mut Out<'_>) {
    let (Some(cond), Some(block)) = (&st.condition, &st.action) else {
        return;
    };
    let deny = st.is_deny();
    if !deny && !st.is_allow() {
        return;
    }
    for clause in &cond.clauses {
        for entry in &clause.entries {
            let lower = entry.key.value.to_ascii_lowercase();
            let Some(tag) = TagKey::of(&lower) else {
                continue;
            };
            if !false_when_absent(&clause.operator.value, entry) {
                continue;
            }
            if block.negated {
                tag_support_not_action(cat, block, tag, deny, entry, out);
            } else {
                tag_support_actions(cat, block, tag, deny, entry, out);
            }
        }
    }
}

fn tag_support_actions(
    cat: &Catalog,
    block: &ValueBlock,
    tag: TagKey,
    deny: bool,
    entry: &ConditionEntry,
    out: &mut Out<'_>,
) {
    let mut patterns: Vec<&str> = Vec::new();
    let mut services: BTreeSet<&str> = BTreeSet::new();
    for (pattern, _) in block.known() {
        let expanded = cat.expand(pattern);
        if expanded.is_empty() {
            continue;
        }
        let unsupported: Vec<&ActionInfo> = expanded
            .iter()
            .copied()
            .filter(|a| !supports_tag(cat, a, tag))
            .collect();
        let report = if has_wildcard(pattern) && !deny {
            unsupported.len() == expanded.len()
        } else {
            !unsupported.is_empty()
        };
        if report {
            patterns.push(pattern);
            services.extend(unsupported.iter().map(|a| a.service.as_str()));
        }
    }
    if patterns.is_empty() {
        return;
    }
    let (id, effect) = if deny {
        ("IAM1228", "this Deny does not apply to them")
    } else {
        ("IAM1230", "this Allow grants them nothing")
    };
    out.push(
        id,
        entry.key.span,
        format!(
            "`{}` is never in the request context of {} ({} {}): {effect}",
            entry.key.value,
            list(patterns.iter().copied(), 4),
            if services.len() == 1 {
                "service"
            } else {
                "services"
            },
            list(services.iter().copied(), 5),
        ),
    );
}

fn tag_support_not_action(
    cat: &Catalog,
    block: &ValueBlock,
    tag: TagKey,
    deny: bool,
    entry: &ConditionEntry,
    out: &mut Out<'_>,
) {
    if block.has_unknown() {
        return;
    }
    let excluded: Vec<&str> = block.known().map(|(p, _)| p).collect();
    let mut services: Vec<&str> = Vec::new();
    for svc in cat.services() {
        let lacking = svc.actions().any(|a| {
            let name = a.full_name();
            !excluded.iter().any(|p| action_matches(p, &name)) && !supports_tag(cat, a, tag)
        });
        if lacking {
            services.push(svc.prefix());
        }
    }
    if services.is_empty() {
        return;
    }
    let (id, effect) = if deny {
        (
            "IAM1229",
            "this Deny with `NotAction` does not apply to them",
        )
    } else {
        ("IAM1231", "this Allow with `NotAction` grants them nothing")
    };
    out.push(
        id,
        entry.key.span,
        format!(
            "`{}` is never in the request context of many actions this statement covers, in {} services such as {}: {effect}",
            entry.key.value,
            services.len(),
            list(services.iter().copied(), 4),
        ),
    );
}

/// Up to `max` items in backticks, with a count of the rest.
fn list<'a>(items: impl Iterator<Item = &'a str>, max: usize) -> String {
    let all: Vec<&str> = items.collect();
    let mut shown: Vec<String> = all.iter().take(max).map(|s| format!("`{s}`")).collect();
    if all.len() > max {
        shown.push(format!("and {} more", all.len() - max));
    }
    shown.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fits(pattern: &str, format: &str) -> bool {
        intersects(&pattern_tokens(pattern), &format_tokens(format))
    }

    #[test]
    fn patterns_against_formats() {
        assert!(fits("role/app/*", "role/${RoleNameWithPath}"));
        assert!(!fits("roles/app", "role/${RoleNameWithPath}"));
        assert!(fits("*", "role/${RoleNameWithPath}"));
        assert!(fits("r?le/x", "role/${RoleNameWithPath}"));
        assert!(fits("${aws:username}/x", "${BucketName}/${ObjectName}"));
        // a bucket name never holds `/`
        assert!(!fits("my-bucket/*", "${BucketName}"));
        assert!(fits("my-bucket*", "${BucketName}"));
        assert!(fits("my-bucket/*", "${BucketName}/${ObjectName}"));
        assert!(!fits("my-bucket", "${BucketName}/${ObjectName}"));
        // a placeholder does not swallow the separator after it
        assert!(!fits("table/t/x", "table/${TableName}/index/${IndexName}"));
        assert!(fits(
            "table/t/index/*",
            "table/${TableName}/index/${IndexName}"
        ));
        assert!(fits(
            "log-group:/aws/lambda/f:*",
            "log-group:${LogGroupName}"
        ));
        assert!(fits("function:f:1", "function:${FunctionName}"));
    }

    #[test]
    fn regions() {
        for ok in [
            "us-east-1",
            "eu-central-2",
            "us-gov-west-1",
            "cn-northwest-1",
            "us-isob-east-1",
            "eusc-de-east-1",
            "ap-southeast-7",
        ] {
            assert!(region_code_valid(ok), "{ok}");
        }
        for bad in [
            "us-east",
            "us-east-1a",
            "US-EAST-1",
            "us-est-1",
            "useast1",
            "eu-west-1-",
            "",
        ] {
            assert!(!region_code_valid(bad), "{bad}");
        }
        for ok in [
            "*",
            "eu-*",
            "us-east-*",
            "us-gov-*",
            "ap-south*",
            "?s-east-1",
        ] {
            assert!(region_pattern_valid(ok), "{ok}");
        }
        for bad in ["eu-wset-*", "us-east-1-*", "EU-*", "xx-*"] {
            assert!(!region_pattern_valid(bad), "{bad}");
        }
    }

    #[test]
    fn keys_and_templates() {
        assert!(key_matches(
            "aws:ResourceTag/${TagKey}",
            "aws:resourcetag/team"
        ));
        assert!(!key_matches(
            "aws:ResourceTag/${TagKey}",
            "aws:resourcetag/"
        ));
        assert!(key_matches(
            "s3:ExistingObjectTag/<key>",
            "s3:existingobjecttag/x"
        ));
        assert!(key_matches("s3:prefix", "s3:prefix"));
        assert_eq!(
            tag_family_of_template("s3:existingobjecttag/<key>").as_deref(),
            Some("s3:existingobjecttag/")
        );
        assert_eq!(tag_family_of_template("kms:encryptioncontext:${k}"), None);
        assert_eq!(edit_distance("aws:sourceip", "aws:sourceip"), 0);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(
            suggest("aws:sourceipp", DOCUMENTED_GLOBAL_KEYS.iter().copied()),
            Some("aws:SourceIp")
        );
    }

    #[test]
    fn odd_input_never_panics() {
        let long = "x".repeat(5000);
        let values = [
            "arn:",
            "arn:::::",
            "arn:aws:s3:::${",
            "arn:aws:s3:::é?/*",
            "arn:aws:iam::${aws:PrincipalAccount}:role/${aws:username}",
            "arn:aws:ec2:us-east-1:123456789012:instance/??",
            "arn:aws-cn:ec2:*:*:*",
            "*:*:*",
            "",
            long.as_str(),
        ];
        let keys = [
            ":",
            "aws:",
            ":x",
            "aws:ResourceTag//",
            "aws:ResourceTag/é",
            "s3:",
            "secretsmanager:ResourceTag/",
            "kms:EncryptionContext:",
            "x.y:z",
            "AWS:REQUESTEDREGION",
        ];
        for t in [PolicyType::Identity, PolicyType::Resource, PolicyType::Rcp] {
            for (i, v) in values.iter().enumerate() {
                for &k in keys.iter().skip(i % 3).step_by(3) {
                    let v = *v;
                    let policy = serde_json::json!({
                        "Version": "2012-10-17",
                        "Statement": [{
                            "Effect": "Deny",
                            "Principal": {"AWS": [v], "Service": "s3.amazonaws.com"},
                            "NotAction": [v, "s3:Get*"],
                            "Resource": [v],
                            "Condition": {
                                "StringLike": {k: [v, "eu-*"]},
                                "Null": {"aws:SourceArn": "false"},
                                "ForAnyValue:StringEquals": {"aws:TagKeys": v}
                            }
                        }, {
                            "Effect": "Allow",
                            "Principal": "*",
                            "Action": [v, "ec2:*"],
                            "NotResource": v,
                            "Condition": {"ArnLike": {"aws:SourceArn": v, k: v}}
                        }]
                    });
                    let text = policy.to_string();
                    let _ = crate::lint::lint_text(&text, palisade_doc::Format::Json, t);
                }
            }
        }
    }

    #[test]
    fn arn_prefix_guess() {
        assert!(could_start_with_arn("*:s3:::b"));
        assert!(could_start_with_arn("ar*"));
        assert!(!could_start_with_arn("my-bucket/*"));
        assert!(!could_start_with_arn("s3:::bucket"));
    }
}
