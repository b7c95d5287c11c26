use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::ElasticLoadBalancing::LoadBalancer` (Classic Load Balancer) whose
    /// `AccessLoggingPolicy` is absent, or whose `AccessLoggingPolicy.Enabled` is `false` or
    /// missing.
    ///
    /// ## Why it matters
    /// Access logs record every request the load balancer received: client IP and port,
    /// backend, latencies, status codes and (for HTTP listeners) the request line. They are
    /// the evidence needed to trace an attack against the application behind the load
    /// balancer, and they are off by default.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Web:
    ///   Type: AWS::ElasticLoadBalancing::LoadBalancer
    ///   Properties:
    ///     Listeners: [...]
    /// # after
    /// Web:
    ///   Type: AWS::ElasticLoadBalancing::LoadBalancer
    ///   Properties:
    ///     Listeners: [...]
    ///     AccessLoggingPolicy:
    ///       Enabled: true
    ///       S3BucketName: !Ref LbLogs
    ///       S3BucketPrefix: web
    ///       EmitInterval: 5
    /// ```
    ///
    /// ## References
    /// - [Access logs for your Classic Load Balancer](https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/access-log-collection.html)
    /// - [AWS::ElasticLoadBalancing::LoadBalancer AccessLoggingPolicy](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-elasticloadbalancing-loadbalancer-accessloggingpolicy.html)
    /// - cfn_nag W26; checkov CKV_AWS_92
    ElbClassicAccessLogging {
        code: "CFN5005",
        name: "elb-classic-access-logging-disabled",
        severity: Low,
        group: "logging",
        summary: "Classic Load Balancer has no access logging (AccessLoggingPolicy.Enabled)",
        types: ["AWS::ElasticLoadBalancing::LoadBalancer"],
        xrefs: [CfnNag("W26"), Checkov("CKV_AWS_92")],
    }
}

impl Rule for ElbClassicAccessLogging {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(policy) = cx.prop("AccessLoggingPolicy") else {
            hits.missing(
                "AccessLoggingPolicy",
                "load balancer has no access logging: `AccessLoggingPolicy` is not set",
            );
            return;
        };
        if is_unknown(policy) {
            hits.unknown(policy, "the load balancer has access logging");
            return;
        }
        match policy.get("Enabled") {
            None => hits.at(
                policy,
                "load balancer has no access logging: `AccessLoggingPolicy` has no `Enabled: true`",
            ),
            Some(v) => match truth(v) {
                Tri::True => {}
                Tri::False => hits.at(
                    v,
                    "load balancer has no access logging: `AccessLoggingPolicy.Enabled` is false",
                ),
                Tri::Unknown => hits.unknown(v, "the load balancer has access logging"),
            },
        }
    }
}
