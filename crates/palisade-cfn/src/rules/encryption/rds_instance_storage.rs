use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

use super::util::{lower, storage_flag};

declare_rule! {
    /// ## What it checks
    /// An `AWS::RDS::DBInstance` whose `StorageEncrypted` is absent or `false`. Amazon RDS does not
    /// encrypt a DB instance unless asked: the default of `StorageEncrypted` is `false`.
    ///
    /// Not reported:
    /// - an instance that belongs to a DB cluster (`DBClusterIdentifier` set, or an `aurora*`
    ///   engine): its storage is the cluster's, and the cluster's `StorageEncrypted` decides
    ///   (see the RDS DB cluster rule);
    /// - RDS Custom (`custom-*` engines), which is always encrypted when the setting is left unset;
    /// - a read replica or restore whose source (`SourceDBInstanceIdentifier`,
    ///   `SourceDBClusterIdentifier`, ...) is a DB instance or Multi-AZ DB cluster of this
    ///   template: the replica inherits the source's encryption, and the source is checked itself.
    ///
    /// ## Why it matters
    /// An unencrypted instance leaves the database files, its automated backups, snapshots, logs
    /// and read replicas readable by anyone who obtains the underlying storage or a copy of a
    /// snapshot (for example a snapshot shared by mistake). Encryption cannot be switched on for an
    /// existing instance: it has to be restored from an encrypted copy of a snapshot, with
    /// downtime.
    ///
    /// ## How to fix
    /// Set `StorageEncrypted: true`, ideally with a customer managed key in `KmsKeyId` (without it
    /// the AWS managed key `aws/rds` is used):
    /// ```yaml
    /// # before
    /// Database:
    ///   Type: AWS::RDS::DBInstance
    ///   Properties:
    ///     Engine: postgres
    ///     DBInstanceClass: db.t4g.micro
    /// # after
    /// Database:
    ///   Type: AWS::RDS::DBInstance
    ///   Properties:
    ///     Engine: postgres
    ///     DBInstanceClass: db.t4g.micro
    ///     StorageEncrypted: true
    ///     KmsKeyId: !GetAtt DatabaseKey.Arn
    /// ```
    ///
    /// ## References
    /// - [AWS::RDS::DBInstance](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html)
    /// - [Encrypting Amazon RDS resources](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html)
    /// - cfn_nag F27; checkov CKV_AWS_16
    ///
    /// ## Unknown values
    /// An unresolved `StorageEncrypted` is reported at `info`. An instance restored from a snapshot
    /// (`DBSnapshotIdentifier`, `DBClusterSnapshotIdentifier`), from automated backups
    /// (`SourceDBInstanceAutomatedBackupsArn`, `SourceDbiResourceId`) or replicating a source
    /// (`SourceDBInstanceIdentifier`, or a Multi-AZ DB cluster in `SourceDBClusterIdentifier`) that
    /// this template does not define takes the encryption of that source unless
    /// `StorageEncrypted: true` is set, so it is also reported at `info`.
    RdsInstanceStorageNotEncrypted {
        code: "CFN4001",
        name: "rds-instance-storage-not-encrypted",
        severity: High,
        group: "encryption",
        summary: "RDS DB instance storage is not encrypted (`StorageEncrypted` absent or false)",
        types: ["AWS::RDS::DBInstance"],
        xrefs: [CfnNag("F27"), Checkov("CKV_AWS_16")],
    }
}

impl Rule for RdsInstanceStorageNotEncrypted {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        if cx.prop("DBClusterIdentifier").is_some() {
            return;
        }
        if lower(cx.prop("Engine"))
            .is_some_and(|e| e.starts_with("aurora") || e.starts_with("custom-"))
        {
            return;
        }
        storage_flag(
            cx,
            hits,
            "StorageEncrypted",
            &[
                "SourceDBInstanceIdentifier",
                "SourceDBClusterIdentifier",
                "DBSnapshotIdentifier",
                "DBClusterSnapshotIdentifier",
                "SourceDBInstanceAutomatedBackupsArn",
                "SourceDbiResourceId",
            ],
            "DB instance storage is not encrypted",
            "the DB instance storage is encrypted",
        );
    }
}
