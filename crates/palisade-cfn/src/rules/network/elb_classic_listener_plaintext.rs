use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, items, text};

declare_rule! {
    /// ## What it checks
    /// An internet-facing `AWS::ElasticLoadBalancing::LoadBalancer` (Classic Load Balancer)
    /// with a listener in `Listeners` whose front-end `Protocol` is `HTTP` or `TCP`.
    /// `Scheme` defaults to `internet-facing`; load balancers with `Scheme: internal` are not
    /// reported.
    ///
    /// ## Why it matters
    /// An `HTTP` or `TCP` listener accepts unencrypted connections from the internet: cookies,
    /// tokens, credentials and data travel in clear text and can be read or changed by anyone
    /// on the network path. A Classic Load Balancer cannot redirect HTTP to HTTPS itself, so
    /// the only safe front-end protocols are `HTTPS` and `SSL`.
    ///
    /// A `TCP` listener that passes TLS through to the instances unchanged (the instances
    /// terminate TLS) is encrypted end to end; suppress the finding on that load balancer with
    /// that reason. Consider migrating to an Application or Network Load Balancer.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Listeners:
    ///   - LoadBalancerPort: "80"
    ///     InstancePort: "8080"
    ///     Protocol: HTTP
    /// # after
    /// Listeners:
    ///   - LoadBalancerPort: "443"
    ///     InstancePort: "8080"
    ///     Protocol: HTTPS
    ///     InstanceProtocol: HTTP
    ///     SSLCertificateId: !Ref Certificate
    /// ```
    ///
    /// ## References
    /// - [Listeners for your Classic Load Balancer](https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-listener-config.html)
    /// - [AWS::ElasticLoadBalancing::LoadBalancer Listeners](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-elb-listener.html)
    ElbClassicListenerPlaintext {
        code: "CFN6003",
        name: "elb-classic-listener-plaintext",
        severity: Medium,
        group: "network",
        summary: "internet-facing Classic Load Balancer listener accepts plain HTTP or TCP",
        types: ["AWS::ElasticLoadBalancing::LoadBalancer"],
        xrefs: [],
    }
}

impl Rule for ElbClassicListenerPlaintext {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let scheme = cx.prop("Scheme");
        let scheme_unknown = scheme.filter(|s| is_unknown(s));
        if scheme
            .and_then(text)
            .is_some_and(|s| s.eq_ignore_ascii_case("internal"))
        {
            return;
        }
        let Some(listeners) = cx.prop("Listeners") else {
            return;
        };
        for listener in items(listeners) {
            if is_unknown(listener) {
                hits.unknown(listener, "the listener accepts plain HTTP or TCP");
                continue;
            }
            let Some(protocol) = listener.get("Protocol") else {
                continue;
            };
            if is_unknown(protocol) {
                hits.unknown(protocol, "the listener accepts plain HTTP or TCP");
                continue;
            }
            let Some(p) = text(protocol) else { continue };
            if !(p.eq_ignore_ascii_case("HTTP") || p.eq_ignore_ascii_case("TCP")) {
                continue;
            }
            if let Some(s) = scheme_unknown {
                hits.unknown(
                    s,
                    "the load balancer with a plain-text listener is internet-facing",
                );
                return;
            }
            let port = listener
                .get("LoadBalancerPort")
                .and_then(text)
                .map(|p| format!(" on port {p}"))
                .unwrap_or_default();
            hits.at(
                protocol,
                format!("internet-facing load balancer listener{port} uses unencrypted `{p}`"),
            );
        }
    }
}
