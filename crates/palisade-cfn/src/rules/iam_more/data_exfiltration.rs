use palisade_core::Severity;
use palisade_iam::lint::EXFILTRATION_ACTIONS;

use super::util::{check_family, Family};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::iam::util::IDENTITY_POLICY_TYPES;

declare_rule! {
    /// ## What it checks
    /// Identity policies (inline `Policies` of an `AWS::IAM::Role`, `AWS::IAM::User` or
    /// `AWS::IAM::Group`; the `PolicyDocument` of an `AWS::IAM::Policy`,
    /// `AWS::IAM::ManagedPolicy`, `AWS::IAM::RolePolicy`, `AWS::IAM::UserPolicy` or
    /// `AWS::IAM::GroupPolicy`) with an `Allow` statement that grants, on `Resource: "*"`, an
    /// action that returns stored data or secret values: `s3:GetObject`,
    /// `s3:GetObjectVersion`, `ssm:GetParameter`, `ssm:GetParameters`,
    /// `ssm:GetParametersByPath`, `ssm:GetParameterHistory`, `secretsmanager:GetSecretValue`
    /// and `secretsmanager:BatchGetSecretValue` (the list `palisade iam lint`'s
    /// `data-exfiltration` check uses). Any pattern that covers one counts (`s3:Get*`, `ssm:*`,
    /// `*`, or a `NotAction` that does not exclude it).
    ///
    /// Severity: `medium`; **`low`** when a condition restricts the statement to known
    /// callers, networks, organizations or resource tags (`aws:ResourceTag/...`,
    /// `aws:SourceVpce` and similar). Any other condition is named in the message but keeps
    /// the severity.
    ///
    /// Like checkov (which runs Cloudsplaining), only `Resource: "*"` counts; an ARN pattern
    /// that is as wide (`arn:aws:s3:::*/*`) is left to `palisade iam lint`. `kms:Decrypt` is
    /// not listed: it only turns ciphertext the caller already holds into plaintext, and key
    /// policies gate it as well. `Deny` statements never count as a grant.
    ///
    /// ## Why it matters
    /// With these actions on every resource, the holder can read every object of every bucket,
    /// every SSM parameter (including `SecureString` values it may decrypt) and every Secrets
    /// Manager secret of the account, not only the ones its job needs. A compromised function
    /// or instance with such a role is a complete data and secrets leak.
    ///
    /// ## How to fix
    /// Name the buckets or prefixes, parameter paths and secrets:
    /// ```yaml
    /// # before
    /// - Effect: Allow
    ///   Action: [s3:GetObject, secretsmanager:GetSecretValue]
    ///   Resource: "*"
    /// # after
    /// - Effect: Allow
    ///   Action: s3:GetObject
    ///   Resource: !Sub "${ReportsBucket.Arn}/exports/*"
    /// - Effect: Allow
    ///   Action: secretsmanager:GetSecretValue
    ///   Resource: !Ref DatabaseSecret
    /// ```
    ///
    /// ## References
    /// - [IAM JSON policy elements: Resource](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html)
    /// - [Security best practices in IAM: apply least-privilege permissions](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    /// - [Actions, resources, and condition keys for AWS services](https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html)
    /// - checkov CKV_AWS_108
    ///
    /// ## Unknown values
    /// An `Action` value that is not known before deployment and might cover one of the
    /// actions, or a `Resource` value that might be `*`, gives an `info` finding naming it;
    /// `!GetAtt` and `!Sub` ARNs are never `*`. So does an `Effect`, a statement or a whole
    /// document that is not known. A condition that is not known counts as restricting.
    PolicyDataExfiltration {
        code: "CFN3106",
        name: "iam-policy-grants-data-read-on-all-resources",
        severity: Medium,
        group: "iam",
        summary: "identity policy grants `s3:GetObject`, `ssm:GetParameter*` or `secretsmanager:GetSecretValue` on every resource",
        types: IDENTITY_POLICY_TYPES,
        xrefs: [Checkov("CKV_AWS_108")],
    }
}

impl Rule for PolicyDataExfiltration {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        check_family(
            cx,
            hits,
            &Family {
                actions: EXFILTRATION_ACTIONS,
                kind: "actions that read stored data or secrets",
                consequence: "the holder can read every object, parameter or secret they reach",
                default: Severity::Medium,
            },
        );
    }
}
