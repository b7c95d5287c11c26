//! Checks: what a policy lets its holder do that is risky — Cloudsplaining's risk categories and
//! Parliament's risk auditors, judged one policy at a time.
//!
//! # What "granted" means here
//!
//! An action is granted when an `Allow` statement's `Action` (or `NotAction`) covers it and no
//! *unconditional denial* of the same policy removes it. An unconditional denial is a `Deny`
//! statement without a `Condition`, with `Resource: "*"`, whose `Action`/`NotAction` covers the
//! action. A `Deny` with a condition or on named resources leaves the action granted elsewhere, so
//! it is not subtracted.
//!
//! The checks are condition-aware: an `Allow` statement whose `Condition` pins it to known
//! callers, networks, organisations or resource tags ([`restricting_condition`]) does not count
//! as granting for the escalation, exposure, exfiltration and infrastructure checks (Cloudsplaining
//! ignores conditions; we do not), and lowers the severity of the checks that still report it.
//! One exception: `iam:PassRole` restricted only by `iam:PassedToService` still counts for the
//! escalation methods that pass the role to the service the condition names.
//!
//! # Every resource
//!
//! "On every resource" means `Resource: "*"`, `NotResource`, or an ARN pattern of the action's
//! service that leaves every resource of a type open (`arn:aws:s3:::*`,
//! `arn:aws:lambda:us-east-1:123456789012:function:*`: only the resource id is a wildcard, after
//! the literal part of one of the service's ARN formats). Region and account are not looked at:
//! an identity policy reaches the resources of its own account, and a pattern naming that account
//! is as wide as `*` there.

use palisade_core::{Severity, Span};

use super::{lowered, restricting_condition, Check, Ctx, FindingType, Out, PolicyType};
use crate::arn::{is_account_id, Arn};
use crate::catalog::{AccessLevel, ActionInfo, Catalog};
use crate::policy::{
    resource_matches, BaseOperator, ConditionOperator, ConditionValue, PrincipalKind,
    PrincipalValue, SetQualifier, Spanned, Statement,
};

/// The risk checks, IAM1601–IAM1612.
pub(super) const CHECKS: &[Check] = &[
    Check {
        id: "IAM1601",
        name: "privilege-escalation",
        access_analyzer: None,
        parliament: &["PRIVILEGE_ESCALATION"],
        cloudsplaining: Some("PrivilegeEscalation"),
        kind: FindingType::SecurityWarning,
        severity: Severity::High,
        summary: "The policy grants every action of a known IAM privilege-escalation method",
        why: "Each method is a set of actions that, granted together, let the holder obtain more \
              permissions than the policy gives: by rewriting its own policies, by minting \
              credentials of another user, or by making an AWS service run code of its choosing \
              with a more privileged role. Whoever holds the policy can then become an \
              administrator. Statements whose conditions pin them to known callers, networks or \
              resource tags do not count; `iam:PassRole` restricted by `iam:PassedToService` to \
              the service a method uses still counts. Methods that take over an existing \
              resource (a function, an instance, a stack) count only when the action is granted \
              on every resource of its type, and credential methods do not count on the caller's \
              own user (`${aws:username}`). One finding is reported per method, at its first \
              granting action; when every open method is granted by one `*`, a single finding \
              names them all.",
        fix: "Remove one action of the method, or scope it: name the roles `iam:PassRole` may \
              pass (and add `iam:PassedToService`), name the users, groups, roles and policies \
              IAM actions may change, and name the functions, instances or projects that may be \
              changed. For example grant `iam:PassRole` only on \
              `arn:aws:iam::123456789012:role/app-lambda` with \
              `\"Condition\": {\"StringEquals\": {\"iam:PassedToService\": \
              \"lambda.amazonaws.com\"}}`, and make sure that role is not more privileged than \
              the caller.",
        applies: &[PolicyType::Identity],
    },
    Check {
        id: "IAM1602",
        name: "resource-exposure",
        access_analyzer: None,
        parliament: &["PERMISSIONS_MANAGEMENT_ACTIONS"],
        cloudsplaining: Some("ResourceExposure"),
        kind: FindingType::SecurityWarning,
        severity: Severity::High,
        summary: "Permissions-management actions are granted on every resource without a \
                  restricting condition",
        why: "Permissions-management actions change who may use a resource: they rewrite bucket, \
              key, queue or topic policies, share resources with other accounts, attach IAM \
              policies. Granted on every resource, they let the holder open any of the \
              account's resources to anyone, or give itself more rights. Actions that cannot be \
              scoped to a resource (the catalog lists no resource type for them) are left to \
              `permissions-management-actions`.",
        fix: "Name the resources the actions may change instead of `*`, or add a condition that \
              pins the statement (e.g. `aws:ResourceTag/team`). Example: \
              `\"Resource\": \"arn:aws:s3:::app-logs\"` for `s3:PutBucketPolicy`.",
        applies: &[PolicyType::Identity],
    },
    Check {
        id: "IAM1603",
        name: "permissions-management-actions",
        access_analyzer: None,
        parliament: &["PERMISSIONS_MANAGEMENT_ACTIONS"],
        cloudsplaining: None,
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "Permissions-management actions are granted (on named resources, under \
                  conditions, or actions that cannot be scoped)",
        why: "Permissions-management actions change who may use a resource. Even scoped to named \
              resources or restricted by conditions, they let the holder hand out access to \
              those resources, so each grant deserves a review. The ones granted on every \
              resource without a restricting condition are reported by `resource-exposure` \
              instead, so one grant is reported by one of the two checks. The severity is \
              lowered when a condition restricts the statement.",
        fix: "Keep permissions-management actions to the administrators who need them; for the \
              others remove the actions or narrow the resources and add conditions.",
        applies: &[PolicyType::Identity],
    },
    Check {
        id: "IAM1604",
        name: "credentials-exposure",
        access_analyzer: None,
        parliament: &["CREDENTIALS_EXPOSURE"],
        cloudsplaining: Some("CredentialsExposure"),
        kind: FindingType::SecurityWarning,
        severity: Severity::High,
        summary: "The policy grants actions that return credentials in their response",
        why: "These actions hand back secrets: temporary AWS credentials (`sts:AssumeRole`, \
              `sts:GetFederationToken`), access keys (`iam:CreateAccessKey`), registry and \
              database tokens (`ecr:GetAuthorizationToken`, `redshift:GetClusterCredentials`), \
              private keys and sign-in URLs. Whoever holds them can act outside the reach of this \
              policy, and a leaked response leaks access. High on every resource without a \
              restricting condition; one step lower when the resources are named, one more when \
              a condition restricts the statement. Actions that only authorise a connection whose \
              token the client signs itself (`rds-db:connect`, `dsql:DbConnect`) and actions \
              that only change a key's status (`iam:UpdateAccessKey`) are not listed.",
        fix: "Grant credential-returning actions only on the roles, users, clusters or \
              repositories that need them, e.g. `sts:AssumeRole` on \
              `arn:aws:iam::123456789012:role/deploy`, and add conditions such as \
              `aws:SourceVpce` or `aws:PrincipalTag/...` where possible.",
        applies: &[PolicyType::Identity],
    },
    Check {
        id: "IAM1605",
        name: "data-exfiltration",
        access_analyzer: None,
        parliament: &[],
        cloudsplaining: Some("DataExfiltration"),
        kind: FindingType::SecurityWarning,
        severity: Severity::Medium,
        summary: "Actions that read stored data or secrets are granted on every resource without \
                  a restricting condition",
        why: "`s3:GetObject`, `s3:GetObjectVersion`, `ssm:GetParameter(s)`, \
              `ssm:GetParametersByPath`, `ssm:GetParameterHistory`, \
              `secretsmanager:GetSecretValue` and `secretsmanager:BatchGetSecretValue` return the \
              data itself. Granted on every resource, they let the holder read every object, \
              parameter and secret of the account, not only those its job needs. `kms:Decrypt` is \
              not listed: it only turns ciphertext the caller already holds into plaintext, and \
              key policies gate it as well.",
        fix: "Name the buckets, prefixes, parameter paths and secrets the holder needs, e.g. \
              `arn:aws:s3:::app-data/reports/*` or \
              `arn:aws:ssm:eu-west-1:123456789012:parameter/app/*`, or restrict the statement \
              with a condition such as `aws:ResourceTag/app`.",
        applies: &[PolicyType::Identity],
    },
    Check {
        id: "IAM1606",
        name: "service-wildcard",
        access_analyzer: None,
        parliament: &[],
        cloudsplaining: Some("ServiceWildcard"),
        kind: FindingType::Warning,
        severity: Severity::Medium,
        summary: "An Allow statement grants every action of a service (`service:*`)",
        why: "`service:*` grants every action the service has now and every action AWS adds \
              later, including its permissions-management and destructive ones. It is rarely what \
              the holder needs. The severity is lowered when the statement names resources or a \
              condition restricts it; it is not reported when unconditional denials of the same \
              policy take every action of the service back.",
        fix: "List the actions needed, e.g. `[\"s3:GetObject\", \"s3:PutObject\"]` instead of \
              `s3:*`, or at least the access level needed (`s3:Get*`, `s3:List*`).",
        applies: &[PolicyType::Identity, PolicyType::Resource],
    },
    Check {
        id: "IAM1607",
        name: "infrastructure-modification",
        access_analyzer: None,
        parliament: &[],
        cloudsplaining: Some("InfrastructureModification"),
        kind: FindingType::Warning,
        severity: Severity::Low,
        summary: "Write, tagging or permissions-management actions are granted on every \
                  resource without a restricting condition",
        why: "Actions that create, change or delete resources, granted on every resource, let \
              the holder change any resource of the account they cover, not only those of its \
              workload. Unlike Cloudsplaining, a statement restricted by a condition (caller, \
              network, organisation, resource tag) is not reported, and actions that cannot be \
              scoped to a resource (no resource type in the catalog) are not counted.",
        fix: "Name the resources the actions may change, or restrict the statement with a \
              condition, e.g. `\"Condition\": {\"StringEquals\": {\"aws:ResourceTag/app\": \
              \"billing\"}}`.",
        applies: &[PolicyType::Identity],
    },
    Check {
        id: "IAM1608",
        name: "resource-policy-privilege-escalation",
        access_analyzer: None,
        parliament: &["RESOURCE_POLICY_PRIVILEGE_ESCALATION"],
        cloudsplaining: None,
        kind: FindingType::SecurityWarning,
        severity: Severity::Medium,
        summary: "The policy lets the holder rewrite a resource's policy while withholding other \
                  actions on that resource",
        why: "Actions such as `s3:PutBucketPolicy`, `kms:PutKeyPolicy`, `kms:CreateGrant`, \
              `sqs:SetQueueAttributes` or `lambda:AddPermission` change the resource's own policy. \
              Whoever can rewrite it can grant itself any action on the resource, so the actions \
              this policy withholds are only withheld in appearance. The check compares with the \
              actions of the same service that apply to the same resource type and reports one \
              example; statements restricted by a condition are not counted as granting the \
              rewrite.",
        fix: "Remove the policy-rewriting action, or scope it to resources on which the holder \
              may do everything anyway; give policy changes to a separate administrative role.",
        applies: &[PolicyType::Identity],
    },
    Check {
        id: "IAM1609",
        name: "assumable-by-any-principal",
        access_analyzer: None,
        parliament: &[],
        cloudsplaining: Some("AssumableByAnyPrincipal"),
        kind: FindingType::SecurityWarning,
        severity: Severity::Critical,
        summary: "The role's trust policy lets any AWS principal assume it",
        why: "`\"Principal\": \"*\"` or `{\"AWS\": \"*\"}` in a trust policy means any IAM user \
              or role of any AWS account may assume the role, as long as its own policies allow \
              `sts:AssumeRole`, which attackers' own accounts do. Conditions that do not pin the \
              caller (MFA, time, `sts:ExternalId`) do not change that; a condition that pins the \
              caller's account, organisation or ARN (`aws:PrincipalOrgID`, `aws:PrincipalArn`, \
              ...) moves the finding to `assumable-by-any-principal-with-conditions`.",
        fix: "Name the principals: `\"Principal\": {\"AWS\": \
              \"arn:aws:iam::123456789012:role/ci\"}`, or keep `*` and add \
              `\"Condition\": {\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-abc123\"}}`.",
        applies: &[PolicyType::RoleTrust],
    },
    Check {
        id: "IAM1610",
        name: "assumable-by-any-principal-with-conditions",
        access_analyzer: None,
        parliament: &[],
        cloudsplaining: Some("AssumableByAnyPrincipalWithConditions"),
        kind: FindingType::SecurityWarning,
        severity: Severity::Medium,
        summary: "The role's trust policy lets any AWS principal assume it, under conditions that \
                  restrict the caller",
        why: "The trust rests entirely on the conditions: a mistake in a value (a wrong \
              organisation id, a too-wide `StringLike` pattern) opens the role to every AWS \
              account. Naming the principals is easier to review and fails closed.",
        fix: "Prefer naming the trusted principals in `Principal`; otherwise review that the \
              condition values (`aws:PrincipalOrgID`, `aws:PrincipalArn`, ...) are exact.",
        applies: &[PolicyType::RoleTrust],
    },
    Check {
        id: "IAM1611",
        name: "assumable-by-cross-account-principal",
        access_analyzer: None,
        parliament: &[],
        cloudsplaining: Some("AssumableByCrossAccountPrincipal"),
        kind: FindingType::SecurityWarning,
        severity: Severity::Medium,
        summary: "The role's trust policy names principals of an AWS account",
        why: "A trust policy does not say which account its role is in, so every account named \
              by an `AWS` principal (an account id, a root, user or role ARN) is reported once; \
              when it is another account than the role's, principals of that account can assume \
              the role, and that account's administrators decide who they are. The severity is \
              lowered when the statement requires an `sts:ExternalId` or a condition restricts \
              the caller. Values that are unresolved template expressions (such as \
              `${AWS::AccountId}`) are not reported. Suppress the finding for the role's own \
              account.",
        fix: "Check that each named account is trusted. For third parties require an external \
              id: `\"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"...\"}}`; name the \
              role rather than the account root when possible.",
        applies: &[PolicyType::RoleTrust],
    },
    Check {
        id: "IAM1612",
        name: "assumable-by-compute-service",
        access_analyzer: None,
        parliament: &[],
        cloudsplaining: Some("AssumableByComputeService"),
        kind: FindingType::Warning,
        severity: Severity::Low,
        summary: "The role can be assumed by a service that runs code (EC2, ECS tasks, Lambda, \
                  ...)",
        why: "Code running on that service gets the role's credentials: anyone who can run code \
              there with this role, or pass the role to the service (`iam:PassRole`), acts with \
              its permissions, and a compromised workload leaks them. Such roles deserve least \
              privilege and a review of who may pass them. Lowered when a condition restricts the \
              statement (e.g. `aws:SourceArn`).",
        fix: "Keep the role's permissions to what the workload needs, restrict `iam:PassRole` on \
              it, and add `aws:SourceArn`/`aws:SourceAccount` conditions where the service \
              supports them.",
        applies: &[PolicyType::RoleTrust],
    },
];

