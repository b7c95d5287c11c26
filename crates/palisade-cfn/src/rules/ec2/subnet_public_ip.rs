use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::EC2::Subnet` with `MapPublicIpOnLaunch: true` (the default is `false`).
    ///
    /// ## Why it matters
    /// Every network interface created in the subnet, for every instance launched there by
    /// anyone, gets a public IPv4 address. Combined with an internet gateway route and a
    /// permissive security group, instances become reachable from the internet without anyone
    /// deciding so per instance; it also makes it easy to launch a database or internal
    /// service into the wrong subnet and expose it. AWS also charges for every public IPv4
    /// address.
    ///
    /// ## How to fix
    /// Leave `MapPublicIpOnLaunch` unset or `false`; give public addresses only to the
    /// resources that need them (load balancers, NAT gateways, or an Elastic IP for a specific
    /// instance):
    /// ```yaml
    /// # before
    /// PublicSubnet:
    ///   Type: AWS::EC2::Subnet
    ///   Properties:
    ///     VpcId: !Ref Vpc
    ///     CidrBlock: 10.0.0.0/24
    ///     MapPublicIpOnLaunch: true
    /// # after
    /// PublicSubnet:
    ///   Type: AWS::EC2::Subnet
    ///   Properties:
    ///     VpcId: !Ref Vpc
    ///     CidrBlock: 10.0.0.0/24
    /// ```
    ///
    /// ## References
    /// - [AWS::EC2::Subnet](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-subnet.html)
    /// - [IP addressing for your VPCs and subnets](https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html)
    /// - cfn_nag W33
    SubnetAssignsPublicIp {
        code: "CFN2014",
        name: "subnet-assigns-public-ip",
        severity: Low,
        group: "ec2",
        summary: "subnet gives every instance launched in it a public IPv4 address (MapPublicIpOnLaunch)",
        types: ["AWS::EC2::Subnet"],
        xrefs: [CfnNag("W33")],
    }
}

impl Rule for SubnetAssignsPublicIp {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(v) = cx.prop("MapPublicIpOnLaunch") else {
            return;
        };
        match truth(v) {
            Tri::True => hits.at(
                v,
                "subnet assigns a public IPv4 address to every instance launched in it: `MapPublicIpOnLaunch` is true",
            ),
            Tri::False => {}
            Tri::Unknown => hits.unknown(v, "the subnet assigns public IPv4 addresses"),
        }
    }
}
