use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, items};

use super::util::{require_cmk, require_cmk_in};

declare_rule! {
    /// ## What it checks
    /// An `AWS::SecretsManager::Secret` without a customer managed KMS key in `KmsKeyId`, and
    /// replicas of the secret (`ReplicaRegions`) without their own `KmsKeyId`.
    ///
    /// Secrets Manager always encrypts secret values; without `KmsKeyId` it uses the AWS managed
    /// key `aws/secretsmanager` of the region (also for each replica). The secret is encrypted, so
    /// this is a hygiene check (`low`), but the AWS managed key's policy cannot be changed.
    ///
    /// ## Why it matters
    /// With the AWS managed key, anyone in the account allowed `secretsmanager:GetSecretValue` can
    /// read the secret; a customer managed key adds a second, separately managed permission
    /// (`kms:Decrypt`), and is required to share the secret with another account.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// ApiToken:
    ///   Type: AWS::SecretsManager::Secret
    ///   Properties:
    ///     GenerateSecretString:
    ///       PasswordLength: 32
    /// # after
    /// ApiToken:
    ///   Type: AWS::SecretsManager::Secret
    ///   Properties:
    ///     KmsKeyId: !Ref SecretsKey
    ///     GenerateSecretString:
    ///       PasswordLength: 32
    /// ```
    ///
    /// ## References
    /// - [AWS::SecretsManager::Secret](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-secretsmanager-secret.html)
    /// - [Secret encryption and decryption in AWS Secrets Manager](https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html)
    /// - cfn_nag W77; checkov CKV_AWS_149
    ///
    /// ## Unknown values
    /// A `KmsKeyId` taken from a parameter without a value or an import is reported at `info`; a
    /// `Ref` or `Fn::GetAtt` to a key or alias of this template counts as a customer managed key.
    SecretWithoutCmk {
        code: "CFN4017",
        name: "secretsmanager-secret-without-customer-managed-key",
        severity: Low,
        group: "encryption",
        summary: "Secrets Manager secret is not encrypted with a customer managed KMS key (`KmsKeyId`)",
        types: ["AWS::SecretsManager::Secret"],
        xrefs: [CfnNag("W77"), Checkov("CKV_AWS_149")],
    }
}

impl Rule for SecretWithoutCmk {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        const ABSENT: &str = "secret is encrypted with the AWS managed key `aws/secretsmanager`";
        require_cmk(cx, hits, "KmsKeyId", "secret", ABSENT);
        let Some(replicas) = cx.prop("ReplicaRegions") else {
            return;
        };
        if is_unknown(replicas) {
            hits.unknown(replicas, "every replica selects a customer managed KMS key");
            return;
        }
        for (i, replica) in items(replicas).into_iter().enumerate() {
            require_cmk_in(
                cx,
                hits,
                replica,
                "KmsKeyId",
                &format!("ReplicaRegions[{i}]."),
                "secret replica",
                "secret replica is encrypted with the AWS managed key `aws/secretsmanager`",
            );
        }
    }
}
