use super::nacl::{allows, Proto};
use super::util::known_text;
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{int, is_unknown};

declare_rule! {
    /// ## What it checks
    /// An `AWS::EC2::NetworkAclEntry` with `RuleAction: allow` and `Protocol` 6 (TCP) or 17
    /// (UDP) whose `PortRange` covers every port: `From` 0 (or 1) and `To` 65535. Deny entries
    /// pass. An entry without `PortRange` is not reported: EC2 requires a port range for TCP
    /// and UDP and rejects the entry.
    ///
    /// ## Why it matters
    /// An allow entry for every port lets any TCP or UDP service in the subnet be reached from
    /// the entry's CIDR block (or reach it, for egress): the ACL no longer limits exposure to
    /// the services the subnet runs, and a single permissive security group exposes anything
    /// listening. Custom network ACLs exist to add that second, subnet-wide limit.
    ///
    /// Return traffic is the usual exception: ACLs are stateless, so responses to outbound
    /// connections need the ephemeral ports (1024-65535), not every port.
    ///
    /// ## How to fix
    /// Allow only the ports the subnet serves:
    /// ```yaml
    /// # before
    /// InboundTcp:
    ///   Type: AWS::EC2::NetworkAclEntry
    ///   Properties:
    ///     NetworkAclId: !Ref PublicAcl
    ///     RuleNumber: 100
    ///     Protocol: 6
    ///     RuleAction: allow
    ///     CidrBlock: 0.0.0.0/0
    ///     PortRange: {From: 0, To: 65535}
    /// # after
    /// InboundTcp:
    ///   Type: AWS::EC2::NetworkAclEntry
    ///   Properties:
    ///     NetworkAclId: !Ref PublicAcl
    ///     RuleNumber: 100
    ///     Protocol: 6
    ///     RuleAction: allow
    ///     CidrBlock: 0.0.0.0/0
    ///     PortRange: {From: 443, To: 443}
    /// ```
    ///
    /// ## References
    /// - [AWS::EC2::NetworkAclEntry PortRange](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-networkaclentry-portrange.html)
    /// - [Network ACL rules](https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html) (ephemeral ports)
    /// - cfn_nag W67
    NaclEntryAllowsAllPorts {
        code: "CFN6103",
        name: "nacl-entry-allows-all-ports",
        severity: Low,
        group: "network",
        summary: "network ACL TCP/UDP allow entry covers every port",
        types: ["AWS::EC2::NetworkAclEntry"],
        xrefs: [CfnNag("W67")],
    }
}

impl Rule for NaclEntryAllowsAllPorts {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let question = "the entry allows every TCP or UDP port";
        let Some(proto) = cx.prop("Protocol") else {
            return;
        };
        let label = match known_text(proto) {
            Err(n) => {
                if allows(cx.props) != Some(false) && cx.prop("PortRange").is_some() {
                    hits.unknown(n, question);
                }
                return;
            }
            Ok(t) => match Proto::parse(&t) {
                Some(p @ (Proto::Tcp | Proto::Udp)) => p.label(),
                _ => return,
            },
        };
        let Some(range) = cx.prop("PortRange") else {
            return;
        };
        if is_unknown(range) {
            hits.unknown(range, question);
            return;
        }
        let (Some(from), Some(to)) = (range.get("From"), range.get("To")) else {
            return;
        };
        for n in [from, to] {
            if is_unknown(n) {
                hits.unknown(n, question);
                return;
            }
        }
        let (Some(lo), Some(hi)) = (int(from), int(to)) else {
            return;
        };
        if lo > 1 || hi < 65535 {
            return;
        }
        match allows(cx.props) {
            Some(true) => hits.at(
                range,
                format!("entry allows every {label} port: `PortRange` is {lo}-{hi}"),
            ),
            Some(false) => {}
            None => {
                if let Some(action) = cx.prop("RuleAction") {
                    hits.unknown(action, question);
                }
            }
        }
    }
}
