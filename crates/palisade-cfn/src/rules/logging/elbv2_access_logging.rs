use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, items, text, truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::ElasticLoadBalancingV2::LoadBalancer` of `Type` `application` (the default) or
    /// `network` whose `LoadBalancerAttributes` do not contain `access_logs.s3.enabled` with
    /// the value `true`. Gateway Load Balancers (`Type: gateway`) have no access logs and are
    /// not checked.
    ///
    /// ## Why it matters
    /// Access logs are the record of every request (Application Load Balancer) or TLS
    /// connection (Network Load Balancer) the load balancer handled: client address, target,
    /// timings, status, TLS protocol and cipher. They are off by default; without them there is
    /// nothing to investigate an attack with, nor to find clients still using weak TLS before
    /// tightening a security policy.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Alb:
    ///   Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    ///   Properties:
    ///     Subnets: [!Ref SubnetA, !Ref SubnetB]
    /// # after
    /// Alb:
    ///   Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    ///   Properties:
    ///     Subnets: [!Ref SubnetA, !Ref SubnetB]
    ///     LoadBalancerAttributes:
    ///       - Key: access_logs.s3.enabled
    ///         Value: "true"
    ///       - Key: access_logs.s3.bucket
    ///         Value: !Ref LbLogs
    /// ```
    ///
    /// ## References
    /// - [Access logs for your Application Load Balancer](https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html)
    /// - [Access logs for your Network Load Balancer](https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-access-logs.html)
    /// - [AWS::ElasticLoadBalancingV2::LoadBalancer LoadBalancerAttribute](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-elasticloadbalancingv2-loadbalancer-loadbalancerattribute.html)
    /// - cfn_nag W52; checkov CKV_AWS_91
    Elbv2AccessLogging {
        code: "CFN5006",
        name: "elbv2-access-logging-disabled",
        severity: Low,
        group: "logging",
        summary: "Application or Network Load Balancer has no access logging (access_logs.s3.enabled)",
        types: ["AWS::ElasticLoadBalancingV2::LoadBalancer"],
        xrefs: [CfnNag("W52"), Checkov("CKV_AWS_91")],
    }
}

const KEY: &str = "access_logs.s3.enabled";

impl Rule for Elbv2AccessLogging {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        if let Some(ty) = cx.prop("Type") {
            if is_unknown(ty) {
                if !logs_enabled_for_sure(cx) {
                    hits.unknown(
                        ty,
                        "the load balancer is a Gateway Load Balancer (which has no access logs)",
                    );
                }
                return;
            }
            if text(ty).is_some_and(|t| t.eq_ignore_ascii_case("gateway")) {
                return;
            }
        }
        let Some(attrs) = cx.prop("LoadBalancerAttributes") else {
            hits.missing(
                "LoadBalancerAttributes",
                "load balancer has no access logging: no `access_logs.s3.enabled` attribute",
            );
            return;
        };
        if is_unknown(attrs) {
            hits.unknown(attrs, "the load balancer has access logging");
            return;
        }
        let mut unknown_key = None;
        for attr in items(attrs) {
            if is_unknown(attr) {
                unknown_key = Some(attr);
                continue;
            }
            let Some(key) = attr.get("Key") else { continue };
            if is_unknown(key) {
                unknown_key = Some(key);
                continue;
            }
            if text(key).as_deref() != Some(KEY) {
                continue;
            }
            match attr.get("Value") {
                None => hits.at(
                    attr,
                    "load balancer has no access logging: `access_logs.s3.enabled` has no `Value`",
                ),
                Some(v) => match truth(v) {
                    Tri::True => {}
                    Tri::False => hits.at(
                        v,
                        "load balancer has no access logging: `access_logs.s3.enabled` is false",
                    ),
                    Tri::Unknown => hits.unknown(v, "the load balancer has access logging"),
                },
            }
            return;
        }
        match unknown_key {
            Some(key) => hits.unknown(key, "the load balancer has access logging"),
            None => hits.at(
                attrs,
                "load balancer has no access logging: `LoadBalancerAttributes` has no `access_logs.s3.enabled`",
            ),
        }
    }
}

/// Whether the attributes say `access_logs.s3.enabled: true` in so many words.
fn logs_enabled_for_sure(cx: &ResourceCx<'_>) -> bool {
    cx.prop("LoadBalancerAttributes").is_some_and(|attrs| {
        items(attrs).iter().any(|a| {
            a.get("Key").and_then(text).as_deref() == Some(KEY)
                && a.get("Value").is_some_and(|v| truth(v) == Tri::True)
        })
    })
}
