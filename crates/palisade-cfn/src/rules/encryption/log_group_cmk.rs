use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

use super::util::require_cmk;

declare_rule! {
    /// ## What it checks
    /// An `AWS::Logs::LogGroup` without a customer managed KMS key in `KmsKeyId`.
    ///
    /// CloudWatch Logs always encrypts log data at rest, by default with keys owned by the
    /// service, so a log group without `KmsKeyId` is encrypted, only not under the account's
    /// control. The rule asks for a customer managed key; it is a hygiene check, hence `low`.
    ///
    /// ## Why it matters
    /// Logs often capture request bodies, tokens and personal data. With a customer managed key,
    /// reading the log events also requires KMS permissions, every use of the key is logged in
    /// CloudTrail, and disabling the key makes the stored events unreadable.
    ///
    /// ## How to fix
    /// Name a customer managed key whose policy allows the CloudWatch Logs service principal of
    /// the region:
    /// ```yaml
    /// # before
    /// AppLogs:
    ///   Type: AWS::Logs::LogGroup
    ///   Properties:
    ///     RetentionInDays: 90
    /// # after
    /// AppLogs:
    ///   Type: AWS::Logs::LogGroup
    ///   Properties:
    ///     RetentionInDays: 90
    ///     KmsKeyId: !GetAtt LogsKey.Arn
    /// ```
    ///
    /// ## References
    /// - [AWS::Logs::LogGroup](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-logs-loggroup.html)
    /// - [Encrypt log data in CloudWatch Logs using AWS KMS](https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html)
    /// - cfn_nag W84; checkov CKV_AWS_158
    ///
    /// ## Unknown values
    /// A `KmsKeyId` taken from a parameter without a value or an import is reported at `info`; a
    /// `Ref` or `Fn::GetAtt` to a key of this template counts as a customer managed key.
    LogGroupWithoutCmk {
        code: "CFN4016",
        name: "cloudwatch-log-group-without-customer-managed-key",
        severity: Low,
        group: "encryption",
        summary: "CloudWatch Logs log group is not encrypted with a customer managed KMS key (`KmsKeyId`)",
        types: ["AWS::Logs::LogGroup"],
        xrefs: [CfnNag("W84"), Checkov("CKV_AWS_158")],
    }
}

impl Rule for LogGroupWithoutCmk {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        require_cmk(
            cx,
            hits,
            "KmsKeyId",
            "log group",
            "log group is encrypted only with keys owned by CloudWatch Logs",
        );
    }
}