/// How widely a step's action must be granted for the step to count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    /// On any resource: the method creates what it uses.
    Any,
    /// On every resource of its type: the method takes over an existing resource (a function, an
    /// instance, a stack) that runs with a role. A grant on named resources depends on the role
    /// those resources run with, which one policy does not tell.
    Every,
    /// On some resource other than the caller's own user: a grant on `${aws:username}` only lets
    /// the caller manage its own credentials.
    Others,
}

/// One action a method needs.
#[derive(Clone, Copy, Debug)]
struct Step {
    action: &'static str,
    scope: Scope,
}

const fn any(action: &'static str) -> Step {
    Step {
        action,
        scope: Scope::Any,
    }
}

const fn every(action: &'static str) -> Step {
    Step {
        action,
        scope: Scope::Every,
    }
}

const fn others(action: &'static str) -> Step {
    Step {
        action,
        scope: Scope::Others,
    }
}

const PASS_ROLE: Step = any("iam:PassRole");

/// A privilege-escalation method: a set of actions that together give the holder more rights.
#[derive(Clone, Copy, Debug)]
struct Method {
    /// Our name for it.
    name: &'static str,
    /// Every action it needs.
    steps: &'static [Step],
    /// The service principal a passed role is handed to, for methods with `iam:PassRole`: a
    /// grant restricted by `iam:PassedToService` to that service still counts.
    pass_to: Option<&'static str>,
    /// How it escalates (a clause, lowercase, no final period).
    how: &'static str,
}

const fn method(name: &'static str, steps: &'static [Step], how: &'static str) -> Method {
    Method {
        name,
        steps,
        pass_to: None,
        how,
    }
}

const fn pass(
    name: &'static str,
    service: &'static str,
    steps: &'static [Step],
    how: &'static str,
) -> Method {
    Method {
        name,
        steps,
        pass_to: Some(service),
        how,
    }
}

