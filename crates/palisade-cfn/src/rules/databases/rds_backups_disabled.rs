use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

use super::util::{in_db_cluster, require_at_least};

declare_rule! {
    /// ## What it checks
    /// An `AWS::RDS::DBInstance` whose `BackupRetentionPeriod` is `0`, which turns automated
    /// backups off. When the property is absent RDS keeps automated backups for 1 day.
    ///
    /// Instances of a DB cluster (`DBClusterIdentifier` set, or an `aurora*` `Engine`) are not
    /// checked: their backups are a setting of the `AWS::RDS::DBCluster`.
    ///
    /// This is a hygiene check, not a security finding: it is reported at `low` and the whole
    /// group can be turned off with `--ignore hygiene`.
    ///
    /// ## Why it matters
    /// Without automated backups there is no point-in-time restore: data lost to a bad migration,
    /// an application bug or a deliberate `DROP` can only come back from a manual snapshot, if one
    /// exists. An instance with retention `0` also cannot be the source of a read replica.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Db:
    ///   Type: AWS::RDS::DBInstance
    ///   Properties:
    ///     Engine: postgres
    ///     DBInstanceClass: db.t4g.medium
    ///     AllocatedStorage: "20"
    ///     BackupRetentionPeriod: 0
    /// # after
    /// Db:
    ///   Type: AWS::RDS::DBInstance
    ///   Properties:
    ///     Engine: postgres
    ///     DBInstanceClass: db.t4g.medium
    ///     AllocatedStorage: "20"
    ///     BackupRetentionPeriod: 7
    /// ```
    ///
    /// ## References
    /// - [AWS::RDS::DBInstance](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html) (`BackupRetentionPeriod`)
    /// - [Backup retention period](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.BackupRetention.html)
    /// - cfn_nag W75
    RdsInstanceBackupsDisabled {
        code: "CFN8104",
        name: "rds-instance-automated-backups-disabled",
        severity: Low,
        group: "hygiene",
        summary: "RDS DB instance turns automated backups off (`BackupRetentionPeriod: 0`)",
        types: ["AWS::RDS::DBInstance"],
        xrefs: [CfnNag("W75")],
    }
}

impl Rule for RdsInstanceBackupsDisabled {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        if in_db_cluster(cx) {
            return;
        }
        require_at_least(
            cx,
            hits,
            "BackupRetentionPeriod",
            (1, 1),
            "automated backups are disabled",
        );
    }
}
