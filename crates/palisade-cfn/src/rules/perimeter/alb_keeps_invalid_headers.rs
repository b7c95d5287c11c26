use super::util::known_text;
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, items, truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::ElasticLoadBalancingV2::LoadBalancer` of type `application` (the default when
    /// `Type` is not set) whose `LoadBalancerAttributes` do not set
    /// `routing.http.drop_invalid_header_fields.enabled` to `true`. The attribute defaults to
    /// `false`: the load balancer forwards headers whose names are not valid (anything but
    /// letters, digits and hyphens) to the targets. Network and gateway load balancers have no
    /// such attribute and are not checked.
    ///
    /// ## Why it matters
    /// Header names with underscores, spaces or other characters are interpreted differently
    /// by proxies, frameworks and servers. An attacker can use such a header to smuggle a
    /// value past the load balancer that the application reads as another header (for
    /// instance one carrying a client IP or an identity set by a trusted proxy), or to set up
    /// request smuggling between the load balancer and the targets. Dropping invalid headers at
    /// the load balancer removes that ambiguity.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// LoadBalancer:
    ///   Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    ///   Properties:
    ///     Subnets: [!Ref PublicSubnetA, !Ref PublicSubnetB]
    /// # after
    /// LoadBalancer:
    ///   Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    ///   Properties:
    ///     Subnets: [!Ref PublicSubnetA, !Ref PublicSubnetB]
    ///     LoadBalancerAttributes:
    ///       - Key: routing.http.drop_invalid_header_fields.enabled
    ///         Value: "true"
    /// ```
    ///
    /// ## References
    /// - [Application Load Balancer attributes](https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes) (`routing.http.drop_invalid_header_fields.enabled`)
    /// - [AWS::ElasticLoadBalancingV2::LoadBalancer LoadBalancerAttribute](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-elasticloadbalancingv2-loadbalancer-loadbalancerattribute.html)
    /// - [alb-http-drop-invalid-header-enabled](https://docs.aws.amazon.com/config/latest/developerguide/alb-http-drop-invalid-header-enabled.html) (AWS Config rule)
    /// - checkov CKV_AWS_131
    AlbKeepsInvalidHeaderFields {
        code: "CFN6117",
        name: "alb-keeps-invalid-header-fields",
        severity: Medium,
        group: "network",
        summary: "application load balancer forwards invalid HTTP header fields (drop_invalid_header_fields not enabled)",
        types: ["AWS::ElasticLoadBalancingV2::LoadBalancer"],
        xrefs: [Checkov("CKV_AWS_131")],
    }
}

const KEY: &str = "routing.http.drop_invalid_header_fields.enabled";
const QUESTION: &str = "the load balancer drops invalid header fields";

impl Rule for AlbKeepsInvalidHeaderFields {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        if let Some(ty) = cx.prop("Type") {
            match known_text(ty) {
                Err(n) => {
                    hits.unknown(n, "the load balancer is an application load balancer");
                    return;
                }
                Ok(t) if !t.eq_ignore_ascii_case("application") => return,
                Ok(_) => {}
            }
        }
        let Some(attrs) = cx.prop("LoadBalancerAttributes") else {
            hits.missing(
                "LoadBalancerAttributes",
                format!("load balancer forwards invalid header fields to its targets: `{KEY}` is not set"),
            );
            return;
        };
        if is_unknown(attrs) {
            hits.unknown(attrs, QUESTION);
            return;
        }
        let mut unknown = None;
        for attr in items(attrs) {
            if is_unknown(attr) {
                unknown.get_or_insert(attr);
                continue;
            }
            let Some(key) = attr.get("Key") else {
                continue;
            };
            match known_text(key) {
                Err(n) => {
                    unknown.get_or_insert(n);
                    continue;
                }
                Ok(k) if k != KEY => continue,
                Ok(_) => {}
            }
            let Some(value) = attr.get("Value") else {
                continue;
            };
            if is_unknown(value) {
                hits.unknown(value, QUESTION);
            } else if truth(value) != Tri::True {
                let shown = known_text(value).unwrap_or_default();
                hits.at(
                    value,
                    format!("load balancer forwards invalid header fields to its targets: `{KEY}` is `{shown}`"),
                );
            }
            return;
        }
        match unknown {
            Some(n) => hits.unknown(n, QUESTION),
            None => hits.at(
                attrs,
                format!("load balancer forwards invalid header fields to its targets: `{KEY}` is not set"),
            ),
        }
    }
}
