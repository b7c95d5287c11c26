//! Helpers shared by the `ec2` rules: security group rules (inline and standalone), protocols,
//! port ranges and CIDR blocks, read the way EC2 interprets them.

use palisade_doc::{Node, Value};

use crate::resolve::describe;
use crate::rule::Hits;
use crate::value::{int, is_partial, is_unknown, items, text};

/// The direction of a security group rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    /// Inbound: `SecurityGroupIngress` / `AWS::EC2::SecurityGroupIngress`.
    Ingress,
    /// Outbound: `SecurityGroupEgress` / `AWS::EC2::SecurityGroupEgress`.
    Egress,
}

impl Direction {
    /// `ingress` / `egress`.
    pub(crate) fn word(self) -> &'static str {
        match self {
            Direction::Ingress => "ingress",
            Direction::Egress => "egress",
        }
    }

    /// The inline list property of `AWS::EC2::SecurityGroup`.
    pub(crate) fn inline_key(self) -> &'static str {
        match self {
            Direction::Ingress => "SecurityGroupIngress",
            Direction::Egress => "SecurityGroupEgress",
        }
    }

    /// The standalone resource type.
    pub(crate) fn standalone_type(self) -> &'static str {
        match self {
            Direction::Ingress => "AWS::EC2::SecurityGroupIngress",
            Direction::Egress => "AWS::EC2::SecurityGroupEgress",
        }
    }
}

/// One security group rule of a resource.
#[derive(Clone, Copy, Debug)]
pub(crate) enum SgRule<'n> {
    /// An item of the inline `SecurityGroupIngress`/`SecurityGroupEgress` list (a mapping).
    Inline(&'n Node),
    /// The properties of a standalone `AWS::EC2::SecurityGroupIngress`/`Egress` resource.
    Standalone(&'n Node),
    /// The inline list, or one of its items, is not known before deployment.
    Unknown(&'n Node),
}

/// The rules in one direction declared by a resource: the inline items of an
/// `AWS::EC2::SecurityGroup`, or the standalone rule resource itself.
pub(crate) fn sg_rules<'n>(ty: &str, props: &'n Node, dir: Direction) -> Vec<SgRule<'n>> {
    if ty == "AWS::EC2::SecurityGroup" {
        let Some(list) = props.get(dir.inline_key()) else {
            return Vec::new();
        };
        if is_unknown(list) {
            return vec![SgRule::Unknown(list)];
        }
        return items(list)
            .into_iter()
            .filter_map(|item| {
                if is_unknown(item) {
                    Some(SgRule::Unknown(item))
                } else if item.is_map() {
                    Some(SgRule::Inline(item))
                } else {
                    None
                }
            })
            .collect();
    }
    if ty == dir.standalone_type() {
        return vec![SgRule::Standalone(props)];
    }
    Vec::new()
}

/// A deciding value: known, unknown before deployment, or absent.
#[derive(Clone, Debug)]
pub(crate) enum Known<'n, T> {
    /// Known.
    Yes(T),
    /// Present but not known before deployment.
    Unknown(&'n Node),
    /// Not set.
    Absent,
}

/// An `IpProtocol` value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Protocol {
    /// `-1`: every protocol, every port.
    All,
    /// `tcp` / `6`.
    Tcp,
    /// `udp` / `17`.
    Udp,
    /// `icmp` / `1`.
    Icmp,
    /// `icmpv6` / `58`.
    Icmpv6,
    /// Another protocol number or name (all of its traffic, ports do not apply).
    Other(String),
}

impl Protocol {
    /// Display name for messages.
    pub(crate) fn label(&self) -> String {
        match self {
            Protocol::All => "all protocols".into(),
            Protocol::Tcp => "TCP".into(),
            Protocol::Udp => "UDP".into(),
            Protocol::Icmp => "ICMP".into(),
            Protocol::Icmpv6 => "ICMPv6".into(),
            Protocol::Other(p) => format!("protocol `{p}`"),
        }
    }
}

/// Parse an `IpProtocol` text as EC2 does (names are case-insensitive; `-1` is every protocol).
fn parse_protocol(raw: &str) -> Protocol {
    let t = raw.trim().to_ascii_lowercase();
    match t.as_str() {
        "-1" | "all" => Protocol::All,
        "tcp" | "6" => Protocol::Tcp,
        "udp" | "17" => Protocol::Udp,
        "icmp" | "1" => Protocol::Icmp,
        "icmpv6" | "58" => Protocol::Icmpv6,
        _ => Protocol::Other(raw.trim().to_string()),
    }
}

