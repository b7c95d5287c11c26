use palisade_core::{Severity, Tool, Xref};
use palisade_doc::Node;

use super::util::{
    is_world, known_sg_rules, port_words, ports, protocol, sensitive_in, shown, Direction, Known,
    Ports, Protocol, CIDR_KEYS,
};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// Inbound security group rules that accept traffic from every address on the internet:
    /// `CidrIp` of `0.0.0.0/0` or `CidrIpv6` of `::/0` (any spelling of a `/0` block, such as
    /// `0::/0` or `::0/0`), in the inline `SecurityGroupIngress` list of an
    /// `AWS::EC2::SecurityGroup` and in standalone `AWS::EC2::SecurityGroupIngress` resources.
    ///
    /// The severity depends on what the rule opens, read as EC2 reads `IpProtocol`, `FromPort`
    /// and `ToPort` (numbers or strings):
    /// - **critical**: `IpProtocol: -1` (every protocol and every port, whatever `FromPort`/
    ///   `ToPort` say), TCP/UDP `FromPort`/`ToPort` of `-1` or `0`-`65535`, or a TCP/UDP range
    ///   that includes an administrative, remote-access or database port: 20-21 (FTP), 22 (SSH),
    ///   23 (Telnet), 135 (Microsoft RPC), 137-139 (NetBIOS), 445 (SMB), 1433-1434 (SQL Server),
    ///   1521 (Oracle), 2049 (NFS), 2375-2376 (Docker API), 2379-2380 (etcd), 3306 (MySQL),
    ///   3389 (RDP), 5432 (PostgreSQL), 5601 (Kibana), 5900 (VNC), 5985-5986 (WinRM),
    ///   6379 (Redis), 6443 (Kubernetes API), 9042 (Cassandra), 9200 and 9300
    ///   (Elasticsearch/OpenSearch), 10250 (kubelet), 11211 (Memcached), 27017-27019 (MongoDB);
    /// - **medium**: only TCP/UDP port 80 or 443 (public web traffic), or ICMP/ICMPv6;
    /// - **high** (the default): anything else, e.g. TCP 8080, another protocol number such as
    ///   `47` (GRE), or a rule whose ports are not known before deployment.
    ///
    /// ## Why it matters
    /// Any host on the internet can reach the instances, load balancers, databases or
    /// containers that use the security group on the opened ports. Internet-wide scanners find
    /// open SSH, RDP, database and cache ports within minutes and try stolen or default
    /// credentials and known exploits against them; unauthenticated services such as Redis,
    /// Memcached, Elasticsearch or the Docker API are taken over directly.
    ///
    /// ## How to fix
    /// Allow only the address ranges that need access (a corporate range, a VPN, a load
    /// balancer's security group or a managed prefix list), and reach administrative ports
    /// through AWS Systems Manager Session Manager or a bastion instead:
    /// ```yaml
    /// # before
    /// SecurityGroupIngress:
    ///   - IpProtocol: tcp
    ///     FromPort: 22
    ///     ToPort: 22
    ///     CidrIp: 0.0.0.0/0
    /// # after
    /// SecurityGroupIngress:
    ///   - IpProtocol: tcp
    ///     FromPort: 22
    ///     ToPort: 22
    ///     CidrIp: 203.0.113.0/24
    ///     Description: SSH from the office network
    /// ```
    ///
    /// ## Suppressions written for cfn_nag or checkov
    /// cfn_nag's W2 is this whole rule. checkov splits it by port: CKV_AWS_24 (22), CKV_AWS_25
    /// (3389) and CKV_AWS_260 (80). A finding answers only to the checkov ids of the ports it
    /// opens, so `checkov:skip=CKV_AWS_260` hides an open port 80 but not an open port 22 on the
    /// same group; a rule opening every port answers to all three.
    ///
    /// ## References
    /// - [AWS::EC2::SecurityGroup Ingress](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-securitygroup-ingress.html)
    /// - [AWS::EC2::SecurityGroupIngress](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-securitygroupingress.html)
    /// - [Security group rules](https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html)
    /// - cfn_nag W2; checkov CKV_AWS_24 (SSH), CKV_AWS_25 (RDP), CKV_AWS_260 (HTTP)
    ///
    /// ## Unknown values
    /// When `CidrIp`/`CidrIpv6` is not known before deployment (e.g. `!Ref AllowedCidr` with no
    /// default), the rule reports an `info` finding naming the value. A partly known CIDR such as
    /// `!Sub "${Network}/0"` is still judged by its literal prefix length. When the CIDR is open
    /// to the world but `IpProtocol` or the ports are unknown, the finding is reported at the
    /// default severity (high).
    SgIngressOpenToWorld {
        code: "CFN2001",
        name: "security-group-ingress-open-to-world",
        severity: High,
        group: "ec2",
        summary: "security group ingress rule allows traffic from 0.0.0.0/0 or ::/0",
        types: ["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"],
        xrefs: [CfnNag("W2"), Checkov("CKV_AWS_24"), Checkov("CKV_AWS_25"), Checkov("CKV_AWS_260")],
    }
}