/// The privilege-escalation methods palisade knows, written from public AWS documentation of
/// the actions involved.
const METHODS: &[Method] = &[
    // Rewriting or widening one's own IAM permissions.
    method(
        "CreatePolicyVersion",
        &[any("iam:CreatePolicyVersion")],
        "a new default version of a customer managed policy attached to the caller can grant it anything",
    ),
    method(
        "SetDefaultPolicyVersion",
        &[any("iam:SetDefaultPolicyVersion")],
        "an older, wider version of a managed policy attached to the caller can be made the default again",
    ),
    method(
        "AttachUserPolicy",
        &[any("iam:AttachUserPolicy")],
        "any managed policy, such as AdministratorAccess, can be attached to a user, the caller included",
    ),
    method(
        "AttachGroupPolicy",
        &[any("iam:AttachGroupPolicy")],
        "any managed policy can be attached to a group the caller belongs to",
    ),
    method(
        "AttachRolePolicy",
        &[any("iam:AttachRolePolicy")],
        "any managed policy can be attached to a role the caller uses or can assume",
    ),
    method(
        "PutUserPolicy",
        &[any("iam:PutUserPolicy")],
        "an inline policy granting anything can be written into a user, the caller included",
    ),
    method(
        "PutGroupPolicy",
        &[any("iam:PutGroupPolicy")],
        "an inline policy granting anything can be written into a group the caller belongs to",
    ),
    method(
        "PutRolePolicy",
        &[any("iam:PutRolePolicy")],
        "an inline policy granting anything can be written into a role the caller uses or can assume",
    ),
    method(
        "AddUserToGroup",
        &[any("iam:AddUserToGroup")],
        "the caller can add itself to a more privileged group",
    ),
    method(
        "DeleteUserPermissionsBoundary",
        &[any("iam:DeleteUserPermissionsBoundary")],
        "the permissions boundary that caps a user, the caller included, can be removed",
    ),
    method(
        "DeleteRolePermissionsBoundary",
        &[any("iam:DeleteRolePermissionsBoundary")],
        "the permissions boundary that caps a role the caller uses can be removed",
    ),
    method(
        "PutUserPermissionsBoundary",
        &[any("iam:PutUserPermissionsBoundary")],
        "a user's permissions boundary, the caller's included, can be replaced by a wider policy",
    ),
    method(
        "PutRolePermissionsBoundary",
        &[any("iam:PutRolePermissionsBoundary")],
        "the permissions boundary of a role the caller uses can be replaced by a wider policy",
    ),
    method(
        "UpdateAssumeRolePolicyThenAssume",
        &[any("iam:UpdateAssumeRolePolicy"), any("sts:AssumeRole")],
        "the trust policy of a privileged role can be rewritten to trust the caller, which then assumes it",
    ),
    // Acting as another user.
    method(
        "CreateAccessKey",
        &[others("iam:CreateAccessKey")],
        "access keys can be created for another, more privileged user and used to act as that user",
    ),
    method(
        "CreateLoginProfile",
        &[others("iam:CreateLoginProfile")],
        "a console password can be set for a user that has none, and the caller signs in as that user",
    ),
    method(
        "UpdateLoginProfile",
        &[others("iam:UpdateLoginProfile")],
        "another user's console password can be reset, and the caller signs in as that user",
    ),
    // Passing a role to a new resource that runs code of the caller's choosing.
    pass(
        "PassRoleToNewLambdaInvoke",
        "lambda.amazonaws.com",
        &[PASS_ROLE, any("lambda:CreateFunction"), any("lambda:InvokeFunction")],
        "a new function can run the caller's code as a more privileged role and be invoked directly",
    ),
    pass(
        "PassRoleToNewLambdaEventSource",
        "lambda.amazonaws.com",
        &[PASS_ROLE, any("lambda:CreateFunction"), any("lambda:CreateEventSourceMapping")],
        "a new function can run the caller's code as a more privileged role, triggered by a queue or stream",
    ),
    pass(
        "PassRoleToNewLambdaFunctionUrl",
        "lambda.amazonaws.com",
        &[
            PASS_ROLE,
            any("lambda:CreateFunction"),
            any("lambda:CreateFunctionUrlConfig"),
            any("lambda:AddPermission"),
        ],
        "a new function can run the caller's code as a more privileged role behind a public function URL",
    ),
    pass(
        "PassRoleToNewEc2Instance",
        "ec2.amazonaws.com",
        &[PASS_ROLE, any("ec2:RunInstances")],
        "a new instance can be launched with a more privileged instance profile and user data of the caller's choosing",
    ),
    pass(
        "PassRoleToNewSpotInstance",
        "ec2.amazonaws.com",
        &[PASS_ROLE, any("ec2:RequestSpotInstances")],
        "a spot request can launch an instance with a more privileged instance profile and the caller's user data",
    ),
    pass(
        "PassRoleToExistingEc2Instance",
        "ec2.amazonaws.com",
        &[PASS_ROLE, any("ec2:AssociateIamInstanceProfile")],
        "a more privileged instance profile can be attached to an instance the caller already controls",
    ),
    pass(
        "PassRoleReplaceEc2InstanceProfile",
        "ec2.amazonaws.com",
        &[PASS_ROLE, any("ec2:ReplaceIamInstanceProfileAssociation")],
        "the instance profile of an instance the caller controls can be swapped for a more privileged one",
    ),
    pass(
        "PassRoleToAutoScalingLaunchTemplate",
        "ec2.amazonaws.com",
        &[
            PASS_ROLE,
            any("ec2:CreateLaunchTemplate"),
            any("autoscaling:CreateAutoScalingGroup"),
        ],
        "an Auto Scaling group can launch instances from a template carrying a more privileged instance profile",
    ),
    pass(
        "PassRoleToAutoScalingLaunchConfiguration",
        "ec2.amazonaws.com",
        &[
            PASS_ROLE,
            any("autoscaling:CreateLaunchConfiguration"),
            any("autoscaling:CreateAutoScalingGroup"),
        ],
        "an Auto Scaling group can launch instances from a launch configuration carrying a more privileged instance profile",
    ),
    pass(
        "PassRoleToNewCloudFormationStack",
        "cloudformation.amazonaws.com",
        &[PASS_ROLE, any("cloudformation:CreateStack")],
        "a new stack can be created with a more privileged service role, which CloudFormation uses to create any resource",
    ),
    pass(
        "PassRoleToCloudFormationChangeSet",
        "cloudformation.amazonaws.com",
        &[
            PASS_ROLE,
            any("cloudformation:CreateChangeSet"),
            any("cloudformation:ExecuteChangeSet"),
        ],
        "a change set executed with a more privileged service role lets CloudFormation create any resource",
    ),
    pass(
        "PassRoleToCloudFormationStackUpdate",
        "cloudformation.amazonaws.com",
        &[PASS_ROLE, any("cloudformation:UpdateStack")],
        "a stack can be updated under a more privileged service role",
    ),
    pass(
        "PassRoleToGlueDevEndpoint",
        "glue.amazonaws.com",
        &[PASS_ROLE, any("glue:CreateDevEndpoint")],
        "a development endpoint reachable over SSH can be created with a more privileged role",
    ),
    pass(
        "PassRoleToNewGlueJob",
        "glue.amazonaws.com",
        &[PASS_ROLE, any("glue:CreateJob"), any("glue:StartJobRun")],
        "a new job can run the caller's script as a more privileged role",
    ),
    pass(
        "PassRoleToNewGlueJobTrigger",
        "glue.amazonaws.com",
        &[PASS_ROLE, any("glue:CreateJob"), any("glue:CreateTrigger")],
        "a new job started by a trigger can run the caller's script as a more privileged role",
    ),
    pass(
        "PassRoleToUpdatedGlueJob",
        "glue.amazonaws.com",
        &[PASS_ROLE, any("glue:UpdateJob"), any("glue:StartJobRun")],
        "an existing job can be pointed at the caller's script and a more privileged role, then run",
    ),
    pass(
        "PassRoleToGlueInteractiveSession",
        "glue.amazonaws.com",
        &[PASS_ROLE, any("glue:CreateSession"), any("glue:RunStatement")],
        "an interactive session can run the caller's code as a more privileged role",
    ),
    pass(
        "PassRoleToDataPipeline",
        "datapipeline.amazonaws.com",
        &[
            PASS_ROLE,
            any("datapipeline:CreatePipeline"),
            any("datapipeline:PutPipelineDefinition"),
            any("datapipeline:ActivatePipeline"),
        ],
        "a pipeline whose activities run shell commands can be created and run with more privileged roles",
    ),
    pass(
        "PassRoleToNewCodeBuildProject",
        "codebuild.amazonaws.com",
        &[PASS_ROLE, any("codebuild:CreateProject"), any("codebuild:StartBuild")],
        "a new project's build runs the caller's commands as a more privileged service role",
    ),
    pass(
        "PassRoleToNewCodeBuildBatch",
        "codebuild.amazonaws.com",
        &[PASS_ROLE, any("codebuild:CreateProject"), any("codebuild:StartBuildBatch")],
        "a new project's batch build runs the caller's commands as a more privileged service role",
    ),
    pass(
        "PassRoleToUpdatedCodeBuildProject",
        "codebuild.amazonaws.com",
        &[PASS_ROLE, any("codebuild:UpdateProject"), any("codebuild:StartBuild")],
        "an existing project can be given a more privileged service role and the caller's commands, then built",
    ),
    pass(
        "PassRoleToEcsRunTask",
        "ecs-tasks.amazonaws.com",
        &[PASS_ROLE, any("ecs:RegisterTaskDefinition"), any("ecs:RunTask")],
        "a task definition with a more privileged task role and the caller's container can be registered and run",
    ),
    pass(
        "PassRoleToEcsStartTask",
        "ecs-tasks.amazonaws.com",
        &[PASS_ROLE, any("ecs:RegisterTaskDefinition"), any("ecs:StartTask")],
        "a task definition with a more privileged task role can be registered and started on a chosen instance",
    ),
    pass(
        "PassRoleToNewEcsService",
        "ecs-tasks.amazonaws.com",
        &[PASS_ROLE, any("ecs:RegisterTaskDefinition"), any("ecs:CreateService")],
        "a service can keep running a task definition with a more privileged task role",
    ),
    pass(
        "PassRoleToUpdatedEcsService",
        "ecs-tasks.amazonaws.com",
        &[PASS_ROLE, any("ecs:RegisterTaskDefinition"), any("ecs:UpdateService")],
        "an existing service can be switched to a task definition with a more privileged task role",
    ),
    pass(
        "PassRoleToBatchJob",
        "batch.amazonaws.com",
        &[PASS_ROLE, any("batch:RegisterJobDefinition"), any("batch:SubmitJob")],
        "a job definition with a more privileged job role and the caller's container can be registered and submitted",
    ),
    pass(
        "PassRoleToSageMakerNotebook",
        "sagemaker.amazonaws.com",
        &[
            PASS_ROLE,
            any("sagemaker:CreateNotebookInstance"),
            any("sagemaker:CreatePresignedNotebookInstanceUrl"),
        ],
        "a notebook instance with a more privileged execution role can be created and opened in a browser",
    ),
    pass(
        "PassRoleToSageMakerTrainingJob",
        "sagemaker.amazonaws.com",
        &[PASS_ROLE, any("sagemaker:CreateTrainingJob")],
        "a training job runs the caller's container as a more privileged execution role",
    ),
    pass(
        "PassRoleToSageMakerProcessingJob",
        "sagemaker.amazonaws.com",
        &[PASS_ROLE, any("sagemaker:CreateProcessingJob")],
        "a processing job runs the caller's container as a more privileged execution role",
    ),
    pass(
        "PassRoleToAppRunnerService",
        "tasks.apprunner.amazonaws.com",
        &[PASS_ROLE, any("apprunner:CreateService")],
        "a new service runs the caller's image or start command with a more privileged instance role",
    ),
    pass(
        "PassRoleToStepFunctions",
        "states.amazonaws.com",
        &[PASS_ROLE, any("states:CreateStateMachine"), any("states:StartExecution")],
        "a state machine can call any AWS API through its service integrations as a more privileged role",
    ),
    pass(
        "PassRoleToEventBridgeSchedule",
        "scheduler.amazonaws.com",
        &[PASS_ROLE, any("scheduler:CreateSchedule")],
        "a schedule's universal target can call any AWS API as a more privileged role",
    ),
    pass(
        "PassRoleToEmrCluster",
        "elasticmapreduce.amazonaws.com",
        &[PASS_ROLE, any("elasticmapreduce:RunJobFlow")],
        "a cluster can be launched whose instances run the caller's steps under a more privileged instance profile",
    ),
    pass(
        "PassRoleToSsmAutomation",
        "ssm.amazonaws.com",
        &[PASS_ROLE, any("ssm:CreateDocument"), any("ssm:StartAutomationExecution")],
        "an automation runbook of the caller's making can call any AWS API as a more privileged role",
    ),
    pass(
        "PassRoleToAgentCoreCodeInterpreter",
        "bedrock-agentcore.amazonaws.com",
        &[
            PASS_ROLE,
            any("bedrock-agentcore:CreateCodeInterpreter"),
            any("bedrock-agentcore:StartCodeInterpreterSession"),
            any("bedrock-agentcore:InvokeCodeInterpreter"),
        ],
        "a code interpreter with a more privileged execution role runs the caller's code",
    ),
    // Taking over an existing resource that runs with a role.
    method(
        "UpdateExistingLambdaCode",
        &[every("lambda:UpdateFunctionCode")],
        "the code of any existing function can be replaced, and it then runs as the function's role",
    ),
    method(
        "UpdateExistingLambdaConfiguration",
        &[every("lambda:UpdateFunctionConfiguration")],
        "a layer or handler of the caller's choosing can be added to any existing function, which runs it as its role",
    ),
    method(
        "UpdateExistingCloudFormationStack",
        &[every("cloudformation:UpdateStack")],
        "any stack that has a service role can be given a new template, which CloudFormation applies with that role without a PassRole check",
    ),
    method(
        "ChangeSetOnExistingCloudFormationStack",
        &[
            every("cloudformation:CreateChangeSet"),
            every("cloudformation:ExecuteChangeSet"),
        ],
        "a change set on any stack that has a service role is applied with that role",
    ),
    method(
        "UpdateExistingGlueDevEndpoint",
        &[every("glue:UpdateDevEndpoint")],
        "the caller's SSH key can be added to any development endpoint, whose role it then uses",
    ),
    method(
        "StartExistingCodeBuildProject",
        &[every("codebuild:StartBuild")],
        "a build of any project can override the buildspec and run the caller's commands as the project's service role",
    ),
    method(
        "EcsExecuteCommand",
        &[every("ecs:ExecuteCommand")],
        "a shell in any running container gives access to its task role's credentials",
    ),
    method(
        "SsmSendCommand",
        &[every("ssm:SendCommand")],
        "commands run on any managed instance, where the instance profile's credentials are available",
    ),
    method(
        "SsmStartSession",
        &[every("ssm:StartSession")],
        "a shell on any managed instance gives access to its instance profile's credentials",
    ),
    method(
        "Ec2InstanceConnect",
        &[every("ec2-instance-connect:SendSSHPublicKey")],
        "the caller's SSH key is accepted by any instance, whose instance profile's credentials it can then read",
    ),
    method(
        "ModifyEc2UserDataThenRestart",
        &[
            every("ec2:ModifyInstanceAttribute"),
            every("ec2:StopInstances"),
            every("ec2:StartInstances"),
        ],
        "the user data of any instance can be replaced and run on restart with the instance profile's credentials",
    ),
    method(
        "OpenExistingSageMakerNotebook",
        &[every("sagemaker:CreatePresignedNotebookInstanceUrl")],
        "any notebook instance can be opened in a browser and its execution role used",
    ),
    method(
        "OpenExistingSageMakerStudio",
        &[every("sagemaker:CreatePresignedDomainUrl")],
        "any Studio user profile can be opened in a browser and its execution role used",
    ),
    method(
        "ExistingAgentCoreCodeInterpreter",
        &[
            every("bedrock-agentcore:StartCodeInterpreterSession"),
            every("bedrock-agentcore:InvokeCodeInterpreter"),
        ],
        "code of the caller's choosing runs in any existing code interpreter with its execution role",
    ),
];

