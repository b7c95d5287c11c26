use super::nacl::{
    action_word, all, anchor, before, covers, first_peer, load, number_words, same_direction,
    Verdict,
};
use super::util::unknown_here;
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// An `AWS::EC2::NetworkAclEntry` that never decides any packet because a lower-numbered
    /// entry of the same network ACL and direction already matches all of its traffic (a CIDR
    /// block containing its block, the same protocol or `-1`, and covering ports or ICMP type
    /// and code): an allow entry behind a broader deny entry, or an entry repeating what an
    /// earlier entry with the same action already does. A deny entry behind a broader allow
    /// entry is the security-relevant case and is reported by `CFN6104` instead.
    ///
    /// cfn_nag W72 warns whenever two entries of a direction have overlapping port ranges,
    /// whatever their CIDR blocks, protocols and actions. We report only entries that are
    /// entirely shadowed: partial overlaps are how ordered ACLs are written (allow port 443 from
    /// anywhere at rule 100, deny everything else at rule 200), and entries for the same ports
    /// from different CIDR blocks do not overlap at all.
    ///
    /// ## Why it matters
    /// EC2 stops at the first matching entry, so a shadowed entry is dead configuration: an
    /// allow entry behind a deny does not open what its author meant to open, and a repeated
    /// entry makes the ACL harder to review. This is a hygiene check, not a security finding:
    /// it is reported at `low` and the whole group can be turned off with `--ignore hygiene`.
    ///
    /// ## How to fix
    /// Delete the dead entry, or renumber it so it comes before the entry that shadows it:
    /// ```yaml
    /// # before
    /// DenyAll:
    ///   Type: AWS::EC2::NetworkAclEntry
    ///   Properties: {NetworkAclId: !Ref Acl, RuleNumber: 100, Protocol: -1, RuleAction: deny, CidrBlock: 0.0.0.0/0}
    /// AllowHttps:
    ///   Type: AWS::EC2::NetworkAclEntry
    ///   Properties: {NetworkAclId: !Ref Acl, RuleNumber: 200, Protocol: 6, RuleAction: allow, CidrBlock: 0.0.0.0/0, PortRange: {From: 443, To: 443}}
    /// # after
    /// AllowHttps:
    ///   Type: AWS::EC2::NetworkAclEntry
    ///   Properties: {NetworkAclId: !Ref Acl, RuleNumber: 90, Protocol: 6, RuleAction: allow, CidrBlock: 0.0.0.0/0, PortRange: {From: 443, To: 443}}
    /// ```
    ///
    /// ## References
    /// - [Network ACL rules](https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html) (rule evaluation order)
    /// - [AWS::EC2::NetworkAclEntry](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-networkaclentry.html)
    /// - cfn_nag W72
    ///
    /// ## Unknown values
    /// When a value that decides whether a lower-numbered entry shadows this one (a rule number,
    /// direction, action, CIDR block, protocol, port or ICMP field, of either entry) is not
    /// known before deployment, or the shadowing entry exists only under a condition the
    /// scenario does not decide, the rule reports an `info` finding naming the value. Entries
    /// whose `NetworkAclId` are different expressions are taken to be in different ACLs.
    NaclEntryNeverApplies {
        code: "CFN6105",
        name: "nacl-entry-never-applies",
        severity: Low,
        group: "hygiene",
        summary: "network ACL entry is shadowed by a lower-numbered entry that matches all its traffic",
        types: ["AWS::EC2::NetworkAclEntry"],
        xrefs: [CfnNag("W72")],
    }
}

impl Rule for NaclEntryNeverApplies {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let acl = load(cx);
        let verdict = first_peer(&acl, &|own, peer| {
            // A deny entry behind an allow entry is CFN6104's finding.
            let not_overridden_deny = match (&own.allow, &peer.allow) {
                (Ok(own_allows), Ok(peer_allows)) => Ok(*own_allows || !*peer_allows),
                (Err(why), _) | (_, Err(why)) => Err(why.clone()),
            };
            all(&[
                not_overridden_deny,
                same_direction(own, peer),
                before(peer, own),
                covers(peer, own),
            ])
        });
        match verdict {
            Verdict::Hit(peer) => {
                let message = if action_word(&acl.own) == action_word(peer) {
                    format!(
                        "entry never applies: {} ({}, {}) comes first and already matches all of its traffic",
                        peer.who,
                        action_word(peer),
                        number_words(peer)
                    )
                } else {
                    format!(
                        "allow entry never applies: {} (deny, {}) comes first and already denies all of its traffic",
                        peer.who,
                        number_words(peer)
                    )
                };
                hits.at(anchor(cx.props), message);
            }
            Verdict::None => {}
            Verdict::Unknown(why) => {
                unknown_here(cx, hits, "a lower-numbered entry shadows this entry", &why)
            }
        }
    }
}
