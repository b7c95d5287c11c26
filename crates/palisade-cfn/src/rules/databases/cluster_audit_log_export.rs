use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

use super::util::require_listed;

declare_rule! {
    /// ## What it checks
    /// An `AWS::DocDB::DBCluster` or `AWS::Neptune::DBCluster` whose
    /// `EnableCloudwatchLogsExports` is absent (no log is exported by default) or does not
    /// include `audit`.
    ///
    /// checkov's DocumentDB check (CKV_AWS_85) also requires `profiler`; this rule does not:
    /// profiler logs record slow operations for performance tuning, not who did what, and need
    /// the profiler switched on in the parameter group. Its Neptune check (CKV_AWS_101) asks
    /// for `audit` only, as here.
    ///
    /// Exporting is the second half: the cluster only writes audit records when its cluster
    /// parameter group enables them (`audit_logs` for DocumentDB, see CFN8118;
    /// `neptune_enable_audit_log: 1` for Neptune).
    ///
    /// ## Why it matters
    /// The audit log records authentication attempts, user and role changes, and data
    /// definition (and optionally data manipulation) events inside the database. CloudTrail only
    /// sees the management API, so without the export there is no record of who logged in, from
    /// where, or who dropped a collection or graph.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Docs:
    ///   Type: AWS::DocDB::DBCluster
    ///   Properties:
    ///     MasterUsername: admin
    ///     ManageMasterUserPassword: true
    ///     DBClusterParameterGroupName: !Ref DocsParams
    /// # after
    /// Docs:
    ///   Type: AWS::DocDB::DBCluster
    ///   Properties:
    ///     MasterUsername: admin
    ///     ManageMasterUserPassword: true
    ///     DBClusterParameterGroupName: !Ref DocsParams
    ///     EnableCloudwatchLogsExports: [audit]
    /// ```
    ///
    /// ## References
    /// - [Auditing Amazon DocumentDB events](https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html)
    /// - [AWS::DocDB::DBCluster](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-docdb-dbcluster.html) (`EnableCloudwatchLogsExports`)
    /// - [Publishing Neptune logs to Amazon CloudWatch Logs](https://docs.aws.amazon.com/neptune/latest/userguide/cloudwatch-logs.html)
    /// - [AWS::Neptune::DBCluster](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-neptune-dbcluster.html)
    /// - checkov CKV_AWS_85, CKV_AWS_101
    ///
    /// ## Unknown values
    /// An unresolved `EnableCloudwatchLogsExports`, or an unresolved item when no known item is
    /// `audit`, is reported at `info`.
    ClusterAuditLogsNotExported {
        code: "CFN8116",
        name: "docdb-neptune-cluster-audit-logs-not-exported",
        severity: Medium,
        group: "database",
        summary: "DocumentDB or Neptune cluster does not export audit logs to CloudWatch Logs",
        types: ["AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster"],
        xrefs: [Checkov("CKV_AWS_85"), Checkov("CKV_AWS_101")],
    }
}

impl Rule for ClusterAuditLogsNotExported {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        require_listed(
            cx,
            hits,
            "EnableCloudwatchLogsExports",
            "audit",
            "cluster does not export audit logs",
        );
    }
}
