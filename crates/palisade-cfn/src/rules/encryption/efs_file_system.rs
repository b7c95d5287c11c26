use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

use super::util::require_true;

declare_rule! {
    /// ## What it checks
    /// An `AWS::EFS::FileSystem` whose `Encrypted` is absent or `false`. The console creates
    /// encrypted file systems, but through the API and CloudFormation a file system is encrypted
    /// only when `Encrypted: true` is given.
    ///
    /// ## Why it matters
    /// Every file written to an unencrypted file system, and every backup of it, is stored in the
    /// clear. Encryption at rest can only be chosen when the file system is created; fixing it later
    /// means creating a new file system and copying all data across.
    ///
    /// ## How to fix
    /// Set `Encrypted: true`; name a customer managed key in `KmsKeyId` to control who can use it
    /// (otherwise the AWS managed key `aws/elasticfilesystem` is used):
    /// ```yaml
    /// # before
    /// Files:
    ///   Type: AWS::EFS::FileSystem
    ///   Properties:
    ///     PerformanceMode: generalPurpose
    /// # after
    /// Files:
    ///   Type: AWS::EFS::FileSystem
    ///   Properties:
    ///     PerformanceMode: generalPurpose
    ///     Encrypted: true
    ///     KmsKeyId: !GetAtt FilesKey.Arn
    /// ```
    ///
    /// ## References
    /// - [AWS::EFS::FileSystem](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-efs-filesystem.html)
    /// - [Encrypting data at rest in Amazon EFS](https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html)
    /// - cfn_nag F32; checkov CKV_AWS_42
    EfsFileSystemNotEncrypted {
        code: "CFN4003",
        name: "efs-file-system-not-encrypted",
        severity: High,
        group: "encryption",
        summary: "EFS file system is not encrypted at rest (`Encrypted` absent or false)",
        types: ["AWS::EFS::FileSystem"],
        xrefs: [CfnNag("F32"), Checkov("CKV_AWS_42")],
    }
}

impl Rule for EfsFileSystemNotEncrypted {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        require_true(cx, hits, "Encrypted", "file system is not encrypted");
    }
}
