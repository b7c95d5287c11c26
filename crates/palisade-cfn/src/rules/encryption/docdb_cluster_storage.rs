use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

use super::util::storage_flag;

declare_rule! {
    /// ## What it checks
    /// An `AWS::DocDB::DBCluster` (Amazon DocumentDB) whose `StorageEncrypted` is absent or
    /// `false`. Clusters created with CloudFormation have encryption at rest turned off by
    /// default; only the console turns it on for you.
    ///
    /// A cluster restored from a source cluster of this template (`SourceDBClusterIdentifier`) is
    /// not reported: the source is checked itself.
    ///
    /// ## Why it matters
    /// Storage encryption covers the cluster volume, indexes, logs, automated backups and
    /// snapshots of every instance in the cluster. Without it all of them are stored in the clear,
    /// and the setting cannot be changed after creation: the data must be restored into a new,
    /// encrypted cluster.
    ///
    /// ## How to fix
    /// Set `StorageEncrypted: true`, with a customer managed key in `KmsKeyId` (otherwise the AWS
    /// managed key `aws/rds` is used):
    /// ```yaml
    /// # before
    /// Documents:
    ///   Type: AWS::DocDB::DBCluster
    ///   Properties:
    ///     MasterUsername: admin
    ///     MasterUserPassword: '{{resolve:secretsmanager:docdb-admin:SecretString:password}}'
    /// # after
    /// Documents:
    ///   Type: AWS::DocDB::DBCluster
    ///   Properties:
    ///     MasterUsername: admin
    ///     MasterUserPassword: '{{resolve:secretsmanager:docdb-admin:SecretString:password}}'
    ///     StorageEncrypted: true
    ///     KmsKeyId: !Ref DocumentsKey
    /// ```
    ///
    /// ## References
    /// - [AWS::DocDB::DBCluster](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-docdb-dbcluster.html)
    /// - [Encrypting Amazon DocumentDB data at rest](https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html)
    /// - [CT.DOCUMENTDB.PR.1](https://docs.aws.amazon.com/controltower/latest/controlreference/documentdb-rules.html) (CloudFormation clusters are unencrypted by default)
    /// - checkov CKV_AWS_74
    ///
    /// ## Unknown values
    /// An unresolved `StorageEncrypted` is reported at `info`, as is a cluster restored from a
    /// snapshot (`SnapshotIdentifier`) or from a source cluster this template does not define
    /// without `StorageEncrypted: true`: it takes the encryption of that source.
    DocDbClusterStorageNotEncrypted {
        code: "CFN4008",
        name: "docdb-cluster-storage-not-encrypted",
        severity: High,
        group: "encryption",
        summary: "DocumentDB cluster storage is not encrypted (`StorageEncrypted` absent or false)",
        types: ["AWS::DocDB::DBCluster"],
        xrefs: [Checkov("CKV_AWS_74")],
    }
}

impl Rule for DocDbClusterStorageNotEncrypted {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        storage_flag(
            cx,
            hits,
            "StorageEncrypted",
            &["SnapshotIdentifier", "SourceDBClusterIdentifier"],
            "DocumentDB cluster storage is not encrypted",
            "the DocumentDB cluster storage is encrypted",
        );
    }
}
