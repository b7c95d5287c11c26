use palisade_doc::Node;

use super::util::{companion, known_text, not_known, unknown_here, Companion};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// An `AWS::EC2::VPC` for which the template declares no `AWS::EC2::FlowLog` with
    /// `ResourceType: VPC` and a `ResourceId` referring to the VPC (`!Ref Vpc`,
    /// `!GetAtt Vpc.VpcId`). VPCs have no flow log unless one is created. Flow logs attached
    /// only to some subnets or network interfaces of the VPC do not count, as in cfn_nag.
    ///
    /// ## Why it matters
    /// VPC flow logs are the record of which addresses talked to which, on what port, and
    /// whether the traffic was accepted. Without them there is no trace of scanning, lateral
    /// movement or data leaving the network, and an incident cannot be reconstructed after the
    /// fact: flow logs only cover traffic from the moment they are created.
    ///
    /// ## How to fix
    /// Add a flow log for the VPC:
    /// ```yaml
    /// # before
    /// Vpc:
    ///   Type: AWS::EC2::VPC
    ///   Properties:
    ///     CidrBlock: 10.0.0.0/16
    /// # after
    /// Vpc:
    ///   Type: AWS::EC2::VPC
    ///   Properties:
    ///     CidrBlock: 10.0.0.0/16
    /// VpcFlowLog:
    ///   Type: AWS::EC2::FlowLog
    ///   Properties:
    ///     ResourceId: !Ref Vpc
    ///     ResourceType: VPC
    ///     TrafficType: ALL
    ///     LogDestinationType: s3
    ///     LogDestination: !GetAtt FlowLogBucket.Arn
    /// ```
    ///
    /// ## References
    /// - [AWS::EC2::FlowLog](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-flowlog.html)
    /// - [Logging IP traffic using VPC Flow Logs](https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html)
    /// - cfn_nag W60
    ///
    /// ## Unknown values
    /// When a flow log's `ResourceType` is not known before deployment, its `ResourceId` refers
    /// to the VPC in only one branch of an undecided `Fn::If`, or it exists only under a
    /// condition the scenario does not decide, the rule reports an `info` finding on the VPC.
    /// Flow logs created outside the template (another stack, an organisation-wide setup)
    /// cannot be seen: suppress the finding for such VPCs.
    VpcWithoutFlowLog {
        code: "CFN6106",
        name: "vpc-without-flow-log",
        severity: Medium,
        group: "network",
        summary: "VPC has no flow log in the template",
        types: ["AWS::EC2::VPC"],
        xrefs: [CfnNag("W60")],
    }
}

/// The flow log is for a VPC (`ResourceType: VPC`).
fn for_vpc(id: &str, props: &Node) -> Result<bool, String> {
    match props.get("ResourceType") {
        None => Ok(false),
        Some(n) => known_text(n)
            .map(|t| t.eq_ignore_ascii_case("VPC"))
            .map_err(|n| not_known("ResourceType", id, n)),
    }
}

impl Rule for VpcWithoutFlowLog {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        match companion(cx, "AWS::EC2::FlowLog", "ResourceId", &for_vpc) {
            Companion::Found => {}
            Companion::Missing => {
                hits.resource("VPC has no flow log: no `AWS::EC2::FlowLog` refers to it");
            }
            Companion::Maybe(why) => unknown_here(cx, hits, "the VPC has a flow log", &why),
        }
    }
}
