use super::util::{cidr_prefix, known_sg_rules, shown, Direction, Family, CIDR_KEYS};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::is_unknown;

declare_rule! {
    /// ## What it checks
    /// Inbound security group rules whose `CidrIp` is not a single IPv4 address (`/32`) or whose
    /// `CidrIpv6` is not a single IPv6 address (`/128`), in the inline `SecurityGroupIngress`
    /// list of an `AWS::EC2::SecurityGroup` and in standalone `AWS::EC2::SecurityGroupIngress`
    /// resources. Rules open to every address (`/0`) are reported by `CFN2001` instead and are
    /// not repeated here. Rules whose source is a security group or a prefix list are not
    /// checked.
    ///
    /// ## Why it matters
    /// Every address in the block can reach the opened ports. Broad blocks (a whole VPC, a
    /// provider's range, a `/8`) are often wider than the set of clients that need access, so
    /// any compromised or unrelated host in the range can connect. A security group source
    /// tracks the real clients as they change; a `/32` names exactly one.
    ///
    /// ## How to fix
    /// Use the security group of the clients as the source, a managed prefix list for a known
    /// set of addresses, or single-host CIDRs:
    /// ```yaml
    /// # before
    /// - IpProtocol: tcp
    ///   FromPort: 5432
    ///   ToPort: 5432
    ///   CidrIp: 10.0.0.0/16
    /// # after
    /// - IpProtocol: tcp
    ///   FromPort: 5432
    ///   ToPort: 5432
    ///   SourceSecurityGroupId: !Ref AppSecurityGroup
    ///   Description: PostgreSQL from the application tier
    /// ```
    ///
    /// ## References
    /// - [AWS::EC2::SecurityGroup Ingress](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-securitygroup-ingress.html)
    /// - [AWS::EC2::SecurityGroupIngress](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroupingress.html)
    /// - [Security group rules: sources](https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html)
    /// - cfn_nag W9
    ///
    /// ## Unknown values
    /// When `CidrIp`/`CidrIpv6` is not known before deployment, the rule reports an `info`
    /// finding naming the value. A partly known CIDR whose prefix length is literal
    /// (`!Sub "${AdminIp}/32"`) is judged by that prefix.
    SgIngressCidrNotSingleHost {
        code: "CFN2008",
        name: "security-group-ingress-cidr-not-single-host",
        severity: Low,
        group: "ec2",
        summary: "security group ingress CIDR is a range of addresses, not a single host (/32 or /128)",
        types: ["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"],
        xrefs: [CfnNag("W9")],
    }
}

impl Rule for SgIngressCidrNotSingleHost {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        for fields in known_sg_rules(
            cx.resource.ty,
            cx.props,
            Direction::Ingress,
            hits,
            "allows a single host only",
        ) {
            for (key, family) in CIDR_KEYS {
                let Some(cidr) = fields.get(key) else {
                    continue;
                };
                let host = family.host_prefix();
                match cidr_prefix(cidr) {
                    None if is_unknown(cidr) => hits.unknown(
                        cidr,
                        &format!("the ingress `{key}` is a single host (`/{host}`)"),
                    ),
                    None | Some(0) => {}
                    Some(p) if p >= host => {}
                    Some(p) => {
                        let size = match family {
                            Family::V4 => format!("{} addresses", 1u64 << (32 - u32::from(p))),
                            Family::V6 => format!("a `/{p}` range of addresses"),
                        };
                        hits.at(
                            cidr,
                            format!(
                                "ingress from `{}` allows {size}, not a single host (`/{host}`)",
                                shown(cidr)
                            ),
                        );
                    }
                }
            }
        }
    }
}
