use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, text};

declare_rule! {
    /// ## What it checks
    /// An `AWS::ElasticLoadBalancingV2::Listener` with `Protocol` `HTTPS` (Application Load
    /// Balancer) or `TLS` (Network Load Balancer) whose `SslPolicy` allows clients to
    /// negotiate TLS 1.0 or TLS 1.1.
    ///
    /// A listener **without** `SslPolicy` is reported too: the Elastic Load Balancing guides
    /// state that a listener created through CloudFormation (or the CLI, API or CDK) without a
    /// policy gets `ELBSecurityPolicy-2016-08`, which accepts TLS 1.0, 1.1 and 1.2. (The
    /// console picks a TLS 1.2+ policy; templates do not.)
    ///
    /// Policies that require TLS 1.2 or later, per the protocol tables of the ELB guides:
    /// - TLS 1.3 policies: `ELBSecurityPolicy-TLS13-1-3-2021-06`,
    ///   `ELBSecurityPolicy-TLS13-1-2-2021-06`, `ELBSecurityPolicy-TLS13-1-2-Res-2021-06`,
    ///   `ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06`, `ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06`
    /// - TLS 1.2 policies: `ELBSecurityPolicy-TLS-1-2-2017-01`,
    ///   `ELBSecurityPolicy-TLS-1-2-Ext-2018-06`
    /// - FIPS policies: `ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04`,
    ///   `ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04`, `ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04`,
    ///   `ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04`, `ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04`,
    ///   `ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04`
    /// - forward-secrecy policies: `ELBSecurityPolicy-FS-1-2-2019-08`,
    ///   `ELBSecurityPolicy-FS-1-2-Res-2019-08`, `ELBSecurityPolicy-FS-1-2-Res-2020-10`
    /// - post-quantum (hybrid ML-KEM) policies: `ELBSecurityPolicy-TLS13-1-2-PQ-2025-09`,
    ///   `ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09`, `ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09`,
    ///   `ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09`, `ELBSecurityPolicy-TLS13-1-3-PQ-2025-09`
    ///   and their `-FIPS-PQ-2025-09` variants
    ///
    /// AWS encodes the minimum version in the name (`TLS13-1-2` is a TLS 1.3 policy with a
    /// TLS 1.2 minimum), so other predefined policies named `ELBSecurityPolicy-TLS13-1-2-*`,
    /// `-TLS13-1-3-*`, `-TLS-1-2-*` or `-FS-1-2-*` (for example the RFC 9151 policies) pass as
    /// well. Policies that fail include `ELBSecurityPolicy-2016-08`, `ELBSecurityPolicy-2015-05`,
    /// `ELBSecurityPolicy-TLS-1-1-2017-01`, `ELBSecurityPolicy-FS-2018-06`,
    /// `ELBSecurityPolicy-FS-1-1-2019-08` and every `ELBSecurityPolicy-TLS13-1-0-*` or
    /// `-TLS13-1-1-*` policy. A name outside the `ELBSecurityPolicy-` family is reported as
    /// not known to require TLS 1.2.
    ///
    /// ## Why it matters
    /// TLS 1.0 and 1.1 are deprecated (RFC 8996): they rely on SHA-1 and CBC constructions with
    /// known attacks (BEAST, POODLE-style padding oracles) and are rejected by PCI DSS. As long
    /// as the listener accepts them, an attacker who can interfere with the connection can try
    /// to downgrade clients to them.
    ///
    /// ## How to fix
    /// Name a TLS 1.2+ policy explicitly; `ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09` or
    /// `ELBSecurityPolicy-TLS13-1-2-Res-2021-06` are good defaults:
    /// ```yaml
    /// # before
    /// HttpsListener:
    ///   Type: AWS::ElasticLoadBalancingV2::Listener
    ///   Properties:
    ///     Protocol: HTTPS
    ///     Port: 443
    /// # after
    /// HttpsListener:
    ///   Type: AWS::ElasticLoadBalancingV2::Listener
    ///   Properties:
    ///     Protocol: HTTPS
    ///     Port: 443
    ///     SslPolicy: ELBSecurityPolicy-TLS13-1-2-Res-2021-06
    /// ```
    ///
    /// ## References
    /// - [Security policies for your Application Load Balancer](https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html)
    /// - [Security policies for your Network Load Balancer](https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html)
    /// - [RFC 8996: Deprecating TLS 1.0 and TLS 1.1](https://www.rfc-editor.org/rfc/rfc8996)
    /// - cfn_nag W55; checkov CKV_AWS_103
    Elbv2ListenerTlsPolicy {
        code: "CFN6002",
        name: "elbv2-listener-weak-tls-policy",
        severity: Medium,
        group: "network",
        summary: "HTTPS/TLS load balancer listener allows TLS below 1.2 (SslPolicy absent or outdated)",
        types: ["AWS::ElasticLoadBalancingV2::Listener"],
        xrefs: [CfnNag("W55"), Checkov("CKV_AWS_103")],
    }
}

