use palisade_core::Severity;
use palisade_iam::{action_matches, Statement};

use super::util::{condition_note, documents, Kind};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::iam::util::IDENTITY_POLICY_TYPES;

declare_rule! {
    /// ## What it checks
    /// Identity policies (inline `Policies` of roles, users and groups; `AWS::IAM::Policy`,
    /// `AWS::IAM::ManagedPolicy`, `AWS::IAM::RolePolicy`, `AWS::IAM::UserPolicy`,
    /// `AWS::IAM::GroupPolicy`) with an `Allow` statement whose `Resource` is `*`: the actions
    /// apply to every resource of the account (and to other accounts' resources whose policies
    /// allow it).
    ///
    /// Severity: `medium`. **`low`** when every action of the statement only reads metadata or
    /// supports no resource-level permissions, so `*` is the only possible resource:
    /// `Describe*`, `List*` and `Get*` actions (such as `ec2:Describe*`, `s3:ListAllMyBuckets`,
    /// `sts:GetCallerIdentity`) and `cloudwatch:PutMetricData`, `xray:PutTraceSegments`,
    /// `xray:PutTelemetryRecords`, `ecr:GetAuthorizationToken`. Reads that return data or
    /// credentials stay `medium` even though they are `Get*` actions: `s3:GetObject`,
    /// `secretsmanager:GetSecretValue`, `ssm:GetParameter*`, `dynamodb:GetItem`,
    /// `kinesis:GetRecords`, `lambda:GetFunction`, `lambda:GetFunctionConfiguration` (environment
    /// variables), `glue:GetConnection`, `logs:GetLogEvents`, `ec2:GetPasswordData`,
    /// `sts:GetSessionToken` and similar (also when a pattern such as `s3:Get*` covers them). A statement with a
    /// `Condition` is still reported; the message names its keys. Statements with
    /// `Action: *` are also reported by CFN3001 and statements with `NotAction` by CFN3003.
    ///
    /// ## Why it matters
    /// `Resource: *` turns a permission on one bucket, queue or table into a permission on all of
    /// them, including the ones created later. It is the most common way least privilege is lost,
    /// and it lets a compromised workload reach data it never needed.
    ///
    /// ## How to fix
    /// Name the resources: `!GetAtt`/`!Ref` of the resources in the template, or ARN patterns
    /// limited to a prefix:
    /// ```yaml
    /// # before
    /// - Effect: Allow
    ///   Action: [sqs:SendMessage]
    ///   Resource: "*"
    /// # after
    /// - Effect: Allow
    ///   Action: [sqs:SendMessage]
    ///   Resource: !GetAtt OrdersQueue.Arn
    /// ```
    ///
    /// ## References
    /// - [IAM JSON policy elements: Resource](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html)
    /// - [Actions, resources, and condition keys for AWS services](https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html)
    /// - cfn_nag W11 (role), W12 (policy), W13 (managed policy); checkov CKV_AWS_111 (partly: write actions only)
    ///
    /// ## Unknown values
    /// A `Resource` value that is not known before deployment and might be `*` (a parameter
    /// without a value, an `Fn::ImportValue`) gives an `info` finding naming it; values that can
    /// never be `*` (`!GetAtt`, `!Ref` of a resource, an `!Sub` ARN with text around its
    /// placeholders) are not reported. An `Effect`, statement or document that is not known gives
    /// an `info` finding. An unknown `Action` value keeps the severity at `medium`.
    PolicyAllowsAllResources {
        code: "CFN3002",
        name: "iam-policy-allows-all-resources",
        severity: Medium,
        group: "iam",
        summary: "identity policy allows actions on every resource (`Resource: *`); low for read/list-only statements",
        types: IDENTITY_POLICY_TYPES,
        xrefs: [CfnNag("W11"), CfnNag("W12"), CfnNag("W13"), Checkov("CKV_AWS_111")],
    }
}

/// Actions that support no resource-level permissions (only `Resource: *` works).
const RESOURCELESS: &[&str] = &[
    "cloudwatch:PutMetricData",
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
    "ecr:GetAuthorizationToken",
];

/// `Get*` actions that return data or credentials: not harmless on every resource.
const SENSITIVE_READS: &[&str] = &[
    "s3:GetObject",
    "s3:GetObjectVersion",
    "secretsmanager:GetSecretValue",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
    "ssm:GetParameterHistory",
    "dynamodb:GetItem",
    "dynamodb:GetRecords",
    "kinesis:GetRecords",
    "lambda:GetFunction",
    "lambda:GetFunctionConfiguration",
    "glue:GetConnection",
    "glue:GetConnections",
    "logs:GetLogEvents",
    "logs:GetLogRecord",
    "logs:GetQueryResults",
    "athena:GetQueryResults",
    "appconfig:GetConfiguration",
    "appconfig:GetLatestConfiguration",
    "cloudformation:GetTemplate",
    "ec2:GetPasswordData",
    "ecr:GetDownloadUrlForLayer",
    "codecommit:GetFile",
    "codecommit:GetBlob",
    "glacier:GetJobOutput",
    "sts:GetSessionToken",
    "sts:GetFederationToken",
    "cognito-identity:GetCredentialsForIdentity",
    "redshift:GetClusterCredentials",
    "sso:GetRoleCredentials",
    "codeartifact:GetAuthorizationToken",
    "lightsail:GetInstanceAccessDetails",
    "gamelift:GetInstanceAccess",
];

/// Whether an `Action` pattern only reads metadata or names an action with no resource-level
/// permissions.
fn is_read_only(pattern: &str) -> bool {
    if RESOURCELESS.iter().any(|a| a.eq_ignore_ascii_case(pattern)) {
        return true;
    }
    let Some((_, name)) = pattern.split_once(':') else {
        return false;
    };
    let name = name.to_ascii_lowercase();
    let reads = ["describe", "list", "get"]
        .iter()
        .any(|p| name.starts_with(p));
    reads && !SENSITIVE_READS.iter().any(|a| action_matches(pattern, a))
}

/// Whether every action of the statement is read-only (all known, `Action` not `NotAction`).
fn read_only(st: &Statement) -> bool {
    st.action.as_ref().is_some_and(|b| {
        !b.negated
            && !b.values.is_empty()
            && !b.has_unknown()
            && b.known().all(|(p, _)| is_read_only(p))
    })
}

impl Rule for PolicyAllowsAllResources {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        for doc in documents(cx).iter().filter(|d| d.kind == Kind::Identity) {
            if doc.unreadable(hits, "allows actions on every resource (`Resource: *`)") {
                continue;
            }
            for st in &doc.policy.statements {
                let found = doc.star_resource(cx.template, st);
                let actions = match &st.action {
                    Some(b) if b.negated => format!("every action except {}", doc.quoted_values(b)),
                    Some(b) => doc.quoted_values(b),
                    None => "actions".to_owned(),
                };
                let (severity, what) = if read_only(st) {
                    (
                        Some(Severity::Low),
                        format!("allows {actions} on every resource (`Resource: *`); the actions only read metadata or support no resource-level permissions"),
                    )
                } else {
                    (
                        None,
                        format!("allows {actions} on every resource (`Resource: *`)"),
                    )
                };
                doc.report(hits, st, found, severity, &what, &condition_note(st));
            }
        }
    }
}
