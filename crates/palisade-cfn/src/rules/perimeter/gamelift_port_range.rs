use super::nacl::shown;
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{int, is_unknown, items};

declare_rule! {
    /// ## What it checks
    /// An `AWS::GameLift::Fleet` with an `EC2InboundPermissions` entry whose `FromPort` and
    /// `ToPort` differ, i.e. that opens a range of ports instead of a single port to its
    /// `IpRange`.
    ///
    /// ## Why it matters
    /// Inbound permissions become the security group of the fleet's instances. Every port in a
    /// range is reachable from the given addresses, usually the whole internet for game
    /// clients; ports nothing should listen on widen the attack surface, and on Linux fleets a
    /// range starting low can include SSH (port 22). A fleet that runs several server
    /// processes per instance needs one port per process; a range sized to that is expected,
    /// and the finding can then be suppressed with that reason.
    ///
    /// ## How to fix
    /// Open the ports the server processes use, one entry per port where practical:
    /// ```yaml
    /// # before
    /// EC2InboundPermissions:
    ///   - {FromPort: 1026, ToPort: 60000, IpRange: 0.0.0.0/0, Protocol: UDP}
    /// # after
    /// EC2InboundPermissions:
    ///   - {FromPort: 33430, ToPort: 33430, IpRange: 0.0.0.0/0, Protocol: UDP}
    /// ```
    ///
    /// ## References
    /// - [AWS::GameLift::Fleet IpPermission](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-gamelift-fleet-ippermission.html)
    /// - [IpPermission](https://docs.aws.amazon.com/gameliftservers/latest/apireference/API_IpPermission.html)
    /// - cfn_nag W65
    GameLiftFleetInboundPortRange {
        code: "CFN6107",
        name: "gamelift-fleet-inbound-port-range",
        severity: Low,
        group: "network",
        summary: "GameLift fleet inbound permission opens a range of ports instead of a single port",
        types: ["AWS::GameLift::Fleet"],
        xrefs: [CfnNag("W65")],
    }
}

impl Rule for GameLiftFleetInboundPortRange {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let question = "the inbound permission opens a single port";
        let Some(list) = cx.prop("EC2InboundPermissions") else {
            return;
        };
        for perm in items(list) {
            if is_unknown(perm) {
                hits.unknown(perm, question);
                continue;
            }
            let (Some(from), Some(to)) = (perm.get("FromPort"), perm.get("ToPort")) else {
                continue;
            };
            if let Some(n) = [from, to].into_iter().find(|n| is_unknown(n)) {
                hits.unknown(n, question);
                continue;
            }
            let (Some(lo), Some(hi)) = (int(from), int(to)) else {
                continue;
            };
            if lo == hi {
                continue;
            }
            let proto = perm
                .get("Protocol")
                .map(|p| format!("{} ", shown(p)))
                .unwrap_or_default();
            let source = perm
                .get("IpRange")
                .map(|r| format!(" to `{}`", shown(r)))
                .unwrap_or_default();
            hits.at(
                perm,
                format!(
                    "inbound permission opens {proto}ports {lo}-{hi}{source} instead of a single port"
                ),
            );
        }
    }
}