impl Rule for SgIngressOpenToWorld {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        for fields in known_sg_rules(
            cx.resource.ty,
            cx.props,
            Direction::Ingress,
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
                        &format!("the ingress `{key}` is open to the whole internet"),
                    ),
                    Some(false) => {}
                    Some(true) => report(hits, fields, cidr),
                }
            }
        }
    }
}

/// Report an ingress rule open to the world, with a severity after what it opens.
fn report(hits: &mut Hits, fields: &Node, cidr: &Node) {
    let from = format!("ingress from `{}` (any address)", shown(cidr));
    let proto = match protocol(fields) {
        Known::Yes(p) => p,
        Known::Unknown(_) => {
            hits.at(
                cidr,
                format!("{from}; its protocol is not known before deployment"),
            );
            return;
        }
        Known::Absent => {
            hits.at(cidr, format!("{from}; `IpProtocol` is not set"));
            return;
        }
    };
    let open = match ports(fields, &proto) {
        Ok(p) => p,
        Err(_) => {
            hits.at(
                cidr,
                format!(
                    "{from} over {}; its ports are not known before deployment",
                    proto.label()
                ),
            );
            return;
        }
    };
    let narrowed = checkov_ids(&proto, &open);
    report_open(hits, cidr, &from, &proto, open);
    if let Some(ids) = narrowed {
        let mut xrefs = vec![Xref {
            tool: Tool::CfnNag,
            id: "W2",
        }];
        xrefs.extend(ids.into_iter().map(|id| Xref {
            tool: Tool::Checkov,
            id,
        }));
        hits.narrow_last(xrefs);
    }
}

/// checkov's open-ingress checks are per port: CKV_AWS_24 (22), CKV_AWS_25 (3389) and
/// CKV_AWS_260 (80), for TCP or every protocol. The ones a rule opening `proto`/`open` answers
/// to; `None` when it opens every port (all of them).
fn checkov_ids(proto: &Protocol, open: &Ports) -> Option<Vec<&'static str>> {
    const BY_PORT: [(u32, &str); 3] = [
        (22, "CKV_AWS_24"),
        (3389, "CKV_AWS_25"),
        (80, "CKV_AWS_260"),
    ];
    match (proto, open) {
        (Protocol::All, _) | (Protocol::Tcp, Ports::All) => None,
        (Protocol::Tcp, Ports::Range(lo, hi)) => Some(
            BY_PORT
                .iter()
                .filter(|(p, _)| (*lo..=*hi).contains(p))
                .map(|(_, id)| *id)
                .collect(),
        ),
        _ => Some(Vec::new()),
    }
}

fn report_open(hits: &mut Hits, cidr: &Node, from: &str, proto: &Protocol, open: Ports) {
    match (proto, open) {
        (Protocol::All, _) => hits.at_severity(
            cidr,
            Severity::Critical,
            format!("{from} allows every protocol and port (`IpProtocol` is `-1`)"),
        ),
        (Protocol::Other(_), _) => hits.at(cidr, format!("{from} allows {}", proto.label())),
        (_, Ports::IcmpTypeCode) => hits.at_severity(
            cidr,
            Severity::Medium,
            format!("{from} allows {}", proto.label()),
        ),
        (_, Ports::Missing) => hits.at(cidr, format!("{from} allows {}", proto.label())),
        (_, Ports::All) => hits.at_severity(
            cidr,
            Severity::Critical,
            format!("{from} allows every {} port", proto.label()),
        ),
        (_, Ports::Range(lo, hi)) => {
            let what = format!("{from} to {} {}", proto.label(), port_words(lo, hi));
            let sensitive = sensitive_in(lo, hi);
            if !sensitive.is_empty() {
                let listed = match sensitive.as_slice() {
                    [one] => one.clone(),
                    [a, b] => format!("{a} and {b}"),
                    [a, b, c] => format!("{a}, {b} and {c}"),
                    [a, b, c, rest @ ..] => format!("{a}, {b}, {c} and {} more", rest.len()),
                    [] => String::new(),
                };
                let msg = if lo == hi {
                    format!("{what}, an administrative or database port: {listed}")
                } else {
                    format!("{what}, which include administrative or database ports: {listed}")
                };
                hits.at_severity(cidr, Severity::Critical, msg);
            } else if (lo == 80 || lo == 443) && lo == hi {
                hits.at_severity(cidr, Severity::Medium, what);
            } else {
                hits.at(cidr, what);
            }
        }
    }
}
