use super::util::forbid_true;
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// An `AWS::AmazonMQ::Broker` with `PubliclyAccessible: true`. The property is required;
    /// `false` passes.
    ///
    /// ## Why it matters
    /// A publicly accessible broker gets public IP addresses: its messaging endpoints
    /// (AMQP, MQTT, OpenWire, STOMP, WSS) and its web console are reachable from the
    /// internet, protected by broker user names and passwords only. Brokers sit between
    /// applications, so an attacker who guesses or reuses a password can read or inject the
    /// messages they exchange. Private brokers in VPC subnets are reached by applications
    /// through the VPC, VPN or peering.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Broker:
    ///   Type: AWS::AmazonMQ::Broker
    ///   Properties:
    ///     PubliclyAccessible: true
    /// # after
    /// Broker:
    ///   Type: AWS::AmazonMQ::Broker
    ///   Properties:
    ///     PubliclyAccessible: false
    ///     SubnetIds: [!Ref PrivateSubnetA]
    ///     SecurityGroups: [!Ref BrokerSecurityGroup]
    /// ```
    ///
    /// ## References
    /// - [AWS::AmazonMQ::Broker](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-amazonmq-broker.html) (`PubliclyAccessible`)
    /// - [Accessing the broker web console of a private broker](https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/accessing-web-console-of-broker-without-public-accessibility.html)
    /// - checkov CKV_AWS_69
    MqBrokerPubliclyAccessible {
        code: "CFN6121",
        name: "mq-broker-publicly-accessible",
        severity: High,
        group: "network",
        summary: "Amazon MQ broker is publicly accessible (PubliclyAccessible: true)",
        types: ["AWS::AmazonMQ::Broker"],
        xrefs: [Checkov("CKV_AWS_69")],
    }
}

impl Rule for MqBrokerPubliclyAccessible {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        forbid_true(
            cx,
            hits,
            "PubliclyAccessible",
            "broker is reachable from the internet",
        );
    }
}
