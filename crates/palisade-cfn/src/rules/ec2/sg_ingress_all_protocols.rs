use super::util::{known_sg_rules, protocol, Direction, Known, Protocol};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// Inbound security group rules with `IpProtocol: -1` (every IP protocol), in the inline
    /// `SecurityGroupIngress` list of an `AWS::EC2::SecurityGroup` and in standalone
    /// `AWS::EC2::SecurityGroupIngress` resources, whatever their source. With `-1`, EC2 allows
    /// every protocol on every port and ignores `FromPort`/`ToPort`.
    ///
    /// ## Why it matters
    /// A rule meant to open one service opens all of them: every TCP and UDP port, ICMP and any
    /// other protocol, from the given source. Services that were never meant to be reachable
    /// (debug ports, databases bound to all interfaces, management agents) become reachable,
    /// and the rule's intent can no longer be read from the template.
    ///
    /// ## How to fix
    /// Name the protocol and the ports the source needs:
    /// ```yaml
    /// # before
    /// SecurityGroupIngress:
    ///   - IpProtocol: -1
    ///     SourceSecurityGroupId: !Ref AppSecurityGroup
    /// # after
    /// SecurityGroupIngress:
    ///   - IpProtocol: tcp
    ///     FromPort: 5432
    ///     ToPort: 5432
    ///     SourceSecurityGroupId: !Ref AppSecurityGroup
    ///     Description: PostgreSQL from the application tier
    /// ```
    ///
    /// ## References
    /// - [AWS::EC2::SecurityGroup Ingress](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-securitygroup-ingress.html)
    /// - [AWS::EC2::SecurityGroupIngress](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroupingress.html)
    /// - cfn_nag W42
    SgIngressAllProtocols {
        code: "CFN2003",
        name: "security-group-ingress-all-protocols",
        severity: Medium,
        group: "ec2",
        summary: "security group ingress rule allows every protocol (IpProtocol -1)",
        types: ["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"],
        xrefs: [CfnNag("W42")],
    }
}

impl Rule for SgIngressAllProtocols {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        check_all_protocols(cx, hits, Direction::Ingress);
    }
}

/// Report rules of one direction whose `IpProtocol` is `-1`.
pub(crate) fn check_all_protocols(cx: &ResourceCx<'_>, hits: &mut Hits, dir: Direction) {
    for fields in known_sg_rules(cx.resource.ty, cx.props, dir, hits, "allows every protocol") {
        match protocol(fields) {
            Known::Yes(Protocol::All) => {
                if let Some(p) = fields.get("IpProtocol") {
                    hits.at(
                        p,
                        format!(
                            "{} rule allows every protocol and port: `IpProtocol` is `-1`",
                            dir.word()
                        ),
                    );
                }
            }
            Known::Unknown(n) => {
                hits.unknown(n, &format!("the {} rule allows every protocol", dir.word()))
            }
            Known::Yes(_) | Known::Absent => {}
        }
    }
}
