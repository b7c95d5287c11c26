use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::MSK::Cluster` that delivers no broker logs: none of
    /// `LoggingInfo.BrokerLogs.CloudWatchLogs`, `.Firehose` or `.S3` has `Enabled: true`.
    /// Broker log delivery is off unless one destination is enabled.
    ///
    /// This is the check of checkov CKV_AWS_80.
    ///
    /// ## Why it matters
    /// Broker logs record client connections, authentication and authorization failures and
    /// broker errors. Without them there is no record of who connected to the cluster or of
    /// failed attempts to read topics, which incident responders need to tell whether data was
    /// accessed.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Streams:
    ///   Type: AWS::MSK::Cluster
    ///   Properties:
    ///     ClusterName: events
    ///     KafkaVersion: 3.6.0
    ///     NumberOfBrokerNodes: 3
    ///     BrokerNodeGroupInfo:
    ///       InstanceType: kafka.m5.large
    ///       ClientSubnets: [!Ref SubnetA, !Ref SubnetB, !Ref SubnetC]
    /// # after
    /// Streams:
    ///   Type: AWS::MSK::Cluster
    ///   Properties:
    ///     ClusterName: events
    ///     KafkaVersion: 3.6.0
    ///     NumberOfBrokerNodes: 3
    ///     BrokerNodeGroupInfo:
    ///       InstanceType: kafka.m5.large
    ///       ClientSubnets: [!Ref SubnetA, !Ref SubnetB, !Ref SubnetC]
    ///     LoggingInfo:
    ///       BrokerLogs:
    ///         CloudWatchLogs:
    ///           Enabled: true
    ///           LogGroup: !Ref BrokerLogs
    /// ```
    ///
    /// ## References
    /// - [AWS::MSK::Cluster BrokerLogs](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-msk-cluster-brokerlogs.html)
    /// - [Amazon MSK logging](https://docs.aws.amazon.com/msk/latest/developerguide/msk-logging.html)
    /// - checkov CKV_AWS_80
    ///
    /// ## Unknown values
    /// When no destination is known to be enabled and an `Enabled` flag (or a block holding
    /// it) is not known before deployment, the rule reports an `info` finding naming the value.
    MskBrokerLoggingDisabled {
        code: "CFN8226",
        name: "msk-broker-logging-disabled",
        severity: Low,
        group: "analytics",
        summary: "MSK cluster delivers no broker logs (`LoggingInfo.BrokerLogs`)",
        types: ["AWS::MSK::Cluster"],
        xrefs: [Checkov("CKV_AWS_80")],
    }
}

const QUESTION: &str = "the cluster delivers broker logs";

impl Rule for MskBrokerLoggingDisabled {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let mut node = cx.props;
        for key in ["LoggingInfo", "BrokerLogs"] {
            match node.get(key) {
                None => {
                    hits.missing(
                        "LoggingInfo.BrokerLogs",
                        "MSK cluster delivers no broker logs: `LoggingInfo.BrokerLogs` is not set",
                    );
                    return;
                }
                Some(n) if is_unknown(n) => {
                    hits.unknown(n, QUESTION);
                    return;
                }
                Some(n) => node = n,
            }
        }
        let mut unknown = None;
        for destination in ["CloudWatchLogs", "Firehose", "S3"] {
            let Some(d) = node.get(destination) else {
                continue;
            };
            let flag = if is_unknown(d) {
                Some(d)
            } else {
                d.get("Enabled")
            };
            match flag {
                Some(f) if truth(f) == Tri::True => return,
                Some(f) if is_unknown(f) => unknown = unknown.or(Some(f)),
                _ => {}
            }
        }
        match unknown {
            Some(f) => hits.unknown(f, QUESTION),
            None => hits.at(
                node,
                "MSK cluster delivers no broker logs: no destination of `LoggingInfo.BrokerLogs` has `Enabled: true`",
            ),
        }
    }
}
