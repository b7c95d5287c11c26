use super::nacl::{
    all, anchor, before, covers, first_peer, load, number_words, same_direction, Verdict,
};
use super::util::unknown_here;
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// An `AWS::EC2::NetworkAclEntry` with `RuleAction: deny` that can never take effect: a
    /// lower-numbered allow entry of the same network ACL and direction already matches every
    /// packet it would deny. "Matches" means its CIDR block contains the deny entry's, its
    /// protocol is the same or `-1`, and its port range (TCP/UDP) or ICMP type and code cover
    /// the deny entry's. On a VPC's default ACL (`!GetAtt Vpc.DefaultNetworkAcl`), the built-in
    /// rule 100 allowing all IPv4 traffic overrides every IPv4 deny entry numbered above 100.
    ///
    /// cfn_nag W71 instead warns on every deny entry whose `CidrBlock` is not `0.0.0.0/0` (or
    /// `Ipv6CidrBlock` not `::/0`), as "likely ineffective". We follow the AWS evaluation order
    /// instead: a deny for part of the address space (blocking a known bad range) works as long
    /// as no earlier allow entry matches the traffic first, and a deny for `0.0.0.0/0` fails
    /// just the same when one does. The rule reports the deny entries that really never apply,
    /// the mistake cfn_nag's rule was written to catch.
    ///
    /// ## Why it matters
    /// EC2 evaluates a network ACL's entries from the lowest rule number up and stops at the
    /// first match. A deny entry behind a broader allow entry is dead: the traffic it was
    /// written to block (a port to close, an attacker's range) is allowed, while the template
    /// suggests it is blocked.
    ///
    /// ## How to fix
    /// Give the deny entry a lower number than the allow entries it must take precedence over:
    /// ```yaml
    /// # before
    /// AllowWeb:
    ///   Type: AWS::EC2::NetworkAclEntry
    ///   Properties: {NetworkAclId: !Ref Acl, RuleNumber: 100, Protocol: 6, RuleAction: allow, CidrBlock: 0.0.0.0/0, PortRange: {From: 0, To: 1023}}
    /// DenyBadRange:
    ///   Type: AWS::EC2::NetworkAclEntry
    ///   Properties: {NetworkAclId: !Ref Acl, RuleNumber: 200, Protocol: 6, RuleAction: deny, CidrBlock: 198.51.100.0/24, PortRange: {From: 443, To: 443}}
    /// # after
    /// DenyBadRange:
    ///   Type: AWS::EC2::NetworkAclEntry
    ///   Properties: {NetworkAclId: !Ref Acl, RuleNumber: 50, Protocol: 6, RuleAction: deny, CidrBlock: 198.51.100.0/24, PortRange: {From: 443, To: 443}}
    /// ```
    ///
    /// ## References
    /// - [Network ACL rules](https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html) (rule evaluation order)
    /// - [Default network ACL](https://docs.aws.amazon.com/vpc/latest/userguide/default-network-acl.html) (rule 100)
    /// - [AWS::EC2::NetworkAclEntry](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-networkaclentry.html)
    /// - cfn_nag W71
    ///
    /// ## Unknown values
    /// When a value that decides whether an allow entry overrides the deny entry (a rule
    /// number, direction, action, CIDR block, protocol, port or ICMP field, of either entry) is
    /// not known before deployment, or the allow entry exists only under a condition the
    /// scenario does not decide, the rule reports an `info` finding on the deny entry naming
    /// the value. Entries whose `NetworkAclId` are different expressions are taken to be in
    /// different ACLs. Only the default ACL's IPv4 rule 100 is modelled: its IPv6 rule 101
    /// exists only for VPCs with an IPv6 block, and entries changed outside the template are
    /// not seen.
    NaclDenyEntryOverridden {
        code: "CFN6104",
        name: "nacl-deny-entry-overridden",
        severity: Medium,
        group: "network",
        summary: "network ACL deny entry never applies: a lower-numbered allow entry already matches its traffic",
        types: ["AWS::EC2::NetworkAclEntry"],
        xrefs: [CfnNag("W71")],
    }
}

impl Rule for NaclDenyEntryOverridden {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let acl = load(cx);
        if acl.own.allow == Ok(true) {
            return;
        }
        let verdict = first_peer(&acl, &|own, peer| {
            all(&[
                own.allow.clone().map(|a| !a),
                peer.allow.clone(),
                same_direction(own, peer),
                before(peer, own),
                covers(peer, own),
            ])
        });
        match verdict {
            Verdict::Hit(peer) => hits.at(
                anchor(cx.props),
                format!(
                    "deny entry never applies: {} (allow, {}) comes first and already allows all the traffic it denies",
                    peer.who,
                    number_words(peer)
                ),
            ),
            Verdict::None => {}
            Verdict::Unknown(why) => unknown_here(
                cx,
                hits,
                "a lower-numbered allow entry overrides this deny entry",
                &why,
            ),
        }
    }
}