/// Actions whose response carries credentials, tokens, private keys or sign-in URLs.
pub const CREDENTIAL_ACTIONS: &[&str] = &[
    "iam:CreateAccessKey",
    "iam:CreateServiceSpecificCredential",
    "iam:ResetServiceSpecificCredential",
    "sts:AssumeRole",
    "sts:AssumeRoleWithSAML",
    "sts:AssumeRoleWithWebIdentity",
    "sts:AssumeRoot",
    "sts:GetSessionToken",
    "sts:GetFederationToken",
    "sts:GetServiceBearerToken",
    "sts:GetWebIdentityToken",
    "ecr:GetAuthorizationToken",
    "ecr-public:GetAuthorizationToken",
    "codeartifact:GetAuthorizationToken",
    "redshift:GetClusterCredentials",
    "redshift:GetClusterCredentialsWithIAM",
    "redshift-serverless:GetCredentials",
    "lightsail:GetInstanceAccessDetails",
    "lightsail:GetRelationalDatabaseMasterUserPassword",
    "lightsail:DownloadDefaultKeyPair",
    "lightsail:CreateKeyPair",
    "lightsail:CreateBucketAccessKey",
    "ec2:CreateKeyPair",
    "ec2:GetPasswordData",
    "cognito-identity:GetCredentialsForIdentity",
    "cognito-identity:GetOpenIdToken",
    "cognito-identity:GetOpenIdTokenForDeveloperIdentity",
    "gamelift:GetInstanceAccess",
    "gamelift:GetComputeAccess",
    "gamelift:GetComputeAuthToken",
    "gamelift:RequestUploadCredentials",
    "iot:CreateKeysAndCertificate",
    "connect:GetFederationToken",
    "sagemaker:CreatePresignedDomainUrl",
    "sagemaker:CreatePresignedNotebookInstanceUrl",
    "airflow:CreateCliToken",
    "airflow:CreateWebLoginToken",
    "grafana:CreateWorkspaceApiKey",
    "grafana:CreateWorkspaceServiceAccountToken",
    "appsync:CreateApiKey",
    "emr-containers:GetManagedEndpointSessionCredentials",
    "elasticmapreduce:GetClusterSessionCredentials",
];

/// Actions that return stored data or secret values.
pub const EXFILTRATION_ACTIONS: &[&str] = &[
    "s3:GetObject",
    "s3:GetObjectVersion",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
    "ssm:GetParameterHistory",
    "secretsmanager:GetSecretValue",
    "secretsmanager:BatchGetSecretValue",
];

/// Actions that rewrite a resource's own policy (or grants on it) for actions of the same
/// service.
const POLICY_REWRITE_ACTIONS: &[&str] = &[
    "s3:PutBucketPolicy",
    "s3:PutBucketAcl",
    "s3:PutObjectAcl",
    "s3:PutAccessPointPolicy",
    "s3express:PutBucketPolicy",
    "s3tables:PutTableBucketPolicy",
    "s3tables:PutTablePolicy",
    "sqs:SetQueueAttributes",
    "sqs:AddPermission",
    "sns:SetTopicAttributes",
    "sns:AddPermission",
    "kms:PutKeyPolicy",
    "kms:CreateGrant",
    "secretsmanager:PutResourcePolicy",
    "ecr:SetRepositoryPolicy",
    "ecr-public:SetRepositoryPolicy",
    "lambda:AddPermission",
    "lambda:AddLayerVersionPermission",
    "glacier:SetVaultAccessPolicy",
    "backup:PutBackupVaultAccessPolicy",
    "codeartifact:PutDomainPermissionsPolicy",
    "codeartifact:PutRepositoryPermissionsPolicy",
    "elasticfilesystem:PutFileSystemPolicy",
    "dynamodb:PutResourcePolicy",
    "glue:PutResourcePolicy",
    "kinesis:PutResourcePolicy",
    "mediastore:PutContainerPolicy",
    "serverlessrepo:PutApplicationPolicy",
    "es:UpdateDomainConfig",
];

/// Service principals whose roles end up with code the account runs (instances, containers,
/// functions, builds, jobs, notebooks).
const COMPUTE_SERVICES: &[&str] = &[
    "ec2.amazonaws.com",
    "ecs-tasks.amazonaws.com",
    "eks.amazonaws.com",
    "pods.eks.amazonaws.com",
    "lambda.amazonaws.com",
    "edgelambda.amazonaws.com",
    "codebuild.amazonaws.com",
    "glue.amazonaws.com",
    "sagemaker.amazonaws.com",
    "tasks.apprunner.amazonaws.com",
    "bedrock-agentcore.amazonaws.com",
];

/// Actions by which a trust policy lets a principal assume the role.
const ASSUME_ACTIONS: [&str; 3] = [
    "sts:AssumeRole",
    "sts:AssumeRoleWithSAML",
    "sts:AssumeRoleWithWebIdentity",
];

