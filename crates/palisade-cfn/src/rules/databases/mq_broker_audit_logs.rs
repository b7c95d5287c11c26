use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{truth, Tri};

use super::super::encryption::util::{lookup, require_true, Lookup};
use super::util::{known_lower, Known};

declare_rule! {
    /// ## What it checks
    /// An `AWS::AmazonMQ::Broker` for ActiveMQ whose `Logs.Audit` is absent (audit logging is off
    /// by default) or `false`.
    ///
    /// RabbitMQ brokers (`EngineType: RabbitMQ`) are not checked: Amazon MQ has no audit log for
    /// RabbitMQ and rejects `Audit: true` for it.
    ///
    /// ## Why it matters
    /// The ActiveMQ audit log records every management action taken through JMX or the ActiveMQ
    /// Web Console: queues and topics created or deleted, messages purged, users changed. Without
    /// it, who emptied a queue or created a destination for exfiltration cannot be traced, since
    /// CloudTrail only records calls to the Amazon MQ API.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Broker:
    ///   Type: AWS::AmazonMQ::Broker
    ///   Properties:
    ///     BrokerName: orders
    ///     EngineType: ActiveMQ
    ///     Logs:
    ///       General: true
    /// # after
    /// Broker:
    ///   Type: AWS::AmazonMQ::Broker
    ///   Properties:
    ///     BrokerName: orders
    ///     EngineType: ActiveMQ
    ///     Logs:
    ///       General: true
    ///       Audit: true
    /// ```
    /// (other required broker properties omitted)
    ///
    /// ## References
    /// - [AWS::AmazonMQ::Broker LogList](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-amazonmq-broker-loglist.html)
    /// - [Logging and monitoring Amazon MQ brokers](https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/security-logging-monitoring.html)
    /// - [Logging Amazon MQ API calls using AWS CloudTrail](https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/security-logging-monitoring-cloudtrail.html) (ActiveMQ operations are not recorded)
    /// - checkov CKV_AWS_197
    ///
    /// ## Unknown values
    /// An unresolved `Logs.Audit` is reported at `info`; so is an unresolved `EngineType` when
    /// audit logging is not known to be on.
    MqBrokerAuditLogsDisabled {
        code: "CFN8110",
        name: "amazonmq-broker-audit-logging-disabled",
        severity: Low,
        group: "database",
        summary: "Amazon MQ (ActiveMQ) broker does not write audit logs (`Logs.Audit`)",
        types: ["AWS::AmazonMQ::Broker"],
        xrefs: [Checkov("CKV_AWS_197")],
    }
}

impl Rule for MqBrokerAuditLogsDisabled {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        const FLAG: &str = "Logs.Audit";
        if matches!(lookup(cx.props, FLAG), Lookup::Found(v) if truth(v) == Tri::True) {
            return;
        }
        match known_lower(cx, "EngineType") {
            Known::Is(_, e) if e == "rabbitmq" => return,
            Known::Unknown(n) => {
                hits.unknown(
                    n,
                    "the broker is an ActiveMQ broker that must write audit logs",
                );
                return;
            }
            _ => {}
        }
        require_true(cx, hits, FLAG, "broker does not write audit logs");
    }
}
