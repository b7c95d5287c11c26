use palisade_core::Severity;

use super::util::{check_family, Family, PERMISSIONS_MANAGEMENT};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::iam::util::IDENTITY_POLICY_TYPES;

declare_rule! {
    /// ## What it checks
    /// Identity policies (inline `Policies` of an `AWS::IAM::Role`, `AWS::IAM::User` or
    /// `AWS::IAM::Group`; the `PolicyDocument` of an `AWS::IAM::Policy`,
    /// `AWS::IAM::ManagedPolicy`, `AWS::IAM::RolePolicy`, `AWS::IAM::UserPolicy` or
    /// `AWS::IAM::GroupPolicy`) with an `Allow` statement that grants, on `Resource: "*"`, an
    /// action AWS classifies at the **Permissions management** access level and that can be
    /// scoped to a resource: `iam:AttachRolePolicy`, `iam:PutUserPolicy`,
    /// `iam:CreatePolicyVersion`, `s3:PutBucketPolicy`, `kms:PutKeyPolicy`, `kms:CreateGrant`,
    /// `lambda:AddPermission`, `sqs:AddPermission`, `secretsmanager:PutResourcePolicy` and the
    /// some 320 others the Service Authorization Reference lists (taken from Palisade's
    /// bundled IAM action catalog). Any pattern that covers one counts (`iam:*`, `s3:Put*`,
    /// `*`, or a `NotAction` that does not exclude it). Permissions-management actions that
    /// support no resource-level permission (only `*` works for them) are not counted.
    ///
    /// Severity: `high`; **`medium`** when a condition restricts the statement to known
    /// callers, networks, organizations or resource tags (`aws:ResourceTag/...`,
    /// `aws:PrincipalOrgID`, `iam:PolicyARN` and similar). checkov (Cloudsplaining) passes a
    /// statement with any `Condition`; we still report it, one level lower when the condition
    /// restricts and at `high` when it does not (`aws:MultiFactorAuthPresent`,
    /// `aws:RequestedRegion`): such conditions do not limit which resources' permissions can
    /// be changed.
    ///
    /// ## Why it matters
    /// Permissions-management actions decide who may do what. Granted on every resource they
    /// let the holder attach `AdministratorAccess` to itself or to any role, open any bucket,
    /// key, queue or function to other accounts or to the public, and grant itself the rest of
    /// the account: a privilege escalation and a data exposure path in one statement.
    ///
    /// ## How to fix
    /// Name the resources whose permissions may be changed, or restrict the statement with a
    /// condition that pins it:
    /// ```yaml
    /// # before
    /// - Effect: Allow
    ///   Action: [iam:AttachRolePolicy, s3:PutBucketPolicy]
    ///   Resource: "*"
    /// # after
    /// - Effect: Allow
    ///   Action: iam:AttachRolePolicy
    ///   Resource: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app/*"
    ///   Condition:
    ///     ArnEquals:
    ///       iam:PolicyARN: !Ref AppBoundaryPolicy
    /// - Effect: Allow
    ///   Action: s3:PutBucketPolicy
    ///   Resource: !GetAtt UploadsBucket.Arn
    /// ```
    ///
    /// ## References
    /// - [Access levels in policy summaries](https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html)
    /// - [Actions, resources, and condition keys for AWS services](https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html)
    /// - [Security best practices in IAM: apply least-privilege permissions](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    /// - checkov CKV_AWS_109
    ///
    /// ## Unknown values
    /// An `Action` value that is not known before deployment and might cover a
    /// permissions-management action, or a `Resource` value that might be `*`, gives an `info`
    /// finding naming it; `!GetAtt` and `!Sub` ARNs are never `*`. So does an `Effect`, a
    /// statement or a whole document that is not known. A condition that is not known counts
    /// as restricting.
    PolicyPermissionsManagement {
        code: "CFN3107",
        name: "iam-policy-grants-permissions-management-on-all-resources",
        severity: High,
        group: "iam",
        summary: "identity policy grants permissions-management actions (`iam:Attach*`, `s3:PutBucketPolicy`...) on every resource",
        types: IDENTITY_POLICY_TYPES,
        xrefs: [Checkov("CKV_AWS_109")],
    }
}

impl Rule for PolicyPermissionsManagement {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let actions: Vec<&str> = PERMISSIONS_MANAGEMENT.iter().map(String::as_str).collect();
        check_family(
            cx,
            hits,
            &Family {
                actions: &actions,
                kind: "permissions-management actions",
                consequence: "the holder can change who may use any resource they apply to",
                default: Severity::High,
            },
        );
    }
}