/// The policy a listener gets when the template names none.
const DEFAULT_POLICY: &str = "ELBSecurityPolicy-2016-08";

/// Predefined policies whose protocol tables list no version below TLS 1.2.
const TLS12_POLICIES: &[&str] = &[
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
    "ELBSecurityPolicy-TLS-1-2-2017-01",
    "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
    "ELBSecurityPolicy-FS-1-2-2019-08",
    "ELBSecurityPolicy-FS-1-2-Res-2019-08",
    "ELBSecurityPolicy-FS-1-2-Res-2020-10",
    "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
];

/// Name prefixes of predefined policies whose minimum version is TLS 1.2 or 1.3.
const TLS12_PREFIXES: &[&str] = &[
    "ELBSecurityPolicy-TLS13-1-2-",
    "ELBSecurityPolicy-TLS13-1-3-",
    "ELBSecurityPolicy-TLS-1-2-",
    "ELBSecurityPolicy-FS-1-2-",
];

/// How a policy name classifies.
#[derive(Debug, PartialEq, Eq)]
enum Class {
    Tls12,
    Older,
    NotPredefined,
}

fn classify(name: &str) -> Class {
    if TLS12_POLICIES.contains(&name) || TLS12_PREFIXES.iter().any(|p| name.starts_with(p)) {
        Class::Tls12
    } else if name.starts_with("ELBSecurityPolicy-") {
        Class::Older
    } else {
        Class::NotPredefined
    }
}

impl Rule for Elbv2ListenerTlsPolicy {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(protocol) = cx.prop("Protocol") else {
            return;
        };
        let protocol_unknown = is_unknown(protocol);
        if !protocol_unknown
            && !text(protocol)
                .is_some_and(|p| p.eq_ignore_ascii_case("HTTPS") || p.eq_ignore_ascii_case("TLS"))
        {
            return;
        }
        let policy = cx.prop("SslPolicy");
        let weak = match policy {
            None => Some(None),
            Some(p) if is_unknown(p) => {
                hits.unknown(p, "the listener's security policy requires TLS 1.2");
                return;
            }
            Some(p) => match text(p) {
                Some(name) if classify(&name) == Class::Tls12 => None,
                _ => Some(Some(p)),
            },
        };
        let Some(weak) = weak else { return };
        if protocol_unknown {
            hits.unknown(
                protocol,
                "the listener uses HTTPS or TLS with a security policy below TLS 1.2",
            );
            return;
        }
        match weak {
            None => hits.missing(
                "SslPolicy",
                format!("listener has no `SslPolicy`: CloudFormation applies `{DEFAULT_POLICY}`, which allows TLS 1.0 and 1.1"),
            ),
            Some(p) => {
                let name = text(p).unwrap_or_default();
                let msg = if classify(&name) == Class::Older {
                    format!("listener security policy `{name}` allows TLS versions below 1.2")
                } else {
                    format!("listener security policy `{name}` is not a predefined policy known to require TLS 1.2")
                };
                hits.at(p, msg);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(
            classify("ELBSecurityPolicy-TLS13-1-2-Res-2021-06"),
            Class::Tls12
        );
        assert_eq!(
            classify("ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07"),
            Class::Tls12
        );
        assert_eq!(
            classify("ELBSecurityPolicy-FS-1-2-Res-2020-10"),
            Class::Tls12
        );
        assert_eq!(classify("ELBSecurityPolicy-2016-08"), Class::Older);
        assert_eq!(
            classify("ELBSecurityPolicy-TLS13-1-0-2021-06"),
            Class::Older
        );
        assert_eq!(
            classify("ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04"),
            Class::Older
        );
        assert_eq!(classify("ELBSecurityPolicy-FS-1-1-2019-08"), Class::Older);
        assert_eq!(classify("MyPolicy"), Class::NotPredefined);
    }
}
