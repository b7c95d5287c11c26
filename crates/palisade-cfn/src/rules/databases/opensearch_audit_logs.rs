use palisade_doc::Value;

use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::OpenSearchService::Domain` or `AWS::Elasticsearch::Domain` that does not publish
    /// audit logs to CloudWatch Logs: `LogPublishingOptions.AUDIT_LOGS.Enabled` is absent or
    /// `false`. The message says when the domain publishes no log type at all
    /// (`LogPublishingOptions` absent, or none of `AUDIT_LOGS`, `ES_APPLICATION_LOGS`,
    /// `SEARCH_SLOW_LOGS`, `INDEX_SLOW_LOGS` enabled). No log is published by default.
    ///
    /// One rule covers both checkov checks: CKV_AWS_84 passes a domain that enables any log
    /// type, CKV_AWS_317 requires the audit log; every domain failing CKV_AWS_84 also fails here.
    ///
    /// Audit logs need fine-grained access control (`AdvancedSecurityOptions.Enabled: true`); a
    /// domain without it has to enable that first. Publishing is the first of two steps: the
    /// audit categories are then switched on in OpenSearch Dashboards or through the security
    /// REST API, which a template does not show.
    ///
    /// ## Why it matters
    /// The audit log is the domain's record of who did what: failed and successful logins,
    /// requests denied by fine-grained access control, changes to security configuration, and
    /// (if configured) reads and writes of indexes. Application and slow logs are for
    /// troubleshooting; without the audit log, credential abuse or data access through the
    /// domain's REST API leaves no trace.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Search:
    ///   Type: AWS::OpenSearchService::Domain
    ///   Properties:
    ///     EngineVersion: OpenSearch_2.13
    ///     AdvancedSecurityOptions:
    ///       Enabled: true
    ///       InternalUserDatabaseEnabled: false
    ///       MasterUserOptions: {MasterUserARN: !GetAtt SearchAdmin.Arn}
    /// # after: add
    ///     LogPublishingOptions:
    ///       AUDIT_LOGS:
    ///         Enabled: true
    ///         CloudWatchLogsLogGroupArn: !GetAtt SearchAuditLogs.Arn
    /// ```
    ///
    /// ## References
    /// - [AWS::OpenSearchService::Domain LogPublishingOption](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-opensearchservice-domain-logpublishingoption.html)
    /// - [Monitoring audit logs in Amazon OpenSearch Service](https://docs.aws.amazon.com/opensearch-service/latest/developerguide/audit-logs.html)
    /// - [AWS::Elasticsearch::Domain LogPublishingOption](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-elasticsearch-domain-logpublishingoption.html)
    /// - checkov CKV_AWS_84, CKV_AWS_317
    ///
    /// ## Unknown values
    /// An unresolved `LogPublishingOptions` or `AUDIT_LOGS` entry or `Enabled` flag is reported
    /// at `info`.
    OpenSearchAuditLogsDisabled {
        code: "CFN8114",
        name: "opensearch-domain-audit-logs-disabled",
        severity: Medium,
        group: "database",
        summary: "OpenSearch domain does not publish audit logs to CloudWatch Logs",
        types: ["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"],
        xrefs: [Checkov("CKV_AWS_84"), Checkov("CKV_AWS_317")],
    }
}

impl Rule for OpenSearchAuditLogsDisabled {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        const QUESTION: &str = "the domain publishes audit logs";
        let Some(options) = cx.prop("LogPublishingOptions") else {
            hits.missing(
                "LogPublishingOptions",
                "domain publishes no logs, audit logs included: `LogPublishingOptions` is not set",
            );
            return;
        };
        if is_unknown(options) {
            hits.unknown(options, QUESTION);
            return;
        }
        let audit = options.get("AUDIT_LOGS");
        let flag = audit.map(|a| (a, a.get("Enabled")));
        match flag {
            Some((a, _)) if is_unknown(a) => {
                hits.unknown(a, QUESTION);
                return;
            }
            Some((_, Some(e))) if truth(e) == Tri::True => return,
            Some((_, Some(e))) if is_unknown(e) => {
                hits.unknown(e, QUESTION);
                return;
            }
            _ => {}
        }
        let any_enabled = match &options.value {
            Value::Map(entries) => entries.iter().any(|e| {
                e.value
                    .get("Enabled")
                    .is_some_and(|v| truth(v) == Tri::True)
            }),
            _ => false,
        };
        let (at, detail) = match flag {
            Some((_, Some(e))) => (e, "`LogPublishingOptions.AUDIT_LOGS.Enabled` is false"),
            Some((a, None)) => (a, "`LogPublishingOptions.AUDIT_LOGS.Enabled` is not set"),
            None => (options, "`LogPublishingOptions` has no `AUDIT_LOGS` entry"),
        };
        let problem = if any_enabled {
            "domain does not publish audit logs"
        } else {
            "domain publishes no logs, audit logs included"
        };
        hits.at(at, format!("{problem}: {detail}"));
    }
}
