use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

use super::util::require_cmk;

declare_rule! {
    /// ## What it checks
    /// An `AWS::SNS::Topic` without a customer managed KMS key in `KmsMasterKeyId`. Amazon SNS
    /// applies server-side encryption only when a key is given, so a topic without
    /// `KmsMasterKeyId` stores the messages it is delivering unencrypted. A topic using the AWS
    /// managed key `alias/aws/sns` is encrypted but is reported too: that key's policy cannot be
    /// changed, so other accounts and AWS services that publish to topics (CloudWatch alarms,
    /// EventBridge, S3 notifications) cannot be allowed to use it.
    ///
    /// ## Why it matters
    /// Notifications often carry order details, alerts with resource names, or personal data.
    /// With a customer managed key, publishing and reading require KMS permissions as well, key use
    /// is logged in CloudTrail, and the key can be disabled to cut off access.
    ///
    /// ## How to fix
    /// Name a customer managed key whose policy allows the publishers (including AWS service
    /// principals that publish to the topic):
    /// ```yaml
    /// # before
    /// Alerts:
    ///   Type: AWS::SNS::Topic
    ///   Properties:
    ///     TopicName: alerts
    /// # after
    /// Alerts:
    ///   Type: AWS::SNS::Topic
    ///   Properties:
    ///     TopicName: alerts
    ///     KmsMasterKeyId: !Ref AlertsKey
    /// ```
    ///
    /// ## References
    /// - [AWS::SNS::Topic](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sns-topic.html)
    /// - [Amazon SNS data encryption at rest](https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html)
    /// - cfn_nag W47; checkov CKV_AWS_26
    ///
    /// ## Unknown values
    /// A `KmsMasterKeyId` taken from a parameter without a value or an import is reported at
    /// `info`; a `Ref` or `Fn::GetAtt` to a key or alias of this template counts as a customer
    /// managed key.
    SnsTopicNotEncryptedWithKms {
        code: "CFN4010",
        name: "sns-topic-not-encrypted-with-kms",
        severity: Medium,
        group: "encryption",
        summary: "SNS topic is not encrypted with a customer managed KMS key (`KmsMasterKeyId`)",
        types: ["AWS::SNS::Topic"],
        xrefs: [CfnNag("W47"), Checkov("CKV_AWS_26")],
    }
}

impl Rule for SnsTopicNotEncryptedWithKms {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        require_cmk(
            cx,
            hits,
            "KmsMasterKeyId",
            "topic",
            "topic is not encrypted at rest",
        );
    }
}
