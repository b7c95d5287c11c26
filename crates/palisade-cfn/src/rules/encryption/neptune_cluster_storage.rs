use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

use super::util::storage_flag;

declare_rule! {
    /// ## What it checks
    /// An `AWS::Neptune::DBCluster` whose `StorageEncrypted` is absent or `false`. Neptune
    /// clusters created through the API or CloudFormation are unencrypted unless
    /// `StorageEncrypted: true` is given (the console defaults differ).
    ///
    /// A cluster restored or cloned from a source cluster of this template
    /// (`SourceDBClusterIdentifier`) is not reported: the source is checked itself.
    ///
    /// ## Why it matters
    /// The cluster volume holds the whole graph; without encryption the data, its automated
    /// backups and snapshots (which can be shared with other accounts) are stored in the clear.
    /// Encryption cannot be enabled on an existing cluster: the data must be restored into a new,
    /// encrypted cluster.
    ///
    /// ## How to fix
    /// Set `StorageEncrypted: true`, with a customer managed key in `KmsKeyId` (otherwise the AWS
    /// managed key `aws/rds` is used):
    /// ```yaml
    /// # before
    /// Graph:
    ///   Type: AWS::Neptune::DBCluster
    ///   Properties:
    ///     StorageEncrypted: false
    /// # after
    /// Graph:
    ///   Type: AWS::Neptune::DBCluster
    ///   Properties:
    ///     StorageEncrypted: true
    ///     KmsKeyId: !GetAtt GraphKey.Arn
    /// ```
    ///
    /// ## References
    /// - [AWS::Neptune::DBCluster](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-neptune-dbcluster.html)
    /// - [Encrypting Neptune resources at rest](https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html)
    /// - cfn_nag F30; checkov CKV_AWS_44
    ///
    /// ## Unknown values
    /// An unresolved `StorageEncrypted` is reported at `info`, as is a cluster restored from a
    /// snapshot (`SnapshotIdentifier`) or from a source cluster this template does not define
    /// without `StorageEncrypted: true`: it takes the encryption of that source.
    NeptuneClusterStorageNotEncrypted {
        code: "CFN4007",
        name: "neptune-cluster-storage-not-encrypted",
        severity: High,
        group: "encryption",
        summary: "Neptune DB cluster storage is not encrypted (`StorageEncrypted` absent or false)",
        types: ["AWS::Neptune::DBCluster"],
        xrefs: [CfnNag("F30"), Checkov("CKV_AWS_44")],
    }
}

impl Rule for NeptuneClusterStorageNotEncrypted {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        storage_flag(
            cx,
            hits,
            "StorageEncrypted",
            &["SnapshotIdentifier", "SourceDBClusterIdentifier"],
            "Neptune cluster storage is not encrypted",
            "the Neptune cluster storage is encrypted",
        );
    }
}
