use palisade_doc::Node;

use super::util::{sg_rules, traffic, unknown_rule, Direction, SgRule};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::text;

declare_rule! {
    /// ## What it checks
    /// Security group rules without a `Description` (absent or empty): every item of the inline
    /// `SecurityGroupIngress` and `SecurityGroupEgress` lists of an `AWS::EC2::SecurityGroup`,
    /// and standalone `AWS::EC2::SecurityGroupIngress` and `AWS::EC2::SecurityGroupEgress`
    /// resources. (The group's own `GroupDescription` is required by CloudFormation and is not
    /// what this rule is about.)
    ///
    /// ## Why it matters
    /// A rule's description is the only place, visible in the console, the API and AWS Config,
    /// that says why a port is open and for whom. Without it, reviewers and incident
    /// responders cannot tell a deliberate opening from a forgotten debugging rule, and stale
    /// rules are never removed for fear of breaking something.
    ///
    /// ## How to fix
    /// Give every rule a short description of its purpose (up to 255 characters):
    /// ```yaml
    /// # before
    /// - IpProtocol: tcp
    ///   FromPort: 443
    ///   ToPort: 443
    ///   SourceSecurityGroupId: !Ref LoadBalancerSecurityGroup
    /// # after
    /// - IpProtocol: tcp
    ///   FromPort: 443
    ///   ToPort: 443
    ///   SourceSecurityGroupId: !Ref LoadBalancerSecurityGroup
    ///   Description: HTTPS from the public load balancer
    /// ```
    ///
    /// ## References
    /// - [AWS::EC2::SecurityGroup Ingress](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-securitygroup-ingress.html)
    /// - [AWS::EC2::SecurityGroup Egress](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-securitygroup-egress.html)
    /// - [AWS::EC2::SecurityGroupIngress](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroupingress.html)
    /// - [AWS::EC2::SecurityGroupEgress](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroupegress.html)
    /// - cfn_nag W36; checkov CKV_AWS_23
    ///
    /// ## Unknown values
    /// A `Description` given by an intrinsic function that cannot be resolved before deployment
    /// (e.g. `!Ref RuleDescription` without a default) counts as a description: the rule checks
    /// that one is written, not its wording. When the inline rule list itself, or one of its
    /// items, is not known before deployment, the rule reports an `info` finding.
    SgRuleWithoutDescription {
        code: "CFN2007",
        name: "security-group-rule-without-description",
        severity: Low,
        group: "ec2",
        summary: "security group ingress or egress rule has no Description",
        types: [
            "AWS::EC2::SecurityGroup",
            "AWS::EC2::SecurityGroupIngress",
            "AWS::EC2::SecurityGroupEgress",
        ],
        xrefs: [CfnNag("W36"), Checkov("CKV_AWS_23")],
    }
}

impl Rule for SgRuleWithoutDescription {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        for dir in [Direction::Ingress, Direction::Egress] {
            for rule in sg_rules(cx.resource.ty, cx.props, dir) {
                match rule {
                    SgRule::Unknown(n) => unknown_rule(hits, n, dir, "has a `Description`"),
                    SgRule::Inline(f) => check_one(hits, f, dir, true),
                    SgRule::Standalone(f) => check_one(hits, f, dir, false),
                }
            }
        }
    }
}

fn check_one(hits: &mut Hits, fields: &Node, dir: Direction, inline: bool) {
    let what = match traffic(fields) {
        Some(t) => format!("{} rule for {t}", dir.word()),
        None => format!("{} rule", dir.word()),
    };
    match fields.get("Description") {
        Some(d) => {
            if text(d).is_some_and(|t| t.trim().is_empty()) {
                hits.at(d, format!("{what} has an empty `Description`"));
            }
        }
        None if inline => hits.at(fields, format!("{what} has no `Description`")),
        None => hits.missing("Description", format!("{what} has no `Description`")),
    }
}
