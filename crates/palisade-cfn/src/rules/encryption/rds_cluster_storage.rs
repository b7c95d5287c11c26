use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

use super::util::{lower, storage_flag};

declare_rule! {
    /// ## What it checks
    /// An `AWS::RDS::DBCluster` (Aurora or a Multi-AZ DB cluster) whose `StorageEncrypted` is
    /// absent or `false`. The default is an unencrypted cluster volume.
    ///
    /// Not reported: an Aurora Serverless v1 cluster (`EngineMode: serverless`), whose volume AWS
    /// always encrypts (the key can be chosen, encryption cannot be turned off), and a clone,
    /// restore or replica whose source (`SourceDBClusterIdentifier`,
    /// `ReplicationSourceIdentifier`) is a cluster of this template, which is checked itself.
    ///
    /// ## Why it matters
    /// The cluster volume holds every instance's data; without encryption the data, its automated
    /// backups and every snapshot (which can be copied or shared to other accounts) are stored in
    /// the clear. The DB instances of the cluster cannot encrypt on their own, and an existing
    /// cluster cannot be encrypted in place: it must be restored from a snapshot into a new,
    /// encrypted cluster.
    ///
    /// ## How to fix
    /// Set `StorageEncrypted: true`, with a customer managed key in `KmsKeyId` (otherwise the AWS
    /// managed key `aws/rds` is used):
    /// ```yaml
    /// # before
    /// Cluster:
    ///   Type: AWS::RDS::DBCluster
    ///   Properties:
    ///     Engine: aurora-postgresql
    /// # after
    /// Cluster:
    ///   Type: AWS::RDS::DBCluster
    ///   Properties:
    ///     Engine: aurora-postgresql
    ///     StorageEncrypted: true
    ///     KmsKeyId: !Ref ClusterKey
    /// ```
    ///
    /// ## References
    /// - [AWS::RDS::DBCluster](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbcluster.html)
    /// - [Encrypting Amazon Aurora resources](https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html)
    /// - [Using Amazon Aurora Serverless v1](https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless.html) (the volume is always encrypted)
    /// - cfn_nag F26; checkov CKV_AWS_96
    ///
    /// ## Unknown values
    /// An unresolved `StorageEncrypted` is reported at `info`. A cluster restored from a snapshot
    /// (`SnapshotIdentifier`), or cloned or replicated from a source this template does not define,
    /// takes that source's encryption unless `StorageEncrypted: true` is set, so it is also
    /// reported at `info`. An unresolved `EngineMode` is not treated as Serverless v1, which reached
    /// end of life in March 2025.
    RdsClusterStorageNotEncrypted {
        code: "CFN4002",
        name: "rds-cluster-storage-not-encrypted",
        severity: High,
        group: "encryption",
        summary: "RDS DB cluster storage is not encrypted (`StorageEncrypted` absent or false)",
        types: ["AWS::RDS::DBCluster"],
        xrefs: [CfnNag("F26"), Checkov("CKV_AWS_96")],
    }
}

impl Rule for RdsClusterStorageNotEncrypted {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        if lower(cx.prop("EngineMode")).as_deref() == Some("serverless") {
            return;
        }
        storage_flag(
            cx,
            hits,
            "StorageEncrypted",
            &[
                "SnapshotIdentifier",
                "SourceDBClusterIdentifier",
                "ReplicationSourceIdentifier",
            ],
            "DB cluster storage is not encrypted",
            "the DB cluster storage is encrypted",
        );
    }
}
