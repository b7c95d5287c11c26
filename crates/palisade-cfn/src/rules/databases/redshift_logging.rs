use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, items, Tri};

use super::super::encryption::util::lower;
use super::super::logging::util::is_set;

declare_rule! {
    /// ## What it checks
    /// An `AWS::Redshift::Cluster` without audit logging: `LoggingProperties` is absent (audit
    /// logging is off by default), or it names no destination, that is
    /// - `LogDestinationType` is `s3` or absent, and `BucketName` is absent or empty; or
    /// - `LogDestinationType` is `cloudwatch` and `LogExports` is absent or empty.
    ///
    /// checkov only accepts `BucketName`; this rule also accepts delivery to CloudWatch Logs,
    /// which needs no bucket.
    ///
    /// ## Why it matters
    /// Redshift audit logging records connection attempts (successful and failed, with source
    /// address), changes to database users, and, with `useractivitylog`, every query run. Without
    /// it, credential guessing, a new superuser or bulk `UNLOAD`s of data leave no trace outside
    /// the cluster's short-lived system tables.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Warehouse:
    ///   Type: AWS::Redshift::Cluster
    ///   Properties:
    ///     ClusterType: multi-node
    ///     NumberOfNodes: 2
    ///     NodeType: ra3.xlplus
    ///     DBName: analytics
    ///     MasterUsername: admin
    ///     ManageMasterPassword: true
    /// # after: add
    ///     LoggingProperties:
    ///       LogDestinationType: cloudwatch
    ///       LogExports: [connectionlog, userlog, useractivitylog]
    /// ```
    ///
    /// ## References
    /// - [AWS::Redshift::Cluster LoggingProperties](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-redshift-cluster-loggingproperties.html)
    /// - [Database audit logging](https://docs.aws.amazon.com/redshift/latest/mgmt/db-auditing.html)
    /// - checkov CKV_AWS_71
    ///
    /// ## Unknown values
    /// An unresolved `LoggingProperties`, `LogDestinationType`, `LogExports` or `BucketName` (a
    /// parameter without a value may be empty) is reported at `info`; a `Ref` to a bucket of this
    /// template counts as set.
    RedshiftAuditLoggingDisabled {
        code: "CFN8112",
        name: "redshift-cluster-audit-logging-disabled",
        severity: Medium,
        group: "database",
        summary: "Redshift cluster does not enable audit logging (`LoggingProperties`)",
        types: ["AWS::Redshift::Cluster"],
        xrefs: [Checkov("CKV_AWS_71")],
    }
}

impl Rule for RedshiftAuditLoggingDisabled {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        const PROBLEM: &str = "cluster has no audit logging";
        let Some(logging) = cx.prop("LoggingProperties") else {
            hits.missing(
                "LoggingProperties",
                format!("{PROBLEM}: `LoggingProperties` is not set"),
            );
            return;
        };
        if is_unknown(logging) {
            hits.unknown(logging, "`LoggingProperties` enables audit logging");
            return;
        }
        let destination = logging.get("LogDestinationType");
        if let Some(d) = destination.filter(|d| is_unknown(d)) {
            hits.unknown(d, "`LoggingProperties` names a log destination");
            return;
        }
        if lower(destination).as_deref() == Some("cloudwatch") {
            match logging.get("LogExports") {
                Some(e) if is_unknown(e) => {
                    hits.unknown(e, "`LoggingProperties.LogExports` names a log type");
                }
                Some(e) if !items(e).is_empty() => {}
                Some(e) => hits.at(
                    e,
                    format!("{PROBLEM}: `LoggingProperties.LogExports` is empty"),
                ),
                None => hits.at(
                    logging,
                    format!("{PROBLEM}: `LoggingProperties.LogExports` is not set"),
                ),
            }
            return;
        }
        match logging.get("BucketName") {
            None => hits.at(
                logging,
                format!("{PROBLEM}: `LoggingProperties.BucketName` is not set"),
            ),
            Some(b) => match is_set(cx, b) {
                Tri::True => {}
                Tri::False => hits.at(
                    b,
                    format!("{PROBLEM}: `LoggingProperties.BucketName` is empty"),
                ),
                Tri::Unknown => hits.unknown(b, "`LoggingProperties.BucketName` is set"),
            },
        }
    }
}
