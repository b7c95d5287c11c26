use super::sg_ingress_port_range::check_port_range;
use super::util::Direction;
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// Outbound TCP or UDP security group rules that open a range of ports instead of one
    /// (`FromPort` differs from `ToPort`, or either is `-1`, meaning every port), in the inline
    /// `SecurityGroupEgress` list of an `AWS::EC2::SecurityGroup` and in standalone
    /// `AWS::EC2::SecurityGroupEgress` resources. `IpProtocol` may be a name (`tcp`, `udp`) or
    /// a number (`6`, `17`); `FromPort`/`ToPort` may be numbers or strings. ICMP rules and
    /// `IpProtocol: -1` rules (reported by `CFN2004`) are not checked.
    ///
    /// ## Why it matters
    /// Broad egress port ranges let a compromised workload talk to services and tunnels on any
    /// port in the range, and make it harder to see which destinations a workload really
    /// needs. Egress limited to specific ports (443 for HTTPS APIs, 5432 for a database) makes
    /// unexpected outbound connections fail.
    ///
    /// ## How to fix
    /// Write one rule per destination port:
    /// ```yaml
    /// # before
    /// - IpProtocol: tcp
    ///   FromPort: 0
    ///   ToPort: 65535
    ///   CidrIp: 10.0.0.0/16
    /// # after
    /// - IpProtocol: tcp
    ///   FromPort: 443
    ///   ToPort: 443
    ///   CidrIp: 10.0.0.0/16
    ///   Description: HTTPS to services in the VPC
    /// ```
    ///
    /// ## References
    /// - [AWS::EC2::SecurityGroup Egress](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-securitygroup-egress.html)
    /// - [AWS::EC2::SecurityGroupEgress](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroupegress.html)
    /// - cfn_nag W29
    SgEgressPortRange {
        code: "CFN2006",
        name: "security-group-egress-port-range",
        severity: Low,
        group: "ec2",
        summary: "security group egress rule opens a range of ports (FromPort differs from ToPort)",
        types: ["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupEgress"],
        xrefs: [CfnNag("W29")],
    }
}

impl Rule for SgEgressPortRange {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        check_port_range(cx, hits, Direction::Egress);
    }
}
