use super::nacl::{allows, Proto};
use super::util::known_text;
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// An `AWS::EC2::NetworkAclEntry` with `RuleAction: allow` whose `Protocol` is `-1` (all
    /// protocols) or a protocol number other than 6 (TCP), 17 (UDP), 1 (ICMP) and 58 (ICMPv6),
    /// and an ICMPv6 allow entry for an IPv4 `CidrBlock`. For these entries EC2 ignores
    /// `PortRange` and `Icmp`: the entry allows all traffic of the protocol (for `-1`, of every
    /// protocol on every port). Deny entries pass: denying a whole protocol is a valid way to
    /// block it.
    ///
    /// ## Why it matters
    /// A network ACL is the stateless filter at the subnet boundary, evaluated before security
    /// groups. An entry that allows every protocol from a CIDR block lets any traffic from those
    /// addresses into (or out of) the subnet, on every port, so the ACL adds no restriction and
    /// one permissive security group is enough to expose an instance. A VPC's default ACL allows
    /// everything this way; custom ACLs exist to narrow it to the protocols and ports the subnet
    /// needs.
    ///
    /// ## How to fix
    /// Allow TCP or UDP with the port ranges the subnet needs (and ICMP types if required):
    /// ```yaml
    /// # before
    /// InboundAll:
    ///   Type: AWS::EC2::NetworkAclEntry
    ///   Properties:
    ///     NetworkAclId: !Ref PublicAcl
    ///     RuleNumber: 100
    ///     Protocol: -1
    ///     RuleAction: allow
    ///     CidrBlock: 0.0.0.0/0
    /// # after
    /// InboundHttps:
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
    /// - [AWS::EC2::NetworkAclEntry](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-networkaclentry.html) (`Protocol`)
    /// - [CreateNetworkAclEntry](https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNetworkAclEntry.html) (protocols other than 6, 17 and 1 allow all ports)
    /// - [Network ACL rules](https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html)
    /// - cfn_nag W66
    NaclEntryAllowsAllProtocols {
        code: "CFN6102",
        name: "nacl-entry-allows-all-protocols",
        severity: Low,
        group: "network",
        summary: "network ACL allow entry covers every protocol (Protocol -1) or a protocol without ports",
        types: ["AWS::EC2::NetworkAclEntry"],
        xrefs: [CfnNag("W66")],
    }
}

impl Rule for NaclEntryAllowsAllProtocols {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(node) = cx.prop("Protocol") else {
            return;
        };
        let problem = match known_text(node) {
            Err(n) => {
                if allows(cx.props) != Some(false) {
                    hits.unknown(n, "the entry allows every protocol");
                }
                return;
            }
            Ok(t) => match Proto::parse(&t) {
                Some(Proto::All) => {
                    "entry allows every protocol on every port: `Protocol` is `-1`".to_string()
                }
                Some(Proto::Other(n)) => format!(
                    "entry allows all protocol {n} traffic: ports and ICMP types do not apply to it"
                ),
                Some(Proto::Icmpv6) if cx.prop("CidrBlock").is_some() => {
                    "ICMPv6 entry for an IPv4 `CidrBlock` allows every ICMP type and code"
                        .to_string()
                }
                _ => return,
            },
        };
        match allows(cx.props) {
            Some(true) => hits.at(node, problem),
            Some(false) => {}
            None => {
                if let Some(action) = cx.prop("RuleAction") {
                    hits.unknown(action, "the entry allows every protocol");
                }
            }
        }
    }
}