/// How many action names a message lists before "and N more".
const LISTED: usize = 5;

/// Run the risk checks that apply to the policy's type.
pub(super) fn run(cx: &Ctx<'_>, out: &mut Out<'_>) {
    match cx.policy_type {
        PolicyType::Identity => {
            let denials = Denials::of(cx);
            privilege_escalation(cx, &denials, out);
            listed_actions(cx, &denials, out);
            service_wildcards(cx, &denials, out);
            if let Some(catalog) = cx.catalog {
                access_levels(cx, catalog, &denials, out);
                policy_rewrites(cx, catalog, &denials, out);
            }
        }
        PolicyType::Resource => {
            let denials = Denials::of(cx);
            service_wildcards(cx, &denials, out);
        }
        PolicyType::RoleTrust => trust(cx, out),
        PolicyType::Scp | PolicyType::Rcp => {}
    }
}

// ---------------------------------------------------------------------------------------------
// What the policy grants.

/// The policy's unconditional denials: `Deny` statements without a condition on `Resource: "*"`
/// (in resource policies: for every principal).
struct Denials<'p> {
    statements: Vec<&'p Statement>,
}

impl<'p> Denials<'p> {
    fn of(cx: &Ctx<'p>) -> Self {
        Self {
            statements: cx
                .policy
                .deny_statements()
                .filter(|st| {
                    !st.has_condition()
                        && (st.principal.is_none() || st.principal_is_wildcard())
                        && st.has_wildcard_resource()
                })
                .collect(),
        }
    }

    /// Whether an unconditional denial covers `action`.
    fn denies(&self, action: &str) -> bool {
        self.statements.iter().any(|st| st.matches_action(action))
    }
}

fn is_all_stars(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b == b'*')
}

/// The service prefix of `service:Action`.
fn service_of(action: &str) -> &str {
    action.split_once(':').map_or(action, |(svc, _)| svc)
}

/// Whether the statement's resource element covers every resource `action` applies to (see the
/// module documentation).
fn on_every_resource(cx: &Ctx<'_>, st: &Statement, action: &str) -> bool {
    let info = cx.catalog.and_then(|c| c.action(action));
    on_every_resource_of(cx, st, service_of(action), info)
}

/// [`on_every_resource`] for an action of `service` (`info`: the action, when known; `None`:
/// any action of the service).
fn on_every_resource_of(
    cx: &Ctx<'_>,
    st: &Statement,
    service: &str,
    info: Option<&ActionInfo>,
) -> bool {
    match &st.resource {
        None => false,
        Some(block) if block.negated => true,
        Some(block) => block
            .known()
            .any(|(text, _)| every_resource_pattern(cx.catalog, text, service, info)),
    }
}

/// Whether one `Resource` value covers every resource of an action of `service`: `*`, or an ARN
/// pattern whose resource part is free past the literal start of one of the ARN formats of the
/// action's resource types (all the service's resource types when the action is not known).
fn every_resource_pattern(
    catalog: Option<&Catalog>,
    text: &str,
    service: &str,
    info: Option<&ActionInfo>,
) -> bool {
    if is_all_stars(text) {
        return true;
    }
    let Ok(arn) = Arn::parse(text) else {
        return false;
    };
    if is_all_stars(arn.service) {
        return is_free(arn.resource);
    }
    if arn.service.eq_ignore_ascii_case(service) && is_free(arn.resource) {
        return true;
    }
    let Some(catalog) = catalog else {
        return false;
    };
    let formats: Vec<&str> = match info.filter(|i| !i.resource_types.is_empty()) {
        Some(info) => info
            .resource_types
            .iter()
            .filter_map(|r| catalog.resource_type(&info.service, &r.name))
            .flat_map(|rt| rt.arn_formats.iter().map(String::as_str))
            .collect(),
        None => catalog
            .service(service)
            .into_iter()
            .flat_map(crate::catalog::Service::resource_types)
            .flat_map(|rt| rt.arn_formats.iter().map(String::as_str))
            .collect(),
    };
    formats.iter().any(|format| {
        let mut parts = format.splitn(6, ':');
        let (Some(format_service), Some(resource)) = (parts.nth(2), parts.nth(2)) else {
            return false;
        };
        if !format_service.eq_ignore_ascii_case(arn.service) {
            return false;
        }
        let literal = resource.split("${").next().unwrap_or_default();
        arn.resource.strip_prefix(literal).is_some_and(is_free)
    })
}

/// Only wildcards and separators, with at least one `*`.
fn is_free(s: &str) -> bool {
    s.contains('*') && s.bytes().all(|b| matches!(b, b'*' | b'/' | b':'))
}

/// Whether every known resource of the statement is the caller's own user (`${aws:username}`).
fn only_own_user(st: &Statement) -> bool {
    st.resource.as_ref().is_some_and(|block| {
        !block.negated
            && !block.has_unknown()
            && !block.values.is_empty()
            && block
                .known()
                .all(|(text, _)| text.to_ascii_lowercase().contains("${aws:username}"))
    })
}

/// The actions granted by one `Allow` value: a pattern of `Action`, or the whole `NotAction`.
#[derive(Debug)]
struct Item<'p> {
    statement: &'p Statement,
    /// The `Action` value, or the `NotAction` value's span.
    span: Span,
    /// The pattern, `None` for `NotAction`.
    pattern: Option<&'p str>,
}

/// The granting items of the policy's `Allow` statements, in source order.
fn items<'p>(cx: &Ctx<'p>) -> Vec<Item<'p>> {
    let mut out = Vec::new();
    for st in cx.policy.allow_statements() {
        let Some(block) = &st.action else { continue };
        if block.negated {
            if !block.has_unknown() {
                out.push(Item {
                    statement: st,
                    span: block.span,
                    pattern: None,
                });
            }
        } else {
            out.extend(block.known().map(|(text, span)| Item {
                statement: st,
                span,
                pattern: Some(text),
            }));
        }
    }
    out
}

impl Item<'_> {
    /// Whether the item covers `action`.
    fn covers(&self, action: &str) -> bool {
        match self.pattern {
            Some(p) => crate::policy::action_matches(p, action),
            None => self.statement.matches_action(action),
        }
    }

    /// The catalog actions the item covers that no unconditional denial takes back.
    fn expand(&self, catalog: &'static Catalog, denials: &Denials<'_>) -> Vec<&'static ActionInfo> {
        let all: Vec<&'static ActionInfo> = match self.pattern {
            Some(p) => catalog.expand(p),
            None => catalog
                .services()
                .flat_map(crate::catalog::Service::actions)
                .filter(|a| self.statement.matches_action(&a.full_name()))
                .collect(),
        };
        all.into_iter()
            .filter(|a| !denials.denies(&a.full_name()))
            .collect()
    }
}

