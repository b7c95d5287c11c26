use palisade_doc::Node;

use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, items, truth, Tri};

declare_rule! {
    /// ## What it checks
    /// Instances configured to get a public IPv4 address (`AssociatePublicIpAddress: true`):
    /// - `AWS::EC2::Instance`: any item of `NetworkInterfaces`;
    /// - `AWS::EC2::LaunchTemplate`: any item of `LaunchTemplateData.NetworkInterfaces`;
    /// - `AWS::AutoScaling::LaunchConfiguration`: the top-level `AssociatePublicIpAddress`.
    ///
    /// When the property is absent, the subnet's `MapPublicIpOnLaunch` decides (see
    /// `CFN2014`); this rule only reports an explicit request for a public address.
    ///
    /// ## Why it matters
    /// A public address makes the instance directly addressable from the internet: with an
    /// internet gateway route, every port that its security groups open to `0.0.0.0/0` (or
    /// that a later change opens) is reachable by anyone, bypassing load balancers, WAFs and
    /// bastions placed in front of private instances. AWS also charges for every public IPv4
    /// address.
    ///
    /// ## How to fix
    /// Launch instances in private subnets without public addresses; expose services through
    /// a load balancer, reach the internet through a NAT gateway, and administer instances
    /// with Systems Manager Session Manager:
    /// ```yaml
    /// # before
    /// NetworkInterfaces:
    ///   - DeviceIndex: "0"
    ///     SubnetId: !Ref PublicSubnet
    ///     AssociatePublicIpAddress: true
    /// # after
    /// NetworkInterfaces:
    ///   - DeviceIndex: "0"
    ///     SubnetId: !Ref PrivateSubnet
    ///     AssociatePublicIpAddress: false
    /// ```
    ///
    /// ## References
    /// - [AWS::EC2::Instance NetworkInterface](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-instance-networkinterface.html)
    /// - [AWS::EC2::LaunchTemplate NetworkInterface](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-launchtemplate-networkinterface.html)
    /// - [AWS::AutoScaling::LaunchConfiguration](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-autoscaling-launchconfiguration.html)
    /// - checkov CKV_AWS_88
    InstancePublicIp {
        code: "CFN2015",
        name: "instance-public-ip-address",
        severity: Medium,
        group: "ec2",
        summary: "instance, launch template or launch configuration requests a public IPv4 address",
        types: [
            "AWS::EC2::Instance",
            "AWS::EC2::LaunchTemplate",
            "AWS::AutoScaling::LaunchConfiguration",
        ],
        xrefs: [Checkov("CKV_AWS_88")],
    }
}

impl Rule for InstancePublicIp {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let question = "the instances get a public IPv4 address";
        let interfaces = match cx.resource.ty {
            "AWS::AutoScaling::LaunchConfiguration" => {
                if let Some(v) = cx.prop("AssociatePublicIpAddress") {
                    flag(hits, v, "launch configuration");
                }
                return;
            }
            "AWS::EC2::LaunchTemplate" => {
                if let Some(data) = cx.prop("LaunchTemplateData").filter(|d| is_unknown(d)) {
                    hits.unknown(data, question);
                    return;
                }
                cx.prop_path("LaunchTemplateData.NetworkInterfaces")
            }
            _ => cx.prop("NetworkInterfaces"),
        };
        let Some(list) = interfaces else {
            return;
        };
        if is_unknown(list) {
            hits.unknown(list, question);
            return;
        }
        for nic in items(list) {
            if is_unknown(nic) {
                hits.unknown(nic, question);
            } else if let Some(v) = nic.get("AssociatePublicIpAddress") {
                flag(hits, v, "network interface");
            }
        }
    }
}

fn flag(hits: &mut Hits, v: &Node, what: &str) {
    match truth(v) {
        Tri::True => hits.at(
            v,
            format!("{what} requests a public IPv4 address: `AssociatePublicIpAddress` is true"),
        ),
        Tri::False => {}
        Tri::Unknown => hits.unknown(v, &format!("the {what} requests a public IPv4 address")),
    }
}
