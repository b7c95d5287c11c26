use super::util::{known_sg_rules, port_words, ports, protocol, Direction, Known, Ports, Protocol};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{int, is_unknown};

declare_rule! {
    /// ## What it checks
    /// Inbound TCP or UDP security group rules that open a range of ports instead of one
    /// (`FromPort` differs from `ToPort`, or either is `-1`, meaning every port), in the inline
    /// `SecurityGroupIngress` list of an `AWS::EC2::SecurityGroup` and in standalone
    /// `AWS::EC2::SecurityGroupIngress` resources. `IpProtocol` may be a name (`tcp`, `udp`) or
    /// a number (`6`, `17`); `FromPort`/`ToPort` may be numbers or strings. ICMP rules (where
    /// the two values are a type and a code) and `IpProtocol: -1` rules (reported by
    /// `CFN2003`) are not checked.
    ///
    /// ## Why it matters
    /// A port range exposes every service that happens to listen inside it, including ones
    /// added later, to the rule's source. Ranges are usually a shortcut for "the ports I need"
    /// and quietly widen the attack surface; single ports document exactly what is reachable.
    ///
    /// ## How to fix
    /// Write one rule per port the source needs (or use a prefix list or security group source
    /// if the range is genuinely needed, and suppress this finding with a reason):
    /// ```yaml
    /// # before
    /// - IpProtocol: tcp
    ///   FromPort: 8000
    ///   ToPort: 9000
    ///   SourceSecurityGroupId: !Ref LoadBalancerSecurityGroup
    /// # after
    /// - IpProtocol: tcp
    ///   FromPort: 8080
    ///   ToPort: 8080
    ///   SourceSecurityGroupId: !Ref LoadBalancerSecurityGroup
    ///   Description: application port from the load balancer
    /// ```
    ///
    /// ## References
    /// - [AWS::EC2::SecurityGroup Ingress](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-securitygroup-ingress.html)
    /// - [AWS::EC2::SecurityGroupIngress](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroupingress.html)
    /// - cfn_nag W27
    SgIngressPortRange {
        code: "CFN2005",
        name: "security-group-ingress-port-range",
        severity: Low,
        group: "ec2",
        summary: "security group ingress rule opens a range of ports (FromPort differs from ToPort)",
        types: ["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"],
        xrefs: [CfnNag("W27")],
    }
}

impl Rule for SgIngressPortRange {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        check_port_range(cx, hits, Direction::Ingress);
    }
}

/// Report TCP/UDP rules of one direction that open more than one port.
pub(crate) fn check_port_range(cx: &ResourceCx<'_>, hits: &mut Hits, dir: Direction) {
    let question = format!("the {} rule opens a range of ports", dir.word());
    for fields in known_sg_rules(
        cx.resource.ty,
        cx.props,
        dir,
        hits,
        "opens a range of ports",
    ) {
        let proto = match protocol(fields) {
            Known::Yes(p @ (Protocol::Tcp | Protocol::Udp)) => p,
            Known::Yes(_) | Known::Absent => continue,
            Known::Unknown(p) => {
                // Only a question when the ports, as written, would be a range.
                let (from, to) = (fields.get("FromPort"), fields.get("ToPort"));
                let single = match (from, to) {
                    (Some(f), Some(t)) if !is_unknown(f) && !is_unknown(t) => {
                        matches!((int(f), int(t)), (Some(a), Some(b)) if a == b && a >= 0)
                    }
                    (None, None) => true,
                    _ => false,
                };
                if !single {
                    hits.unknown(p, &question);
                }
                continue;
            }
        };
        let at = fields.get("FromPort").or_else(|| fields.get("ToPort"));
        match ports(fields, &proto) {
            Err(n) => hits.unknown(n, &question),
            Ok(Ports::Range(lo, hi)) if lo != hi => {
                if let Some(at) = at {
                    hits.at(
                        at,
                        format!(
                            "{} rule opens {} {} instead of a single port",
                            dir.word(),
                            proto.label(),
                            port_words(lo, hi)
                        ),
                    );
                }
            }
            Ok(Ports::All) => {
                if let Some(at) = at {
                    hits.at(
                        at,
                        format!("{} rule opens every {} port", dir.word(), proto.label()),
                    );
                }
            }
            Ok(_) => {}
        }
    }
}
