use super::nacl::{all, anchor, direction_word, first_peer, load, same_direction, Verdict};
use super::util::unknown_here;
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// An `AWS::EC2::NetworkAclEntry` whose `RuleNumber` is already used by another entry of
    /// the same network ACL in the same direction (both ingress, or both with `Egress: true`).
    /// Entries belong to the same ACL when their `NetworkAclId` is the same reference
    /// (`!Ref Acl`, `!GetAtt Acl.Id`) or the same text. For a VPC's default ACL
    /// (`!GetAtt Vpc.DefaultNetworkAcl`) its built-in allow-all rule 100 counts as an entry.
    /// Of two clashing entries, the one later in the template is reported.
    ///
    /// ## Why it matters
    /// Each network ACL has one numbered list of ingress rules and one of egress rules, and a
    /// number can be used once per list. EC2 refuses to create the second entry, so the stack
    /// fails to create or update and rolls back; the author's intended order of the two rules
    /// is unclear as well. This is a hygiene check, not a security finding: it is reported at
    /// `low` and the whole group can be turned off with `--ignore hygiene`.
    ///
    /// ## How to fix
    /// Give each entry of a direction its own number, leaving gaps for later rules:
    /// ```yaml
    /// # before
    /// AllowHttps:
    ///   Type: AWS::EC2::NetworkAclEntry
    ///   Properties: {NetworkAclId: !Ref Acl, RuleNumber: 100, Protocol: 6, RuleAction: allow, CidrBlock: 0.0.0.0/0, PortRange: {From: 443, To: 443}}
    /// AllowHttp:
    ///   Type: AWS::EC2::NetworkAclEntry
    ///   Properties: {NetworkAclId: !Ref Acl, RuleNumber: 100, Protocol: 6, RuleAction: allow, CidrBlock: 0.0.0.0/0, PortRange: {From: 80, To: 80}}
    /// # after
    /// AllowHttp:
    ///   Type: AWS::EC2::NetworkAclEntry
    ///   Properties: {NetworkAclId: !Ref Acl, RuleNumber: 110, Protocol: 6, RuleAction: allow, CidrBlock: 0.0.0.0/0, PortRange: {From: 80, To: 80}}
    /// ```
    ///
    /// ## References
    /// - [AWS::EC2::NetworkAclEntry](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-networkaclentry.html) (`RuleNumber`)
    /// - [Network ACL rules](https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html)
    /// - [Default network ACL](https://docs.aws.amazon.com/vpc/latest/userguide/default-network-acl.html)
    /// - cfn_nag F79
    ///
    /// ## Unknown values
    /// When a `RuleNumber` or `Egress` that decides a clash is not known before deployment, or
    /// the clashing entry exists only under a condition the scenario does not decide, the rule
    /// reports an `info` finding on the entry naming the value. Entries whose `NetworkAclId`
    /// are different expressions (two different imports, say) are taken to be in different
    /// ACLs.
    NaclEntryDuplicateRuleNumber {
        code: "CFN6101",
        name: "nacl-entry-duplicate-rule-number",
        severity: Low,
        group: "hygiene",
        summary: "network ACL entry reuses the rule number of another entry in the same direction",
        types: ["AWS::EC2::NetworkAclEntry"],
        xrefs: [CfnNag("F79")],
    }
}

impl Rule for NaclEntryDuplicateRuleNumber {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let acl = load(cx);
        let verdict = first_peer(&acl, &|own, peer| {
            if peer.order >= own.order {
                return Ok(false);
            }
            let same_number = match (&own.number, &peer.number) {
                (Ok(a), Ok(b)) => Ok(a == b),
                (Err(why), _) | (_, Err(why)) => Err(why.clone()),
            };
            all(&[same_direction(own, peer), same_number])
        });
        match verdict {
            Verdict::Hit(peer) => {
                let number = acl.own.number.clone().unwrap_or_default();
                hits.at(
                    anchor(cx.props),
                    format!(
                        "rule number {number} is already taken for {} in the same network ACL by {}",
                        direction_word(&acl.own),
                        peer.who
                    ),
                );
            }
            Verdict::None => {}
            Verdict::Unknown(why) => unknown_here(
                cx,
                hits,
                "the entry's rule number is already used in its network ACL",
                &why,
            ),
        }
    }
}
