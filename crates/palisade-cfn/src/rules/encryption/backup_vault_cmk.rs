use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

use super::util::require_cmk;

declare_rule! {
    /// ## What it checks
    /// An `AWS::Backup::BackupVault` without a customer managed KMS key in `EncryptionKeyArn`.
    ///
    /// When no key is given, AWS Backup encrypts the backups it fully manages with a KMS key it
    /// creates for the account (the AWS managed key `aws/backup`). The backups are encrypted, so
    /// this is a hygiene finding (`low`).
    ///
    /// ## Why it matters
    /// A backup vault concentrates copies of many resources. The AWS managed key's policy cannot
    /// be changed, so the backups cannot be copied to another account, and access to the recovery
    /// points cannot be separated from access to the key. A customer managed key, ideally in a
    /// dedicated account, also protects the backups from an administrator of the workload account.
    ///
    /// ## How to fix
    /// Give the ARN (not an alias) of a customer managed key:
    /// ```yaml
    /// # before
    /// Vault:
    ///   Type: AWS::Backup::BackupVault
    ///   Properties:
    ///     BackupVaultName: daily
    /// # after
    /// Vault:
    ///   Type: AWS::Backup::BackupVault
    ///   Properties:
    ///     BackupVaultName: daily
    ///     EncryptionKeyArn: !GetAtt BackupKey.Arn
    /// ```
    ///
    /// ## References
    /// - [AWS::Backup::BackupVault](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-backup-backupvault.html)
    /// - [Encryption for backups in AWS Backup](https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html)
    /// - checkov CKV_AWS_166
    ///
    /// ## Unknown values
    /// An `EncryptionKeyArn` taken from a parameter without a value or an import is reported at
    /// `info`; a `Fn::GetAtt` to a key of this template counts as a customer managed key.
    BackupVaultWithoutCmk {
        code: "CFN4022",
        name: "backup-vault-without-customer-managed-key",
        severity: Low,
        group: "encryption",
        summary: "Backup vault is not encrypted with a customer managed KMS key (`EncryptionKeyArn`)",
        types: ["AWS::Backup::BackupVault"],
        xrefs: [Checkov("CKV_AWS_166")],
    }
}

impl Rule for BackupVaultWithoutCmk {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        require_cmk(
            cx,
            hits,
            "EncryptionKeyArn",
            "backup vault",
            "backup vault uses the key that AWS Backup manages for the account",
        );
    }
}
