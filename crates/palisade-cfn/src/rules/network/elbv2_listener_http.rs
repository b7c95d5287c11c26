use palisade_doc::Node;

use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::logging::util::{mentions, resources_of};
use crate::value::{is_unknown, items, text};

declare_rule! {
    /// ## What it checks
    /// An `AWS::ElasticLoadBalancingV2::Listener` with `Protocol: HTTP` that serves requests
    /// instead of sending clients to HTTPS. The listener passes only when every action of its
    /// `DefaultActions` is a `redirect` whose `RedirectConfig.Protocol` is `HTTPS` (an absent
    /// `Protocol` keeps `#{protocol}`, i.e. plain HTTP), and no `AWS::ElasticLoadBalancingV2::ListenerRule`
    /// of the same template attached to it (`ListenerArn: !Ref Listener`) does anything else.
    ///
    /// ## Why it matters
    /// Over plain HTTP every request and response, including session cookies, bearer tokens,
    /// credentials typed into forms and personal data, crosses the network unencrypted and
    /// unauthenticated: anyone on the path (public Wi-Fi, a compromised router, an ISP) can
    /// read and modify it. A redirect to HTTPS keeps port 80 open for users who type the bare
    /// domain without exposing the application over HTTP.
    ///
    /// ## How to fix
    /// Serve the application on an HTTPS listener and make the HTTP listener redirect:
    /// ```yaml
    /// # before
    /// HttpListener:
    ///   Type: AWS::ElasticLoadBalancingV2::Listener
    ///   Properties:
    ///     LoadBalancerArn: !Ref Alb
    ///     Port: 80
    ///     Protocol: HTTP
    ///     DefaultActions:
    ///       - Type: forward
    ///         TargetGroupArn: !Ref Web
    /// # after
    /// HttpListener:
    ///   Type: AWS::ElasticLoadBalancingV2::Listener
    ///   Properties:
    ///     LoadBalancerArn: !Ref Alb
    ///     Port: 80
    ///     Protocol: HTTP
    ///     DefaultActions:
    ///       - Type: redirect
    ///         RedirectConfig:
    ///           Protocol: HTTPS
    ///           Port: "443"
    ///           StatusCode: HTTP_301
    /// ```
    ///
    /// ## References
    /// - [Listeners for your Application Load Balancers](https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html)
    /// - [AWS::ElasticLoadBalancingV2::Listener RedirectConfig](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-elasticloadbalancingv2-listener-redirectconfig.html)
    /// - cfn_nag W56; checkov CKV_AWS_2
    Elbv2ListenerHttp {
        code: "CFN6001",
        name: "elbv2-listener-plain-http",
        severity: Medium,
        group: "network",
        summary: "load balancer listener serves plain HTTP instead of redirecting to HTTPS",
        types: ["AWS::ElasticLoadBalancingV2::Listener"],
        xrefs: [CfnNag("W56"), Checkov("CKV_AWS_2")],
    }
}

/// What an action does with a plain-HTTP request.
enum Verdict<'n> {
    /// Redirects to HTTPS.
    Redirects,
    /// Serves it (forward, fixed-response, a redirect that keeps HTTP, ...): the action type.
    Serves(String),
    /// Cannot tell: the unresolved node.
    Unknown(&'n Node),
}

fn verdict(action: &Node) -> Verdict<'_> {
    if is_unknown(action) {
        return Verdict::Unknown(action);
    }
    let Some(ty) = action.get("Type") else {
        return Verdict::Serves("(no type)".into());
    };
    if is_unknown(ty) {
        return Verdict::Unknown(ty);
    }
    let ty = text(ty).unwrap_or_default();
    if !ty.eq_ignore_ascii_case("redirect") {
        return Verdict::Serves(ty);
    }
    match action.get("RedirectConfig").and_then(|c| c.get("Protocol")) {
        Some(p) if is_unknown(p) => Verdict::Unknown(p),
        Some(p) if text(p).is_some_and(|t| t.eq_ignore_ascii_case("HTTPS")) => Verdict::Redirects,
        _ => Verdict::Serves("redirect to HTTP".into()),
    }
}

impl Rule for Elbv2ListenerHttp {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(protocol) = cx.prop("Protocol") else {
            return;
        };
        if is_unknown(protocol) {
            hits.unknown(protocol, "the listener uses plain HTTP");
            return;
        }
        if !text(protocol).is_some_and(|p| p.eq_ignore_ascii_case("HTTP")) {
            return;
        }
        let actions = cx.prop("DefaultActions").map(items).unwrap_or_default();
        let mut unknown = None;
        for action in &actions {
            match verdict(action) {
                Verdict::Redirects => {}
                Verdict::Serves(ty) => {
                    hits.at(
                        protocol,
                        format!("listener serves plain HTTP: `Protocol` is `HTTP` and a default action is `{ty}`, not a redirect to HTTPS"),
                    );
                    return;
                }
                Verdict::Unknown(n) => unknown = unknown.or(Some(n)),
            }
        }
        if actions.is_empty() {
            hits.at(
                protocol,
                "listener serves plain HTTP: `Protocol` is `HTTP` and it has no redirect to HTTPS",
            );
            return;
        }
        if let Some(n) = unknown {
            hits.unknown(n, "the HTTP listener redirects to HTTPS");
            return;
        }
        // Every default action redirects: rules attached to this listener may still serve HTTP.
        let id = cx.id();
        // A rule whose action is unknown must not hide a later rule that certainly serves HTTP.
        let mut unknown_rule = None;
        for rule in resources_of(cx, "AWS::ElasticLoadBalancingV2::ListenerRule") {
            let Some(props) = rule.properties else {
                continue;
            };
            if !props.get("ListenerArn").is_some_and(|a| mentions(a, id)) {
                continue;
            }
            let Some(resolved) = props.get("Actions").and_then(|a| cx.resolver.resolve(a)) else {
                continue;
            };
            for action in items(&resolved) {
                match verdict(action) {
                    Verdict::Redirects => {}
                    Verdict::Serves(ty) => {
                        hits.at(
                            protocol,
                            format!(
                                "listener serves plain HTTP: listener rule `{}` has a `{ty}` action on this `HTTP` listener",
                                rule.logical_id
                            ),
                        );
                        return;
                    }
                    Verdict::Unknown(_) => unknown_rule = unknown_rule.or(Some(rule.logical_id)),
                }
            }
        }
        if let Some(rule) = unknown_rule {
            hits.at_unknown_rule(protocol, rule);
        }
    }
}

/// An unknown action in another resource cannot be pointed at in this one: report the question
/// on the listener's `Protocol`, naming the rule.
trait UnknownRule {
    fn at_unknown_rule(&mut self, node: &Node, rule: &str);
}

impl UnknownRule for Hits {
    fn at_unknown_rule(&mut self, node: &Node, rule: &str) {
        self.push(crate::rule::Hit {
            span: node.span,
            path: None,
            message: format!(
                "cannot tell whether the HTTP listener redirects to HTTPS: an action of listener rule `{rule}` is not known before deployment"
            ),
            unknown: true,
            severity: None,
        });
    }
}
