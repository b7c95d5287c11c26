use super::sg_ingress_all_protocols::check_all_protocols;
use super::util::Direction;
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// Outbound security group rules with `IpProtocol: -1` (every IP protocol), in the inline
    /// `SecurityGroupEgress` list of an `AWS::EC2::SecurityGroup` and in standalone
    /// `AWS::EC2::SecurityGroupEgress` resources, whatever their destination. With `-1`, EC2
    /// allows every protocol on every port and ignores `FromPort`/`ToPort`.
    ///
    /// ## Why it matters
    /// Egress on every protocol lets a compromised workload use any channel to leave the
    /// network: DNS or ICMP tunnels, arbitrary TCP/UDP ports to command-and-control servers,
    /// or protocols that bypass proxies. Naming the protocols and ports a workload needs makes
    /// such traffic stand out and keeps the rule's intent readable.
    ///
    /// ## How to fix
    /// Name the protocol and the ports the workload needs:
    /// ```yaml
    /// # before
    /// SecurityGroupEgress:
    ///   - IpProtocol: -1
    ///     CidrIp: 10.0.0.0/16
    /// # after
    /// SecurityGroupEgress:
    ///   - IpProtocol: tcp
    ///     FromPort: 443
    ///     ToPort: 443
    ///     CidrIp: 10.0.0.0/16
    ///     Description: HTTPS to services in the VPC
    /// ```
    ///
    /// ## References
    /// - [AWS::EC2::SecurityGroup Egress](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-securitygroup-egress.html)
    /// - [AWS::EC2::SecurityGroupEgress](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroupegress.html)
    /// - cfn_nag W40
    SgEgressAllProtocols {
        code: "CFN2004",
        name: "security-group-egress-all-protocols",
        severity: Low,
        group: "ec2",
        summary: "security group egress rule allows every protocol (IpProtocol -1)",
        types: ["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupEgress"],
        xrefs: [CfnNag("W40")],
    }
}

impl Rule for SgEgressAllProtocols {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        check_all_protocols(cx, hits, Direction::Egress);
    }
}