/// The `IpProtocol` of a rule.
pub(crate) fn protocol(rule: &Node) -> Known<'_, Protocol> {
    match rule.get("IpProtocol") {
        None => Known::Absent,
        Some(n) if is_unknown(n) => Known::Unknown(n),
        Some(n) => match text(n) {
            Some(t) => Known::Yes(parse_protocol(&t)),
            None => Known::Unknown(n),
        },
    }
}

/// The ports a rule opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ports {
    /// Every port (protocol `-1`, a protocol without ports, or a port of `-1`).
    All,
    /// TCP/UDP ports `from..=to`.
    Range(u32, u32),
    /// ICMP/ICMPv6: `FromPort`/`ToPort` are a type and code, not ports.
    IcmpTypeCode,
    /// TCP/UDP without a usable `FromPort`/`ToPort` (EC2 rejects such a rule).
    Missing,
}

/// The port range of a rule with a known protocol; `Err` is the unknown port value.
pub(crate) fn ports<'n>(rule: &'n Node, proto: &Protocol) -> Result<Ports, &'n Node> {
    match proto {
        Protocol::All | Protocol::Other(_) => return Ok(Ports::All),
        Protocol::Icmp | Protocol::Icmpv6 => return Ok(Ports::IcmpTypeCode),
        Protocol::Tcp | Protocol::Udp => {}
    }
    let (from, to) = (rule.get("FromPort"), rule.get("ToPort"));
    for n in [from, to].into_iter().flatten() {
        if is_unknown(n) {
            return Err(n);
        }
    }
    let (Some(from), Some(to)) = (from.and_then(int), to.and_then(int)) else {
        return Ok(Ports::Missing);
    };
    if from < 0 || to < 0 {
        return Ok(Ports::All);
    }
    let clamp = |p: i64| u32::try_from(p.min(65535)).unwrap_or(65535);
    let (lo, hi) = (clamp(from), clamp(to));
    if lo == 0 && hi == 65535 {
        return Ok(Ports::All);
    }
    Ok(Ports::Range(lo.min(hi), lo.max(hi)))
}

/// `port 22` / `ports 8000-8100`.
pub(crate) fn port_words(lo: u32, hi: u32) -> String {
    if lo == hi {
        format!("port {lo}")
    } else {
        format!("ports {lo}-{hi}")
    }
}

/// What a rule lets through, for messages: `every protocol and port`, `TCP port 443`, `ICMP`;
/// `None` when the protocol or ports are not known or not set.
pub(crate) fn traffic(rule: &Node) -> Option<String> {
    let Known::Yes(proto) = protocol(rule) else {
        return None;
    };
    Some(match (&proto, ports(rule, &proto).ok()?) {
        (Protocol::All, _) => "every protocol and port".into(),
        (Protocol::Other(_), _) | (_, Ports::IcmpTypeCode) => proto.label(),
        (_, Ports::All) => format!("every {} port", proto.label()),
        (_, Ports::Range(lo, hi)) => format!("{} {}", proto.label(), port_words(lo, hi)),
        (_, Ports::Missing) => return None,
    })
}

/// Administrative, remote-access and database ports that must never face the internet: an
/// ingress rule from anywhere that includes one of them is critical. Kept in sync with the
/// docs of `CFN2001`.
pub(crate) const SENSITIVE_PORTS: &[(u32, u32, &str)] = &[
    (20, 21, "FTP"),
    (22, 22, "SSH"),
    (23, 23, "Telnet"),
    (135, 135, "Microsoft RPC"),
    (137, 139, "NetBIOS"),
    (445, 445, "SMB"),
    (1433, 1434, "SQL Server"),
    (1521, 1521, "Oracle"),
    (2049, 2049, "NFS"),
    (2375, 2376, "Docker API"),
    (2379, 2380, "etcd"),
    (3306, 3306, "MySQL"),
    (3389, 3389, "RDP"),
    (5432, 5432, "PostgreSQL"),
    (5601, 5601, "Kibana"),
    (5900, 5900, "VNC"),
    (5985, 5986, "WinRM"),
    (6379, 6379, "Redis"),
    (6443, 6443, "Kubernetes API"),
    (9042, 9042, "Cassandra"),
    (9200, 9200, "Elasticsearch/OpenSearch"),
    (9300, 9300, "Elasticsearch transport"),
    (10250, 10250, "kubelet"),
    (11211, 11211, "Memcached"),
    (27017, 27019, "MongoDB"),
];

/// The sensitive services whose ports overlap `lo..=hi`, as `22 (SSH)`.
pub(crate) fn sensitive_in(lo: u32, hi: u32) -> Vec<String> {
    SENSITIVE_PORTS
        .iter()
        .filter(|(a, b, _)| *a <= hi && *b >= lo)
        .map(|(a, b, name)| {
            if a == b {
                format!("{a} ({name})")
            } else {
                format!("{a}-{b} ({name})")
            }
        })
        .collect()
}

