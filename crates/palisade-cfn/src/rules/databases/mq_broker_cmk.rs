use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, text, truth, Tri};

use super::super::encryption::util::require_cmk_in;
use super::util::{known_lower, Known};

declare_rule! {
    /// ## What it checks
    /// An `AWS::AmazonMQ::Broker` (ActiveMQ) whose data at rest is not encrypted with a customer
    /// managed KMS key:
    /// - `EncryptionOptions` is absent: Amazon MQ uses an AWS owned key (what cfn_nag W53
    ///   reports);
    /// - `EncryptionOptions.UseAwsOwnedKey` is `true` (an AWS owned key);
    /// - `UseAwsOwnedKey` is `false` without `KmsKeyId`, or with the AWS managed key
    ///   `alias/aws/mq`.
    ///
    /// Amazon MQ always encrypts broker storage; the question is whose key. cfn_nag only asks
    /// for `EncryptionOptions` to be present, which an explicit `UseAwsOwnedKey: true` satisfies
    /// without changing anything; this rule asks for the customer managed key that
    /// `EncryptionOptions` exists to select.
    ///
    /// RabbitMQ brokers (`EngineType: RabbitMQ`) are not checked: `EncryptionOptions` does not
    /// apply to them.
    ///
    /// ## Why it matters
    /// An AWS owned key is not in the account at all: there is no key policy to read or change,
    /// and its use does not appear in the account's CloudTrail. The AWS managed key `aws/mq` is in
    /// the account, but its policy cannot be changed. Either way access to the stored messages is
    /// governed only by Amazon MQ and IAM, and the data cannot be made unreadable by disabling the
    /// key. A customer managed key adds a key policy the account controls and a logged record of
    /// every use.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Broker:
    ///   Type: AWS::AmazonMQ::Broker
    ///   Properties:
    ///     BrokerName: orders
    ///     EngineType: ActiveMQ
    ///     EngineVersion: "5.18"
    ///     HostInstanceType: mq.m5.large
    ///     DeploymentMode: ACTIVE_STANDBY_MULTI_AZ
    ///     PubliclyAccessible: false
    ///     AutoMinorVersionUpgrade: true
    ///     Users:
    ///       - Username: app
    ///         Password: '{{resolve:secretsmanager:mq-app:SecretString:password}}'
    /// # after: add
    ///     EncryptionOptions:
    ///       UseAwsOwnedKey: false
    ///       KmsKeyId: !Ref BrokerKey
    /// ```
    ///
    /// ## References
    /// - [AWS::AmazonMQ::Broker EncryptionOptions](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-amazonmq-broker-encryptionoptions.html)
    /// - [AWS::AmazonMQ::Broker](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-amazonmq-broker.html) (`EngineType`)
    /// - cfn_nag W53
    ///
    /// ## Unknown values
    /// An unresolved `EngineType`, `EncryptionOptions`, `UseAwsOwnedKey` or `KmsKeyId` is
    /// reported at `info`; a `Ref` or `Fn::GetAtt` to a key or alias of this template counts as
    /// a customer managed key.
    MqBrokerWithoutCmk {
        code: "CFN8109",
        name: "amazonmq-broker-without-customer-managed-key",
        severity: Low,
        group: "database",
        summary: "Amazon MQ broker is not encrypted with a customer managed KMS key",
        types: ["AWS::AmazonMQ::Broker"],
        xrefs: [CfnNag("W53")],
    }
}

impl Rule for MqBrokerWithoutCmk {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        match known_lower(cx, "EngineType") {
            Known::Is(_, e) if e == "rabbitmq" => return,
            Known::Unknown(n) => {
                hits.unknown(
                    n,
                    "the broker is an ActiveMQ broker that needs a customer managed key",
                );
                return;
            }
            _ => {}
        }
        let Some(options) = cx.prop("EncryptionOptions") else {
            hits.missing(
                "EncryptionOptions",
                "broker is encrypted only with an AWS owned key: `EncryptionOptions` is not set",
            );
            return;
        };
        if is_unknown(options) {
            hits.unknown(
                options,
                "`EncryptionOptions` selects a customer managed KMS key",
            );
            return;
        }
        match options.get("UseAwsOwnedKey") {
            Some(v) if truth(v) == Tri::False => {}
            Some(v) if is_unknown(v) => {
                hits.unknown(v, "`EncryptionOptions.UseAwsOwnedKey` is false");
                return;
            }
            Some(v) => {
                let shown = if truth(v) == Tri::True {
                    "true".to_string()
                } else {
                    format!("`{}`, not false", text(v).unwrap_or_default())
                };
                hits.at(
                    v,
                    format!("broker is encrypted only with an AWS owned key: `EncryptionOptions.UseAwsOwnedKey` is {shown}"),
                );
                return;
            }
            None => {
                hits.at(
                    options,
                    "broker is encrypted only with an AWS owned key: `EncryptionOptions.UseAwsOwnedKey` is not set (default true)",
                );
                return;
            }
        }
        require_cmk_in(
            cx,
            hits,
            options,
            "KmsKeyId",
            "EncryptionOptions.",
            "broker",
            "broker is encrypted with the AWS managed key `aws/mq`",
        );
    }
}
