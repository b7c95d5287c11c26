use super::util::{names_group, Direction};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::is_unknown;

declare_rule! {
    /// ## What it checks
    /// An `AWS::EC2::SecurityGroup` that declares no egress rule: its `SecurityGroupEgress`
    /// list is absent or empty, and no `AWS::EC2::SecurityGroupEgress` resource in the template
    /// adds one to it (a `GroupId` of `!Ref` to the group or `!GetAtt <group>.GroupId`).
    ///
    /// ## Why it matters
    /// When a security group is created without egress rules, EC2 adds rules that allow all
    /// outbound IPv4 and IPv6 traffic to every destination on every port. The template looks
    /// restrictive, but instances using the group can reach anything on the internet: exfiltrate
    /// data, download tools, or call command-and-control servers. Declaring egress explicitly
    /// replaces the default rule with the traffic the workload really needs.
    ///
    /// ## How to fix
    /// Declare the outbound traffic the workload needs; for a group that must not send
    /// anything, a rule to the loopback address removes the default allow-all rule:
    /// ```yaml
    /// # before
    /// AppSecurityGroup:
    ///   Type: AWS::EC2::SecurityGroup
    ///   Properties:
    ///     GroupDescription: application servers
    ///     VpcId: !Ref Vpc
    /// # after
    /// AppSecurityGroup:
    ///   Type: AWS::EC2::SecurityGroup
    ///   Properties:
    ///     GroupDescription: application servers
    ///     VpcId: !Ref Vpc
    ///     SecurityGroupEgress:
    ///       - IpProtocol: tcp
    ///         FromPort: 443
    ///         ToPort: 443
    ///         CidrIp: 10.0.0.0/16
    ///         Description: HTTPS to services in the VPC
    /// ```
    ///
    /// ## References
    /// - [AWS::EC2::SecurityGroup](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroup.html) (default egress rules)
    /// - [AWS::EC2::SecurityGroupEgress](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroupegress.html)
    /// - cfn_nag F1000
    ///
    /// ## Unknown values
    /// When the inline `SecurityGroupEgress` list is not known before deployment, the rule
    /// reports an `info` finding naming the value. A standalone egress resource counts when
    /// either branch of an undecided `Fn::If` in its `GroupId` names the group, and when its own
    /// `Condition` is not known to be false. Egress rules added from other stacks (a `GroupId`
    /// imported with `Fn::ImportValue`) cannot be seen.
    SgWithoutEgressRules {
        code: "CFN2009",
        name: "security-group-without-egress-rules",
        severity: Medium,
        group: "ec2",
        summary: "security group declares no egress rule, so EC2 allows all outbound traffic",
        types: ["AWS::EC2::SecurityGroup"],
        xrefs: [CfnNag("F1000")],
    }
}

impl Rule for SgWithoutEgressRules {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        if let Some(list) = cx.prop(Direction::Egress.inline_key()) {
            if is_unknown(list) {
                hits.unknown(list, "the security group declares egress rules");
                return;
            }
            // An empty list adds no rule, so EC2 still adds its default one.
            if list.as_seq().is_none_or(|rules| !rules.is_empty()) {
                return;
            }
        }
        let id = cx.id();
        let standalone = cx.template.resources.iter().any(|r| {
            if r.ty != Direction::Egress.standalone_type() {
                return false;
            }
            if let Some(c) = r.condition {
                if cx.resolver.condition(c, 0) == Some(false) {
                    return false;
                }
            }
            let Some(group) = r.properties.and_then(|p| p.get("GroupId")) else {
                return false;
            };
            match cx.resolver.resolve(group) {
                Some(resolved) => names_group(&resolved, id),
                None => false,
            }
        });
        if !standalone {
            hits.missing(
                "SecurityGroupEgress",
                "security group declares no egress rule, so EC2 adds one allowing all outbound traffic",
            );
        }
    }
}
