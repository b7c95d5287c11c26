use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

use super::util::require_at_least;

declare_rule! {
    /// ## What it checks
    /// An `AWS::DocDB::DBCluster` or `AWS::Neptune::DBCluster` that keeps automated backups for
    /// fewer than 7 days: `BackupRetentionPeriod` is absent (the default is 1 day) or below 7.
    /// Both services accept 1 to 35 days; backups cannot be turned off.
    ///
    /// The 7-day minimum is checkov's (CKV_AWS_360, CKV_AWS_361); it matches the minimum of
    /// AWS's own remediation runbook for DocumentDB backup retention.
    ///
    /// This is a hygiene check, not a security finding: it is reported at `low` and the whole
    /// group can be turned off with `--ignore hygiene`.
    ///
    /// ## Why it matters
    /// The retention period is how far back the cluster can be restored. With one day, data
    /// corruption or a destructive change noticed after a weekend cannot be undone from
    /// automated backups.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Graph:
    ///   Type: AWS::Neptune::DBCluster
    ///   Properties:
    ///     StorageEncrypted: true
    /// # after
    /// Graph:
    ///   Type: AWS::Neptune::DBCluster
    ///   Properties:
    ///     StorageEncrypted: true
    ///     BackupRetentionPeriod: 7
    /// ```
    ///
    /// ## References
    /// - [AWS::DocDB::DBCluster](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-docdb-dbcluster.html) (`BackupRetentionPeriod`)
    /// - [AWS::Neptune::DBCluster](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-neptune-dbcluster.html) (`BackupRetentionPeriod`)
    /// - [AWS-EnableDocDbClusterBackupRetentionPeriod runbook](https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/aws-enabledocdbclusterbackupretentionperiod.html)
    /// - checkov CKV_AWS_360, CKV_AWS_361
    ClusterBackupRetentionShort {
        code: "CFN8119",
        name: "docdb-neptune-cluster-backup-retention-short",
        severity: Low,
        group: "hygiene",
        summary: "DocumentDB or Neptune cluster keeps automated backups for fewer than 7 days",
        types: ["AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster"],
        xrefs: [Checkov("CKV_AWS_360"), Checkov("CKV_AWS_361")],
    }
}

impl Rule for ClusterBackupRetentionShort {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        require_at_least(
            cx,
            hits,
            "BackupRetentionPeriod",
            (1, 7),
            "cluster keeps automated backups for less than 7 days",
        );
    }
}
