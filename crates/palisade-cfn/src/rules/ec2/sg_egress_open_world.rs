use super::util::{is_world, known_sg_rules, shown, traffic, Direction, CIDR_KEYS};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// Outbound security group rules that allow traffic to every address on the internet:
    /// `CidrIp` of `0.0.0.0/0` or `CidrIpv6` of `::/0` (any `/0` block, e.g. `0::/0`), in the
    /// inline `SecurityGroupEgress` list of an `AWS::EC2::SecurityGroup` and in standalone
    /// `AWS::EC2::SecurityGroupEgress` resources.
    ///
    /// A security group declared with no egress rule at all gets AWS's default allow-all
    /// egress rule; that case is reported by `CFN2009`.
    ///
    /// ## Why it matters
    /// Unrestricted egress lets a compromised instance or container send data anywhere, fetch
    /// attacker tooling, and reach command-and-control servers; it also hides mistakes such as
    /// a database client talking to a public endpoint instead of a VPC endpoint. Limiting
    /// egress to the destinations a workload needs (VPC CIDRs, prefix lists of AWS services,
    /// specific ports) contains the blast radius of a compromise.
    ///
    /// ## How to fix
    /// Allow only the destinations and ports the workload needs, e.g. HTTPS to the VPC or to a
    /// managed prefix list:
    /// ```yaml
    /// # before
    /// SecurityGroupEgress:
    ///   - IpProtocol: -1
    ///     CidrIp: 0.0.0.0/0
    /// # after
    /// SecurityGroupEgress:
    ///   - IpProtocol: tcp
    ///     FromPort: 443
    ///     ToPort: 443
    ///     DestinationPrefixListId: pl-63a5400a
    ///     Description: HTTPS to Amazon S3
    /// ```
    ///
    /// ## References
    /// - [AWS::EC2::SecurityGroup Egress](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-securitygroup-egress.html)
    /// - [AWS::EC2::SecurityGroupEgress](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroupegress.html)
    /// - [Security group rules](https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html)
    /// - cfn_nag W5
    ///
    /// ## Unknown values
    /// When `CidrIp`/`CidrIpv6` (or the whole inline list) is not known before deployment, the
    /// rule reports an `info` finding naming the value. A partly known CIDR such as
    /// `!Sub "${Network}/0"` is judged by its literal prefix length.
    SgEgressOpenToWorld {
        code: "CFN2002",
        name: "security-group-egress-open-to-world",
        severity: Low,
        group: "ec2",
        summary: "security group egress rule allows traffic to 0.0.0.0/0 or ::/0",
        types: ["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupEgress"],
        xrefs: [CfnNag("W5")],
    }
}

impl Rule for SgEgressOpenToWorld {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        for fields in known_sg_rules(
            cx.resource.ty,
            cx.props,
            Direction::Egress,
            hits,
            "is open to the whole internet",
        ) {
            for (key, _) in CIDR_KEYS {
                let Some(cidr) = fields.get(key) else {
                    continue;
                };
                match is_world(cidr) {
                    None => hits.unknown(
                        cidr,
                        &format!("the egress `{key}` is open to the whole internet"),
                    ),
                    Some(false) => {}
                    Some(true) => {
                        let to = format!("egress to `{}` (any address)", shown(cidr));
                        match traffic(fields) {
                            Some(t) => hits.at(cidr, format!("{to} allows {t}")),
                            None => hits.at(cidr, to),
                        }
                    }
                }
            }
        }
    }
}