/// "`a`, `b` and `c`", listing at most [`LISTED`] names and counting the rest.
fn name_list<S: AsRef<str>>(names: &[S]) -> String {
    let shown: Vec<String> = names
        .iter()
        .take(LISTED)
        .map(|n| format!("`{}`", n.as_ref()))
        .collect();
    let rest = names.len().saturating_sub(LISTED);
    if rest > 0 {
        return format!("{} and {rest} more", shown.join(", "));
    }
    match shown.split_last() {
        Some((last, init)) if !init.is_empty() => format!("{} and {last}", init.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

// ---------------------------------------------------------------------------------------------
// IAM1601: privilege escalation.

/// A method the policy opens, with where its first granting action is.
#[derive(Debug)]
struct Open {
    method: &'static Method,
    span: Span,
}

fn privilege_escalation(cx: &Ctx<'_>, denials: &Denials<'_>, out: &mut Out<'_>) {
    let open: Vec<Open> = METHODS
        .iter()
        .filter_map(|m| {
            let spans: Option<Vec<Span>> = m
                .steps
                .iter()
                .map(|step| step_grant(cx, denials, m, step))
                .collect();
            let span = spans?.into_iter().min_by_key(|s| (s.start, s.end))?;
            Some(Open { method: m, span })
        })
        .collect();
    // A policy that grants `*` opens every method at the same place: one finding says so.
    if let (Some(first), true) = (open.first(), open.len() > 1) {
        let admin = cx
            .policy
            .allow_statements()
            .filter_map(Statement::full_wildcard_action_span)
            .any(|s| s == first.span);
        if admin && open.iter().all(|o| o.span == first.span) {
            let names: Vec<&str> = open.iter().map(|o| o.method.name).collect();
            out.push(
                "IAM1601",
                first.span,
                format!(
                    "`*` opens {} privilege-escalation methods palisade knows ({}): the holder can \
                     give itself more permissions than the policy grants",
                    if open.len() == METHODS.len() {
                        format!("all {}", open.len())
                    } else {
                        format!("{} of the {}", open.len(), METHODS.len())
                    },
                    name_list(&names)
                ),
            );
            return;
        }
    }
    for o in &open {
        let actions: Vec<&str> = o.method.steps.iter().map(|s| s.action).collect();
        out.push(
            "IAM1601",
            o.span,
            format!(
                "privilege escalation `{}`: grants {}, so {}",
                o.method.name,
                name_list(&actions),
                o.method.how
            ),
        );
    }
}

/// Where the policy grants `step`'s action in a way that counts for the method, if it does.
fn step_grant(cx: &Ctx<'_>, denials: &Denials<'_>, m: &Method, step: &Step) -> Option<Span> {
    if denials.denies(step.action) {
        return None;
    }
    let pass_role = step.action.eq_ignore_ascii_case("iam:PassRole");
    cx.policy.allow_statements().find_map(|st| {
        let span = st.action_match_span(step.action)?;
        let scoped = match step.scope {
            Scope::Any => true,
            Scope::Every => on_every_resource(cx, st, step.action),
            Scope::Others => !only_own_user(st),
        };
        let unconditional = if pass_role {
            pass_role_counts(st, m.pass_to)
        } else {
            !restricting_condition(st)
        };
        (scoped && unconditional).then_some(span)
    })
}

/// Whether a statement granting `iam:PassRole` counts for a method passing the role to
/// `service`: not restricted, or restricted only by `iam:PassedToService` values that admit the
/// service.
fn pass_role_counts(st: &Statement, service: Option<&str>) -> bool {
    if !restricting_condition(st) {
        return true;
    }
    let (Some(service), Some(cond)) = (service, &st.condition) else {
        return false;
    };
    if !cond.unresolved.is_empty() {
        return false;
    }
    let is_passed_to = |key: &str| key.eq_ignore_ascii_case("iam:PassedToService");
    let mut rest = st.clone();
    if let Some(c) = rest.condition.as_mut() {
        for clause in &mut c.clauses {
            clause.entries.retain(|e| !is_passed_to(&e.key.value));
        }
    }
    if restricting_condition(&rest) {
        return false;
    }
    cond.clauses.iter().all(|clause| {
        clause
            .entries
            .iter()
            .filter(|e| is_passed_to(&e.key.value))
            .all(|e| admits(&clause.operator.value, &e.values, service))
    })
}

/// Whether a string condition admits `value` (as the service principal the role is passed to).
fn admits(op: &ConditionOperator, values: &[Spanned<ConditionValue>], value: &str) -> bool {
    if op.set == Some(SetQualifier::ForAllValues) {
        return false;
    }
    let mut texts = Vec::new();
    for v in values {
        match v.value.as_text() {
            Some(t) => texts.push(t),
            None => return false,
        }
    }
    let glob = |p: &str| crate::policy::glob_match(p, value, crate::CaseSensitivity::Sensitive);
    let any_match = |f: &dyn Fn(&str) -> bool| texts.iter().any(|t| f(t));
    match op.base {
        BaseOperator::StringEquals => any_match(&|t| t == value),
        BaseOperator::StringEqualsIgnoreCase => any_match(&|t| t.eq_ignore_ascii_case(value)),
        BaseOperator::StringLike => any_match(&glob),
        BaseOperator::StringNotEquals => !any_match(&|t| t == value),
        BaseOperator::StringNotEqualsIgnoreCase => !any_match(&|t| t.eq_ignore_ascii_case(value)),
        BaseOperator::StringNotLike => !any_match(&glob),
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// IAM1604 and IAM1605: fixed lists of actions.

fn listed_actions(cx: &Ctx<'_>, denials: &Denials<'_>, out: &mut Out<'_>) {
    let check = check_of("IAM1604");
    for item in items(cx) {
        let st = item.statement;
        let restricted = restricting_condition(st);
        // Credentials: every grant, lower when scoped or restricted.
        let creds: Vec<&str> = CREDENTIAL_ACTIONS
            .iter()
            .copied()
            .filter(|a| item.covers(a) && !denials.denies(a))
            .collect();
        if !creds.is_empty() {
            let wide = creds.iter().any(|a| on_every_resource(cx, st, a));
            let mut severity = check;
            let mut notes = Vec::new();
            if !wide {
                severity = lowered(severity);
                notes.push("on named resources");
            }
            if restricted {
                severity = lowered(severity);
                notes.push("under a restricting condition");
            }
            let scope = if notes.is_empty() {
                "on every resource".to_owned()
            } else {
                notes.join(", ")
            };
            out.push_severity(
                "IAM1604",
                item.span,
                format!(
                    "grants {} {scope}: {} credentials, tokens or keys in {}",
                    name_list(&creds),
                    if creds.len() == 1 {
                        "it returns"
                    } else {
                        "they return"
                    },
                    if creds.len() == 1 {
                        "its response"
                    } else {
                        "their responses"
                    },
                ),
                severity,
            );
        }
        // Data: unrestricted grants on every resource.
        if restricted {
            continue;
        }
        let data: Vec<&str> = EXFILTRATION_ACTIONS
            .iter()
            .copied()
            .filter(|a| item.covers(a) && !denials.denies(a) && on_every_resource(cx, st, a))
            .collect();
        if !data.is_empty() {
            out.push(
                "IAM1605",
                item.span,
                format!(
                    "grants {} on every resource without a restricting condition: the holder can \
                     read every object, parameter or secret {}",
                    name_list(&data),
                    if data.len() == 1 {
                        "it reaches"
                    } else {
                        "they reach"
                    }
                ),
            );
        }
    }
}

/// The default severity of a check of this module.
fn check_of(id: &str) -> Severity {
    CHECKS
        .iter()
        .find(|c| c.id == id)
        .map_or(Severity::Medium, |c| c.severity)
}

// ---------------------------------------------------------------------------------------------
// IAM1606: service wildcards.

fn service_wildcards(cx: &Ctx<'_>, denials: &Denials<'_>, out: &mut Out<'_>) {
    for st in cx.policy.allow_statements() {
        for (service, span) in st.service_wildcard_actions() {
            let known = cx.catalog.map(|c| c.service(service));
            let count = match known {
                // The catalog does not know the service: the wildcard grants nothing.
                Some(None) => continue,
                Some(Some(svc)) => {
                    let left = svc
                        .actions()
                        .filter(|a| !denials.denies(&a.full_name()))
                        .count();
                    if left == 0 {
                        continue;
                    }
                    Some(left)
                }
                None => None,
            };
            let narrowed =
                restricting_condition(st) || !on_every_resource_of(cx, st, service, None);
            let severity = if narrowed {
                lowered(check_of("IAM1606"))
            } else {
                check_of("IAM1606")
            };
            let what = match count {
                Some(n) => format!(
                    "all {} of service `{service}`",
                    plural(n, "action", "actions")
                ),
                None => format!("every action of service `{service}`"),
            };
            out.push_severity(
                "IAM1606",
                span,
                format!("`{service}:*` grants {what}, including those AWS adds later"),
                severity,
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// IAM1602, IAM1603, IAM1607: access levels.

fn access_levels(
    cx: &Ctx<'_>,
    catalog: &'static Catalog,
    denials: &Denials<'_>,
    out: &mut Out<'_>,
) {
    for item in items(cx) {
        let st = item.statement;
        let restricted = restricting_condition(st);
        let granted = item.expand(catalog, denials);
        if granted.is_empty() {
            continue;
        }
        // Grants on every resource, unrestricted, of actions that can be scoped.
        let exposed = |a: &ActionInfo| {
            !restricted
                && !a.resource_types.is_empty()
                && on_every_resource_of(cx, st, &a.service, Some(a))
        };
        let mut pm_exposed = Vec::new();
        let mut pm_other = Vec::new();
        let mut infra = Vec::new();
        let mut unscopable = 0usize;
        for a in &granted {
            let level = a.access_level;
            let wide = exposed(a);
            if level == AccessLevel::PermissionsManagement {
                if wide {
                    pm_exposed.push(a.full_name());
                } else {
                    if a.resource_types.is_empty() {
                        unscopable += 1;
                    }
                    pm_other.push(a.full_name());
                }
            }
            if wide
                && matches!(
                    level,
                    AccessLevel::Write | AccessLevel::Tagging | AccessLevel::PermissionsManagement
                )
            {
                infra.push(a.full_name());
            }
        }
        if !pm_exposed.is_empty() {
            out.push(
                "IAM1602",
                item.span,
                format!(
                    "grants {} ({}) on every resource without a restricting condition: the \
                     holder can change who may use any of those resources",
                    plural(
                        pm_exposed.len(),
                        "permissions-management action",
                        "permissions-management actions"
                    ),
                    name_list(&pm_exposed)
                ),
            );
        }
        if !pm_other.is_empty() {
            let why = if restricted {
                "under a restricting condition"
            } else if unscopable == pm_other.len() {
                "that cannot be scoped to a resource"
            } else if unscopable == 0 {
                "on named resources"
            } else {
                "on named resources, or that cannot be scoped to a resource"
            };
            let severity = if restricted {
                lowered(check_of("IAM1603"))
            } else {
                check_of("IAM1603")
            };
            out.push_severity(
                "IAM1603",
                item.span,
                format!(
                    "grants {} ({}) {why}: the holder can change who may use those resources",
                    plural(
                        pm_other.len(),
                        "permissions-management action",
                        "permissions-management actions"
                    ),
                    name_list(&pm_other)
                ),
                severity,
            );
        }
        if !infra.is_empty() {
            out.push(
                "IAM1607",
                item.span,
                format!(
                    "grants {} ({}) on every resource without a restricting condition",
                    plural(
                        infra.len(),
                        "write, tagging or permissions-management action",
                        "write, tagging or permissions-management actions"
                    ),
                    name_list(&infra)
                ),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// IAM1608: rewriting a resource's policy.

fn policy_rewrites(
    cx: &Ctx<'_>,
    catalog: &'static Catalog,
    denials: &Denials<'_>,
    out: &mut Out<'_>,
) {
    for st in cx.policy.allow_statements() {
        if restricting_condition(st) {
            continue;
        }
        // The resources the rewrite is granted on; unknown or `NotResource`: cannot compare.
        let Some(block) = st
            .resource
            .as_ref()
            .filter(|b| !b.negated && !b.has_unknown())
        else {
            continue;
        };
        let targets: Vec<&str> = block.known().map(|(t, _)| t).collect();
        if targets.is_empty() {
            continue;
        }
        for rewrite in POLICY_REWRITE_ACTIONS {
            let Some(span) = st.action_match_span(rewrite) else {
                continue;
            };
            if denials.denies(rewrite) {
                continue;
            }
            let Some(info) = catalog.action(rewrite) else {
                continue;
            };
            let Some(service) = catalog.service(&info.service) else {
                continue;
            };
            let types: Vec<&str> = info
                .resource_types
                .iter()
                .map(|r| r.name.as_str())
                .collect();
            let withheld: Vec<&ActionInfo> = service
                .actions()
                .filter(|a| !a.name.eq_ignore_ascii_case(&info.name))
                .filter(|a| {
                    a.resource_types
                        .iter()
                        .any(|r| types.iter().any(|t| t.eq_ignore_ascii_case(&r.name)))
                })
                .filter(|a| {
                    let name = a.full_name();
                    denials.denies(&name) || !granted_on(cx, &name, &targets)
                })
                .collect();
            // An action on what exists (deleting, changing, reading) makes the clearest example.
            let write = |a: &&&ActionInfo| a.access_level == AccessLevel::Write;
            let example = withheld
                .iter()
                .find(|a| write(a) && !a.name.starts_with("Create"))
                .or_else(|| {
                    withheld
                        .iter()
                        .find(|a| a.access_level == AccessLevel::Read)
                })
                .or_else(|| withheld.iter().find(write))
                .or_else(|| withheld.first());
            let Some(example) = example else { continue };
            let others = withheld.len().saturating_sub(1);
            let more = if others == 0 {
                String::new()
            } else {
                format!(
                    " (nor {} other `{}` {})",
                    others,
                    info.service,
                    if others == 1 { "action" } else { "actions" }
                )
            };
            out.push(
                "IAM1608",
                span,
                format!(
                    "grants `{}` but not `{}`{more} on the same resources: by rewriting the \
                     resource's policy the holder can grant itself what this policy withholds",
                    info.full_name(),
                    example.full_name()
                ),
            );
        }
    }
}

/// Whether some `Allow` statement grants `action` on every one of `targets` (resource values of
/// another statement). Conditions are not looked at: a conditional grant counts as a grant, so
/// that only actions the policy never grants there are called withheld. Unknown resource values
/// count as covering.
fn granted_on(cx: &Ctx<'_>, action: &str, targets: &[&str]) -> bool {
    cx.policy.allow_statements().any(|st| {
        if !st.matches_action(action) {
            return false;
        }
        let Some(block) = &st.resource else {
            return false;
        };
        if block.has_unknown() {
            return true;
        }
        if block.negated {
            return targets
                .iter()
                .all(|t| !block.known().any(|(p, _)| resource_matches(p, t)));
        }
        targets.iter().all(|t| {
            block
                .known()
                .any(|(p, _)| is_all_stars(p) || resource_matches(p, t))
        })
    })
}

// ---------------------------------------------------------------------------------------------
// IAM1609–IAM1612: trust policies.

fn trust(cx: &Ctx<'_>, out: &mut Out<'_>) {
    let mut accounts: Vec<String> = Vec::new();
    for st in cx.policy.allow_statements() {
        if !ASSUME_ACTIONS.iter().any(|a| st.matches_action(a)) {
            continue;
        }
        let Some(principal) = st.principal.as_ref().filter(|p| !p.negated) else {
            continue;
        };
        let restricted = restricting_condition(st);
        let keys = condition_keys_as_written(st);
        if let Some(span) = st.wildcard_principal_span() {
            if restricted {
                out.push(
                    "IAM1610",
                    span,
                    format!(
                        "any AWS principal may assume the role when the conditions on {} hold: \
                         the trust rests on those values alone",
                        name_list(&keys)
                    ),
                );
            } else if keys.is_empty() {
                out.push(
                    "IAM1609",
                    span,
                    "any AWS principal of any account may assume the role: the principal is `*` \
                     and there is no condition",
                );
            } else {
                out.push(
                    "IAM1609",
                    span,
                    format!(
                        "any AWS principal of any account may assume the role: the principal is \
                         `*` and the conditions on {} do not narrow who the caller is",
                        name_list(&keys)
                    ),
                );
            }
        }
        let PrincipalValue::Map(entries) = &principal.value else {
            continue;
        };
        for entry in entries {
            match entry.kind {
                PrincipalKind::Aws => {
                    for (text, span) in entry
                        .values
                        .iter()
                        .filter_map(|v| v.known().map(|t| (t, v.span())))
                    {
                        let Some(account) = account_of(text) else {
                            continue;
                        };
                        if accounts.iter().any(|a| a == account) {
                            continue;
                        }
                        accounts.push(account.to_owned());
                        let external_id = requires_external_id(st);
                        let severity = if restricted || external_id {
                            lowered(check_of("IAM1611"))
                        } else {
                            check_of("IAM1611")
                        };
                        let via = if text == account {
                            String::new()
                        } else {
                            format!(" (`{text}`)")
                        };
                        let guard = if external_id {
                            "; the statement requires an `sts:ExternalId`"
                        } else if restricted {
                            "; a condition restricts the caller"
                        } else {
                            ""
                        };
                        out.push_severity(
                            "IAM1611",
                            span,
                            format!(
                                "the role trusts AWS account `{account}`{via}: if that is not \
                                 the role's own account, its principals can assume the role{guard}"
                            ),
                            severity,
                        );
                    }
                }
                PrincipalKind::Service => {
                    for v in &entry.values {
                        let Some(text) = v.known() else { continue };
                        let lower = text.to_ascii_lowercase();
                        let name = lower.strip_suffix(".cn").unwrap_or(&lower);
                        if !COMPUTE_SERVICES.contains(&name) {
                            continue;
                        }
                        let severity = if restricted {
                            lowered(check_of("IAM1612"))
                        } else {
                            check_of("IAM1612")
                        };
                        out.push_severity(
                            "IAM1612",
                            v.span(),
                            format!(
                                "the role can be assumed by `{text}`: code running on that \
                                 service, and whoever can pass the role to it, act with the \
                                 role's permissions"
                            ),
                            severity,
                        );
                    }
                }
                _ => {}
            }
        }
    }
}

/// The statement's condition keys as written, without duplicates (compared ignoring case).
fn condition_keys_as_written(st: &Statement) -> Vec<&str> {
    let mut keys: Vec<&str> = Vec::new();
    let entries = st
        .condition
        .iter()
        .flat_map(|c| c.clauses.iter())
        .flat_map(|clause| clause.entries.iter());
    for e in entries {
        if !keys.iter().any(|k| k.eq_ignore_ascii_case(&e.key.value)) {
            keys.push(&e.key.value);
        }
    }
    keys
}

/// The account an `AWS` principal names: an account id, or the account of an ARN.
fn account_of(text: &str) -> Option<&str> {
    if is_account_id(text) {
        return Some(text);
    }
    let arn = Arn::parse(text).ok()?;
    is_account_id(arn.account).then_some(arn.account)
}

/// Whether the statement requires an `sts:ExternalId` value (a positive string comparison,
/// not `IfExists`, with a value other than `*`).
fn requires_external_id(st: &Statement) -> bool {
    st.condition
        .iter()
        .flat_map(|c| c.clauses.iter())
        .any(|clause| {
            let op = &clause.operator.value;
            matches!(
                op.base,
                BaseOperator::StringEquals
                    | BaseOperator::StringEqualsIgnoreCase
                    | BaseOperator::StringLike
            ) && !op.if_exists
                && op.set != Some(SetQualifier::ForAllValues)
                && clause.entries.iter().any(|e| {
                    e.key.value.eq_ignore_ascii_case("sts:ExternalId")
                        && e.values
                            .iter()
                            .any(|v| v.value.as_text().is_some_and(|t| !is_all_stars(t)))
                })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{lint_text, LintFinding};
    use palisade_doc::Format;

    fn lint(text: &str, t: PolicyType) -> Vec<LintFinding> {
        lint_text(text, Format::Json, t)
    }

    fn of<'f>(found: &'f [LintFinding], id: &str) -> Vec<&'f LintFinding> {
        found.iter().filter(|f| f.check.id == id).collect()
    }

    fn identity(statements: &str) -> String {
        format!(r#"{{"Version":"2012-10-17","Statement":[{statements}]}}"#)
    }

    #[test]
    fn every_listed_action_is_in_the_catalog() {
        let catalog = Catalog::get();
        assert!(Catalog::load_error().is_none());
        let mut missing = Vec::new();
        let steps = METHODS
            .iter()
            .flat_map(|m| m.steps.iter().map(|s| s.action));
        let lists = CREDENTIAL_ACTIONS
            .iter()
            .chain(EXFILTRATION_ACTIONS)
            .chain(POLICY_REWRITE_ACTIONS)
            .copied();
        for action in steps.chain(lists).chain(ASSUME_ACTIONS) {
            match catalog.action(action) {
                // Spelled as AWS spells it.
                Some(info) if info.full_name() == action => {}
                _ => missing.push(action),
            }
        }
        assert!(missing.is_empty(), "not in the catalog: {missing:?}");
    }

    #[test]
    fn methods_are_well_formed() {
        assert!(METHODS.len() >= 40, "{} methods", METHODS.len());
        for (i, m) in METHODS.iter().enumerate() {
            assert!(!m.steps.is_empty(), "{}", m.name);
            assert!(
                METHODS.iter().skip(i + 1).all(|o| o.name != m.name),
                "duplicate {}",
                m.name
            );
            let passes = m.steps.iter().any(|s| s.action == "iam:PassRole");
            assert_eq!(passes, m.pass_to.is_some(), "{}", m.name);
            let mut actions: Vec<&str> = m.steps.iter().map(|s| s.action).collect();
            actions.sort_unstable();
            actions.dedup();
            assert_eq!(actions.len(), m.steps.len(), "{}", m.name);
            // No two methods need the same set of actions.
            for o in METHODS.iter().skip(i + 1) {
                let mut other: Vec<&str> = o.steps.iter().map(|s| s.action).collect();
                other.sort_unstable();
                assert!(
                    other != actions
                        || o.steps.iter().zip(m.steps).any(|(a, b)| a.scope != b.scope),
                    "{} and {} need the same actions",
                    m.name,
                    o.name
                );
            }
        }
    }

    #[test]
    fn rewrite_actions_apply_to_resource_types() {
        let catalog = Catalog::get();
        for a in POLICY_REWRITE_ACTIONS {
            let info = catalog.action(a);
            assert!(
                info.is_some_and(|i| !i.resource_types.is_empty()),
                "{a} has no resource type"
            );
        }
    }

    #[test]
    fn pass_role_with_lambda_is_reported_once_per_method() {
        let text = identity(
            r#"{"Effect":"Allow","Action":["iam:PassRole","lambda:CreateFunction","lambda:InvokeFunction"],"Resource":"*"}"#,
        );
        let found = lint(&text, PolicyType::Identity);
        let esc = of(&found, "IAM1601");
        assert_eq!(esc.len(), 1, "{esc:#?}");
        let f = esc.first().expect("one");
        assert!(f.message.contains("PassRoleToNewLambdaInvoke"));
        assert_eq!(f.path, "$.Statement[0].Action[0]");
    }

    #[test]
    fn unconditional_deny_removes_a_step() {
        let text = identity(
            r#"{"Effect":"Allow","Action":["iam:PassRole","ec2:RunInstances"],"Resource":"*"},
               {"Effect":"Deny","Action":"iam:Pass*","Resource":"*"}"#,
        );
        assert!(of(&lint(&text, PolicyType::Identity), "IAM1601").is_empty());
        // A conditional deny does not.
        let text = identity(
            r#"{"Effect":"Allow","Action":["iam:PassRole","ec2:RunInstances"],"Resource":"*"},
               {"Effect":"Deny","Action":"iam:PassRole","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}"#,
        );
        assert_eq!(of(&lint(&text, PolicyType::Identity), "IAM1601").len(), 1);
        // Neither does a deny on named resources.
        let text = identity(
            r#"{"Effect":"Allow","Action":["iam:PassRole","ec2:RunInstances"],"Resource":"*"},
               {"Effect":"Deny","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/admin"}"#,
        );
        assert_eq!(of(&lint(&text, PolicyType::Identity), "IAM1601").len(), 1);
    }

    #[test]
    fn passed_to_service_keeps_the_matching_method() {
        let text = identity(
            r#"{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"}}},
               {"Effect":"Allow","Action":["lambda:CreateFunction","lambda:InvokeFunction","ec2:RunInstances"],"Resource":"*"}"#,
        );
        let found = lint(&text, PolicyType::Identity);
        let esc = of(&found, "IAM1601");
        assert_eq!(esc.len(), 1, "{esc:#?}");
        assert!(esc.iter().all(|f| f.message.contains("Lambda")));
        // Another restricting key alongside: the grant does not count.
        let text = identity(
            r#"{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com","aws:PrincipalTag/team":"x"}}},
               {"Effect":"Allow","Action":["lambda:CreateFunction","lambda:InvokeFunction"],"Resource":"*"}"#,
        );
        assert!(of(&lint(&text, PolicyType::Identity), "IAM1601").is_empty());
    }

    #[test]
    fn own_credentials_are_not_escalation() {
        let text = identity(
            r#"{"Effect":"Allow","Action":["iam:CreateAccessKey","iam:UpdateLoginProfile"],"Resource":"arn:aws:iam::*:user/${aws:username}"}"#,
        );
        assert!(of(&lint(&text, PolicyType::Identity), "IAM1601").is_empty());
        let text = identity(
            r#"{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"arn:aws:iam::*:user/*"}"#,
        );
        assert_eq!(of(&lint(&text, PolicyType::Identity), "IAM1601").len(), 1);
    }

    #[test]
    fn existing_resource_methods_need_every_resource() {
        let scoped = identity(
            r#"{"Effect":"Allow","Action":"lambda:UpdateFunctionCode","Resource":"arn:aws:lambda:us-east-1:123456789012:function:app-*"}"#,
        );
        assert!(of(&lint(&scoped, PolicyType::Identity), "IAM1601").is_empty());
        let wide = identity(
            r#"{"Effect":"Allow","Action":"lambda:UpdateFunctionCode","Resource":"arn:aws:lambda:us-east-1:123456789012:function:*"}"#,
        );
        assert_eq!(of(&lint(&wide, PolicyType::Identity), "IAM1601").len(), 1);
    }

    #[test]
    fn full_admin_is_one_finding() {
        let text = identity(r#"{"Effect":"Allow","Action":"*","Resource":"*"}"#);
        let found = lint(&text, PolicyType::Identity);
        let esc = of(&found, "IAM1601");
        assert_eq!(esc.len(), 1, "{esc:#?}");
        assert!(esc
            .first()
            .is_some_and(|f| f.message.contains(&format!("opens all {}", METHODS.len()))));
    }

    #[test]
    fn every_resource_patterns() {
        let c = Some(Catalog::get());
        let every = |text: &str, action: &str| {
            every_resource_pattern(c, text, service_of(action), Catalog::get().action(action))
        };
        assert!(every("*", "s3:GetObject"));
        assert!(every("arn:aws:s3:::*", "s3:GetObject"));
        assert!(every("arn:aws:s3:::*/*", "s3:GetObject"));
        assert!(!every("arn:aws:s3:::bucket/*", "s3:GetObject"));
        assert!(every(
            "arn:aws:lambda:*:123456789012:function:*",
            "lambda:UpdateFunctionCode"
        ));
        assert!(!every(
            "arn:aws:lambda:*:123456789012:function:app-*",
            "lambda:UpdateFunctionCode"
        ));
        assert!(every(
            "arn:aws:iam::123456789012:user/*",
            "iam:CreateAccessKey"
        ));
        assert!(!every("arn:aws:iam::123456789012:user/*", "s3:GetObject"));
        assert!(every("arn:aws:*:*:*:*", "ec2:RunInstances"));
        // An action whose resource type belongs to another service's ARNs.
        assert!(every(
            "arn:aws:ec2:*:123456789012:instance/*",
            "ssm:SendCommand"
        ));
        assert!(!every(
            "arn:aws:ec2:*:123456789012:instance/i-0abc*",
            "ssm:SendCommand"
        ));
    }

    #[test]
    fn credentials_severity_follows_scope_and_conditions() {
        let wide = identity(r#"{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}"#);
        let found = lint(&wide, PolicyType::Identity);
        assert_eq!(
            of(&found, "IAM1604").first().map(|f| f.severity),
            Some(Severity::High)
        );
        let named = identity(
            r#"{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::123456789012:role/deploy","Condition":{"StringEquals":{"aws:PrincipalTag/team":"ops"}}}"#,
        );
        let found = lint(&named, PolicyType::Identity);
        assert_eq!(
            of(&found, "IAM1604").first().map(|f| f.severity),
            Some(Severity::Low)
        );
    }

    #[test]
    fn permissions_management_is_reported_by_one_check_per_action() {
        let text = identity(r#"{"Effect":"Allow","Action":"s3:PutBucketPolicy","Resource":"*"}"#);
        let found = lint(&text, PolicyType::Identity);
        assert_eq!(of(&found, "IAM1602").len(), 1);
        assert!(of(&found, "IAM1603").is_empty());
        let text = identity(
            r#"{"Effect":"Allow","Action":"s3:PutBucketPolicy","Resource":"arn:aws:s3:::logs"}"#,
        );
        let found = lint(&text, PolicyType::Identity);
        assert!(of(&found, "IAM1602").is_empty());
        assert_eq!(of(&found, "IAM1603").len(), 1);
    }

    #[test]
    fn rewrite_with_everything_granted_is_fine() {
        let text = identity(r#"{"Effect":"Allow","Action":"sqs:*","Resource":"*"}"#);
        assert!(of(&lint(&text, PolicyType::Identity), "IAM1608").is_empty());
        let text = identity(
            r#"{"Effect":"Allow","Action":["sqs:SetQueueAttributes","sqs:SendMessage"],"Resource":"arn:aws:sqs:us-east-1:123456789012:jobs"}"#,
        );
        assert_eq!(of(&lint(&text, PolicyType::Identity), "IAM1608").len(), 1);
    }

    #[test]
    fn cross_account_is_reported_once_per_account() {
        let text = r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":["111122223333","arn:aws:iam::111122223333:role/a","arn:aws:iam::444455556666:root"]},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"abc"}}}]}"#;
        let found = lint(text, PolicyType::RoleTrust);
        let cross = of(&found, "IAM1611");
        assert_eq!(cross.len(), 2, "{cross:#?}");
        assert!(cross.iter().all(|f| f.severity == Severity::Low));
    }

    #[test]
    fn name_lists() {
        assert_eq!(name_list(&["a"]), "`a`");
        assert_eq!(name_list(&["a", "b"]), "`a` and `b`");
        assert_eq!(
            name_list(&["a", "b", "c", "d", "e", "f", "g"]),
            "`a`, `b`, `c`, `d`, `e` and 2 more"
        );
    }
}