/// An IP family of a CIDR property.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Family {
    /// `CidrIp`.
    V4,
    /// `CidrIpv6`.
    V6,
}

impl Family {
    /// The prefix length of a single address.
    pub(crate) fn host_prefix(self) -> u8 {
        match self {
            Family::V4 => 32,
            Family::V6 => 128,
        }
    }
}

/// The CIDR properties of a security group rule.
pub(crate) const CIDR_KEYS: [(&str, Family); 2] =
    [("CidrIp", Family::V4), ("CidrIpv6", Family::V6)];

/// The prefix length of a CIDR value. A partly known string whose `/N` suffix is literal
/// (`!Sub "${HostIp}/32"`) still has a known prefix. `None`: not known before deployment, or
/// not a CIDR.
pub(crate) fn cidr_prefix(node: &Node) -> Option<u8> {
    let s = if let Some(t) = text(node) {
        t
    } else if is_partial(node) {
        node.as_str()?.to_string()
    } else {
        return None;
    };
    let (_, suffix) = s.trim().rsplit_once('/')?;
    suffix.trim().parse().ok()
}

/// The text of a CIDR value for messages: the known or partly known text, else a description.
pub(crate) fn shown(node: &Node) -> String {
    text(node).unwrap_or_else(|| describe(node))
}

/// Whether a CIDR value covers every address: any `/0` (`0.0.0.0/0`, `::/0`, `0::/0`, `::0/0`).
/// `None`: not known before deployment.
pub(crate) fn is_world(node: &Node) -> Option<bool> {
    if is_unknown(node) && !is_partial(node) {
        return None;
    }
    match cidr_prefix(node) {
        Some(p) => Some(p == 0),
        // A known text that is not a CIDR is not the world; a partial one without a
        // literal prefix is unknown.
        None if is_partial(node) => None,
        None => Some(false),
    }
}

/// Report a whole rule (or the inline list) that is unknown.
/// The known rules in one direction (inline items or the standalone resource), after reporting
/// each rule that is not known before deployment as "cannot tell whether ... `question`".
pub(crate) fn known_sg_rules<'n>(
    ty: &str,
    props: &'n Node,
    dir: Direction,
    hits: &mut Hits,
    question: &str,
) -> Vec<&'n Node> {
    sg_rules(ty, props, dir)
        .into_iter()
        .filter_map(|rule| match rule {
            SgRule::Unknown(n) => {
                unknown_rule(hits, n, dir, question);
                None
            }
            SgRule::Inline(f) | SgRule::Standalone(f) => Some(f),
        })
        .collect()
}

pub(crate) fn unknown_rule(hits: &mut Hits, node: &Node, dir: Direction, question: &str) {
    hits.unknown(
        node,
        &format!("the security group {} rule {question}", dir.word()),
    );
}

/// Whether a (possibly unresolved) `GroupId` names the security group `id`:
/// `!Ref id`, `!GetAtt id.GroupId`, `!Sub "${id}"` / `"${id.GroupId}"`, or either branch of an
/// `Fn::If` that the scenario does not decide.
pub(crate) fn names_group(node: &Node, id: &str) -> bool {
    let Some(e) = node.single_entry() else {
        return false;
    };
    match e.key.as_str() {
        "Ref" => e.value.as_str() == Some(id),
        "Fn::GetAtt" => match &e.value.value {
            Value::Seq(parts) => match parts.as_slice() {
                [res, attr] => res.as_str() == Some(id) && attr.as_str() == Some("GroupId"),
                _ => false,
            },
            Value::String(s) => *s == format!("{id}.GroupId"),
            _ => false,
        },
        "Fn::Sub" => match e.value.as_str() {
            Some(s) => {
                let s = s.trim();
                s == format!("${{{id}}}") || s == format!("${{{id}.GroupId}}")
            }
            None => false,
        },
        "Fn::If" => match e.value.as_seq() {
            Some([_, yes, no]) => names_group(yes, id) || names_group(no, id),
            _ => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protocols() {
        assert_eq!(parse_protocol("-1"), Protocol::All);
        assert_eq!(parse_protocol("TCP"), Protocol::Tcp);
        assert_eq!(parse_protocol("6"), Protocol::Tcp);
        assert_eq!(parse_protocol("17"), Protocol::Udp);
        assert_eq!(parse_protocol("58"), Protocol::Icmpv6);
        assert_eq!(parse_protocol("50"), Protocol::Other("50".into()));
    }

    #[test]
    fn sensitive() {
        assert_eq!(sensitive_in(22, 22), vec!["22 (SSH)".to_string()]);
        assert!(sensitive_in(80, 80).is_empty());
        assert_eq!(
            sensitive_in(5980, 5990),
            vec!["5985-5986 (WinRM)".to_string()]
        );
    }
}
