use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

use super::util::{map_param, Known};

declare_rule! {
    /// ## What it checks
    /// An `AWS::DocDB::DBClusterParameterGroup` whose `Parameters` do not turn auditing on:
    /// `audit_logs` is absent (auditing is disabled by default), `disabled` or `none`.
    ///
    /// `audit_logs` takes `enabled` or a comma-separated list of event categories (`ddl`,
    /// `dml_read`, `dml_write`, `all`, ...); checkov accepts only `enabled`, this rule accepts any
    /// value that records events.
    ///
    /// Events are only delivered when the cluster also exports the `audit` log type to
    /// CloudWatch Logs (CFN8116).
    ///
    /// ## Why it matters
    /// DocumentDB auditing records authentication attempts, user and role management, and
    /// changes to databases, collections and indexes. CloudTrail only records the management
    /// API, so without it there is no trace of who logged in or what they changed inside the
    /// cluster.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// DocsParams:
    ///   Type: AWS::DocDB::DBClusterParameterGroup
    ///   Properties:
    ///     Family: docdb5.0
    ///     Description: documents
    ///     Parameters:
    ///       tls: enabled
    /// # after
    /// DocsParams:
    ///   Type: AWS::DocDB::DBClusterParameterGroup
    ///   Properties:
    ///     Family: docdb5.0
    ///     Description: documents
    ///     Parameters:
    ///       tls: enabled
    ///       audit_logs: enabled
    /// ```
    ///
    /// ## References
    /// - [Auditing Amazon DocumentDB events](https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html)
    /// - [AWS::DocDB::DBClusterParameterGroup](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-docdb-dbclusterparametergroup.html)
    /// - checkov CKV_AWS_104
    DocDbAuditLogsDisabled {
        code: "CFN8118",
        name: "docdb-parameter-group-audit-logs-disabled",
        severity: Medium,
        group: "database",
        summary: "DocumentDB cluster parameter group does not enable auditing (`audit_logs`)",
        types: ["AWS::DocDB::DBClusterParameterGroup"],
        xrefs: [Checkov("CKV_AWS_104")],
    }
}

impl Rule for DocDbAuditLogsDisabled {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        const PROBLEM: &str = "clusters using this parameter group record no audit events";
        match map_param(cx.props, "audit_logs") {
            Known::Absent => hits.missing(
                "Parameters.audit_logs",
                format!("{PROBLEM}: `audit_logs` is not set (default `disabled`)"),
            ),
            Known::Unknown(n) => hits.unknown(n, "`audit_logs` enables auditing"),
            Known::Is(n, v) => {
                let off = v.split(',').all(|part| {
                    let part = part.trim();
                    part.eq_ignore_ascii_case("disabled")
                        || part.eq_ignore_ascii_case("none")
                        || part.is_empty()
                });
                if off {
                    hits.at(n, format!("{PROBLEM}: `audit_logs` is `{v}`"));
                }
            }
        }
    }
}
