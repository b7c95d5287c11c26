use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

use super::super::encryption::util::require_true;
use super::util::{engine, in_db_cluster, Known};

declare_rule! {
    /// ## What it checks
    /// An `AWS::RDS::DBInstance` whose `MultiAZ` is absent (the default is `false`) or `false`.
    ///
    /// Not checked: instances of a DB cluster (`DBClusterIdentifier` set, or an `aurora*`
    /// `Engine`), whose Availability Zones are managed by the cluster, and `sqlserver-ex`
    /// instances, since SQL Server Express Edition has no Multi-AZ deployments.
    ///
    /// This is a hygiene check, not a security finding: it is reported at `low` and the whole
    /// group can be turned off with `--ignore hygiene`.
    ///
    /// ## Why it matters
    /// A Single-AZ instance is unavailable for as long as its Availability Zone, host or storage
    /// is: the database is down until AWS recovers it or it is restored from a backup. Multi-AZ
    /// keeps a synchronous standby in another zone and fails over to it automatically, also
    /// during maintenance.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Db:
    ///   Type: AWS::RDS::DBInstance
    ///   Properties:
    ///     Engine: postgres
    ///     DBInstanceClass: db.m7g.large
    ///     AllocatedStorage: "100"
    /// # after
    /// Db:
    ///   Type: AWS::RDS::DBInstance
    ///   Properties:
    ///     Engine: postgres
    ///     DBInstanceClass: db.m7g.large
    ///     AllocatedStorage: "100"
    ///     MultiAZ: true
    /// ```
    ///
    /// ## References
    /// - [AWS::RDS::DBInstance](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html) (`MultiAZ`)
    /// - [Multi-AZ DB instance deployments](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html)
    /// - checkov CKV_AWS_157
    RdsInstanceNotMultiAz {
        code: "CFN8106",
        name: "rds-instance-not-multi-az",
        severity: Low,
        group: "hygiene",
        summary: "RDS DB instance is not a Multi-AZ deployment (`MultiAZ`)",
        types: ["AWS::RDS::DBInstance"],
        xrefs: [Checkov("CKV_AWS_157")],
    }
}

impl Rule for RdsInstanceNotMultiAz {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        if in_db_cluster(cx) || matches!(engine(cx), Known::Is(_, e) if e == "sqlserver-ex") {
            return;
        }
        require_true(
            cx,
            hits,
            "MultiAZ",
            "DB instance runs in a single Availability Zone",
        );
    }
}
