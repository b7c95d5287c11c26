use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// An `AWS::Logs::LogGroup` without `RetentionInDays`: CloudWatch Logs then keeps its
    /// events forever.
    ///
    /// ## Why it matters
    /// A retention period is a decision about how long evidence is needed and how long
    /// personal or sensitive data in logs may be kept. Keeping everything indefinitely grows
    /// cost without bound and keeps data (tokens, e-mail addresses, request bodies that
    /// applications log by mistake) around longer than any policy allows, which matters for
    /// data-protection rules; too short a period, set deliberately, is at least visible in
    /// review. Choose the period from your incident-response and compliance requirements
    /// (often 365 days or more for audit logs).
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// AppLogs:
    ///   Type: AWS::Logs::LogGroup
    /// # after
    /// AppLogs:
    ///   Type: AWS::Logs::LogGroup
    ///   Properties:
    ///     RetentionInDays: 365
    /// ```
    ///
    /// ## References
    /// - [Change log data retention in CloudWatch Logs](https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention)
    /// - [AWS::Logs::LogGroup](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-logs-loggroup.html)
    /// - cfn_nag W86; checkov CKV_AWS_66
    ///
    /// ## Unknown values
    /// The rule only asks whether `RetentionInDays` is present; its value (even an unresolved
    /// parameter) is not inspected. A `RetentionInDays` removed by `AWS::NoValue` in some
    /// condition is reported for that condition.
    LogGroupRetention {
        code: "CFN5009",
        name: "log-group-retention-not-set",
        severity: Low,
        group: "logging",
        summary: "CloudWatch Logs log group keeps events forever (no RetentionInDays)",
        types: ["AWS::Logs::LogGroup"],
        xrefs: [CfnNag("W86"), Checkov("CKV_AWS_66")],
    }
}

impl Rule for LogGroupRetention {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        if cx.prop("RetentionInDays").is_none() {
            hits.missing(
                "RetentionInDays",
                "log group keeps events forever: `RetentionInDays` is not set",
            );
        }
    }
}
