//! Network ACL entries read the way EC2 evaluates them. Each `AWS::EC2::NetworkAclEntry` names
//! its ACL in `NetworkAclId`; the entries of one ACL form two ordered lists (ingress, egress),
//! evaluated from the lowest `RuleNumber` up, the first entry matching a packet deciding it.
//! An entry matches a CIDR block, a protocol and, for TCP/UDP, a port range or, for ICMP, a
//! type and code.

use palisade_doc::{Node, Value};

use super::util::{known_text, not_known, own_index};
use crate::resolve::describe;
use crate::rule::ResourceCx;
use crate::value::{is_partial, is_unknown, truth, Tri};

/// A deciding value, or why it cannot be known (a clause).
pub(crate) type Val<T> = Result<T, String>;

/// The entry's `Protocol`, as EC2 reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Proto {
    /// `-1`: every protocol, every port.
    All,
    /// `6`.
    Tcp,
    /// `17`.
    Udp,
    /// `1`.
    Icmp,
    /// `58`.
    Icmpv6,
    /// Any other protocol number: all of its traffic, ports and ICMP fields do not apply.
    Other(i64),
}

impl Proto {
    /// Read a `Protocol` text: a number, or a name as the EC2 console shows it.
    pub(crate) fn parse(raw: &str) -> Option<Proto> {
        let t = raw.trim().to_ascii_lowercase();
        Some(match t.as_str() {
            "-1" | "all" => Proto::All,
            "6" | "tcp" => Proto::Tcp,
            "17" | "udp" => Proto::Udp,
            "1" | "icmp" => Proto::Icmp,
            "58" | "icmpv6" => Proto::Icmpv6,
            _ => Proto::Other(t.parse().ok()?),
        })
    }

    /// For messages.
    pub(crate) fn label(self) -> String {
        match self {
            Proto::All => "all protocols".into(),
            Proto::Tcp => "TCP".into(),
            Proto::Udp => "UDP".into(),
            Proto::Icmp => "ICMP".into(),
            Proto::Icmpv6 => "ICMPv6".into(),
            Proto::Other(n) => format!("protocol {n}"),
        }
    }
}

/// A CIDR block, its host bits cleared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Block {
    /// IPv4 (`CidrBlock`).
    V4(u32, u8),
    /// IPv6 (`Ipv6CidrBlock`).
    V6(u128, u8),
}

impl Block {
    /// Parse `a.b.c.d/n` or an IPv6 `addr/n`.
    pub(crate) fn parse(s: &str) -> Option<Block> {
        let (addr, len) = s.trim().split_once('/')?;
        let len: u8 = len.trim().parse().ok()?;
        if let Ok(a) = addr.trim().parse::<std::net::Ipv4Addr>() {
            if len > 32 {
                return None;
            }
            let mask = u32::MAX.checked_shl(32 - u32::from(len)).unwrap_or(0);
            return Some(Block::V4(u32::from(a) & mask, len));
        }
        let a = addr.trim().parse::<std::net::Ipv6Addr>().ok()?;
        if len > 128 {
            return None;
        }
        let mask = u128::MAX.checked_shl(128 - u32::from(len)).unwrap_or(0);
        Some(Block::V6(u128::from(a) & mask, len))
    }

    /// Whether every address of `other` is in this block.
    pub(crate) fn contains(self, other: Block) -> bool {
        match (self, other) {
            (Block::V4(net, len), Block::V4(o, olen)) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(len)).unwrap_or(0);
                len <= olen && o & mask == net
            }
            (Block::V6(net, len), Block::V6(o, olen)) => {
                let mask = u128::MAX.checked_shl(128 - u32::from(len)).unwrap_or(0);
                len <= olen && o & mask == net
            }
            _ => false,
        }
    }
}

/// What a TCP/UDP port range or ICMP type and code selects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Range {
    /// Everything the protocol carries.
    Any,
    /// TCP/UDP ports `from..=to`.
    Ports(i64, i64),
    /// ICMP type and code (`-1`: any).
    Icmp(i64, i64),
}

/// The traffic an entry matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Traffic {
    /// Source (ingress) or destination (egress) addresses.
    pub(crate) block: Block,
    /// Protocol.
    pub(crate) proto: Proto,
    /// Ports or ICMP type/code.
    pub(crate) range: Range,
}

impl Traffic {
    /// Whether every packet `other` matches is also matched by this traffic.
    pub(crate) fn covers(&self, other: &Traffic) -> bool {
        if !self.block.contains(other.block) {
            return false;
        }
        if self.proto == Proto::All {
            return true;
        }
        if self.proto != other.proto {
            return false;
        }
        match (self.range, other.range) {
            (Range::Any, _) => true,
            (_, Range::Any) => false,
            (Range::Ports(lo, hi), Range::Ports(olo, ohi)) => lo <= olo && ohi <= hi,
            (Range::Icmp(ty, code), Range::Icmp(oty, ocode)) => {
                ty == -1 || (ty == oty && (code == -1 || code == ocode))
            }
            _ => false,
        }
    }
}

/// One entry of an ACL.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    /// For messages: `` entry `InboundHttps` `` or the default ACL's built-in entry.
    pub(crate) who: String,
    /// Template position (built-in entries come first).
    pub(crate) order: usize,
    /// A condition the entry's existence depends on.
    pub(crate) only_when: Option<String>,
    /// `Egress` (absent: ingress).
    pub(crate) egress: Val<bool>,
    /// `RuleNumber`.
    pub(crate) number: Val<i64>,
    /// `RuleAction` is `allow`.
    pub(crate) allow: Val<bool>,
    /// What it matches.
    pub(crate) traffic: Val<Traffic>,
}

/// The ACL an entry belongs to, as a comparable key: entries whose `NetworkAclId` are the same
/// reference or the same text are in the same ACL. `None` when it is not set.
pub(crate) fn acl_key(props: &Node) -> Option<String> {
    let node = props.get("NetworkAclId")?;
    if let Some(e) = node.single_entry() {
        match e.key.as_str() {
            "Ref" => return Some(format!("acl:{}", e.value.as_str().unwrap_or(""))),
            "Fn::GetAtt" => {
                let (res, attr) = match &e.value.value {
                    Value::Seq(parts) => (
                        parts.first().and_then(Node::as_str).unwrap_or(""),
                        parts.get(1).and_then(Node::as_str).unwrap_or(""),
                    ),
                    Value::String(s) => s.split_once('.').unwrap_or((s.as_str(), "")),
                    _ => ("", ""),
                };
                return Some(attr_key(res, attr));
            }
            _ => {}
        }
    }
    if is_partial(node) {
        let s = node.as_str().unwrap_or("").trim();
        if let Some(inner) = s.strip_prefix("${").and_then(|r| r.strip_suffix('}')) {
            if !inner.contains("${") {
                let (res, attr) = inner.split_once('.').unwrap_or((inner, ""));
                return Some(attr_key(res, attr));
            }
        }
    }
    Some(match known_text(node) {
        Ok(t) => format!("text:{t}"),
        Err(n) => format!("expr:{}", canonical(n)),
    })
}

/// The key of `Fn::GetAtt res.attr`: a network ACL's `Id` is its `Ref`; a VPC's
/// `DefaultNetworkAcl` is that VPC's default ACL.
fn attr_key(res: &str, attr: &str) -> String {
    match attr {
        "" | "Id" => format!("acl:{res}"),
        "DefaultNetworkAcl" => format!("default:{res}"),
        _ => format!("attr:{res}.{attr}"),
    }
}

/// A text form of a node that tells different expressions apart.
fn canonical(node: &Node) -> String {
    let tag = node.tag.as_deref().unwrap_or("");
    match &node.value {
        Value::Map(entries) => {
            let inner: Vec<String> = entries
                .iter()
                .map(|e| format!("{}={}", e.key, canonical(&e.value)))
                .collect();
            format!("{tag}{{{}}}", inner.join(","))
        }
        Value::Seq(items) => {
            let inner: Vec<String> = items.iter().map(canonical).collect();
            format!("{tag}[{}]", inner.join(","))
        }
        _ => format!("{tag}{}", node.scalar_text().unwrap_or_default()),
    }
}

/// An integer property of `who`.
fn int_of(props: &Node, prop: &str, who: &str) -> Val<Option<i64>> {
    let Some(n) = props.get(prop) else {
        return Ok(None);
    };
    let t = known_text(n).map_err(|n| not_known(prop, who, n))?;
    t.parse()
        .map(Some)
        .map_err(|_| format!("`{prop}` of `{who}` is `{t}`, not a number"))
}

/// Read an entry from its resolved properties.
pub(crate) fn entry(id: &str, order: usize, props: &Node, only_when: Option<&str>) -> Entry {
    let who = format!("entry `{id}`");
    let egress = match props.get("Egress") {
        None => Ok(false),
        Some(n) => match truth(n) {
            Tri::True => Ok(true),
            Tri::False => Ok(false),
            Tri::Unknown => Err(not_known("Egress", id, n)),
        },
    };
    let number = int_of(props, "RuleNumber", id)
        .and_then(|n| n.ok_or_else(|| format!("`{id}` has no `RuleNumber`")));
    let allow = match props.get("RuleAction") {
        None => Err(format!("`{id}` has no `RuleAction`")),
        Some(n) => known_text(n)
            .map(|t| t.eq_ignore_ascii_case("allow"))
            .map_err(|n| not_known("RuleAction", id, n)),
    };
    Entry {
        who,
        order,
        only_when: only_when.map(str::to_string),
        egress,
        number,
        allow,
        traffic: traffic(id, props),
    }
}

/// The traffic an entry matches.
fn traffic(id: &str, props: &Node) -> Val<Traffic> {
    let (prop, node) = match (props.get("CidrBlock"), props.get("Ipv6CidrBlock")) {
        (Some(n), _) => ("CidrBlock", n),
        (None, Some(n)) => ("Ipv6CidrBlock", n),
        (None, None) => return Err(format!("`{id}` has no `CidrBlock`")),
    };
    let cidr = known_text(node).map_err(|n| not_known(prop, id, n))?;
    let block = Block::parse(&cidr)
        .ok_or_else(|| format!("`{prop}` of `{id}` is `{cidr}`, not a CIDR block"))?;
    let proto = match props.get("Protocol") {
        None => return Err(format!("`{id}` has no `Protocol`")),
        Some(n) => {
            let t = known_text(n).map_err(|n| not_known("Protocol", id, n))?;
            Proto::parse(&t).ok_or_else(|| format!("`Protocol` of `{id}` is `{t}`"))?
        }
    };
    let range = match proto {
        Proto::All | Proto::Other(_) => Range::Any,
        Proto::Icmpv6 if matches!(block, Block::V4(..)) => Range::Any,
        Proto::Icmp | Proto::Icmpv6 => match props.get("Icmp") {
            None => Range::Any,
            Some(icmp) if is_unknown(icmp) => return Err(not_known("Icmp", id, icmp)),
            Some(icmp) => {
                let ty = int_of(icmp, "Type", id)?.unwrap_or(-1);
                let code = int_of(icmp, "Code", id)?.unwrap_or(-1);
                Range::Icmp(ty, code)
            }
        },
        Proto::Tcp | Proto::Udp => {
            let Some(pr) = props.get("PortRange") else {
                return Err(format!("`{id}` has no `PortRange`"));
            };
            if is_unknown(pr) {
                return Err(not_known("PortRange", id, pr));
            }
            let from = int_of(pr, "From", id)?;
            let to = int_of(pr, "To", id)?;
            match (from, to) {
                (Some(f), Some(t)) => Range::Ports(f.clamp(0, 65535), t.clamp(0, 65535)),
                _ => return Err(format!("`PortRange` of `{id}` lacks `From` or `To`")),
            }
        }
    };
    Ok(Traffic {
        block,
        proto,
        range,
    })
}

/// The checked entry and the other entries of the same ACL (including, for a VPC's default
/// ACL, its built-in allow-all IPv4 entries numbered 100).
#[derive(Debug)]
pub(crate) struct Acl {
    /// The checked entry.
    pub(crate) own: Entry,
    /// The other entries of its ACL.
    pub(crate) peers: Vec<Entry>,
}

/// Load the checked entry and its ACL.
pub(crate) fn load(cx: &ResourceCx<'_>) -> Acl {
    let own = entry(cx.id(), own_index(cx) + 1, cx.props, None);
    let mut peers = Vec::new();
    if let Some(key) = acl_key(cx.props) {
        if let Some(vpc) = key.strip_prefix("default:") {
            for egress in [false, true] {
                peers.push(builtin(vpc, egress));
            }
        }
        for o in cx.others("AWS::EC2::NetworkAclEntry") {
            if acl_key(&o.props).as_deref() == Some(key.as_str()) {
                peers.push(entry(
                    o.resource.logical_id,
                    o.index + 1,
                    &o.props,
                    o.only_when,
                ));
            }
        }
    }
    Acl { own, peers }
}

/// Rule 100 of a VPC's default network ACL: allow all IPv4 traffic.
fn builtin(vpc: &str, egress: bool) -> Entry {
    Entry {
        who: format!("the built-in allow-all entry of the default network ACL of `{vpc}`"),
        order: 0,
        only_when: None,
        egress: Ok(egress),
        number: Ok(100),
        allow: Ok(true),
        traffic: Ok(Traffic {
            block: Block::V4(0, 0),
            proto: Proto::All,
            range: Range::Any,
        }),
    }
}

/// Three-valued AND over parts: any known `false` wins, then the first unknown, else `true`.
pub(crate) fn all(parts: &[Val<bool>]) -> Val<bool> {
    if parts.iter().any(|p| matches!(p, Ok(false))) {
        return Ok(false);
    }
    for p in parts {
        if let Err(why) = p {
            return Err(why.clone());
        }
    }
    Ok(true)
}

/// Whether two entries are in the same direction.
pub(crate) fn same_direction(a: &Entry, b: &Entry) -> Val<bool> {
    Ok(a.egress.clone()? == b.egress.clone()?)
}

/// Whether `earlier` has a lower rule number than `later`.
pub(crate) fn before(earlier: &Entry, later: &Entry) -> Val<bool> {
    Ok(earlier.number.clone()? < later.number.clone()?)
}

/// Whether `a` matches every packet `b` matches.
pub(crate) fn covers(a: &Entry, b: &Entry) -> Val<bool> {
    let (ta, tb) = (a.traffic.clone()?, b.traffic.clone()?);
    Ok(ta.covers(&tb))
}

/// The verdict of a pairwise test over the peers of an entry: the first peer for which it holds,
/// or why it cannot be told.
pub(crate) enum Verdict<'e> {
    /// It holds for this peer.
    Hit(&'e Entry),
    /// It holds for no peer.
    None,
    /// It cannot be told (a clause).
    Unknown(String),
}

/// Run `test` against every peer. A peer that exists only under an undecided condition makes
/// a hit unknown.
pub(crate) fn first_peer<'e>(
    acl: &'e Acl,
    test: &dyn Fn(&Entry, &Entry) -> Val<bool>,
) -> Verdict<'e> {
    let mut unknown: Option<String> = None;
    for peer in &acl.peers {
        match test(&acl.own, peer) {
            Ok(true) => match &peer.only_when {
                None => return Verdict::Hit(peer),
                Some(c) => {
                    unknown.get_or_insert(format!(
                        "{} exists only when condition `{c}` is true",
                        peer.who
                    ));
                }
            },
            Ok(false) => {}
            Err(why) => {
                unknown.get_or_insert(why);
            }
        }
    }
    match unknown {
        Some(why) => Verdict::Unknown(why),
        None => Verdict::None,
    }
}

/// `ingress` / `egress`.
pub(crate) fn direction_word(e: &Entry) -> &'static str {
    match e.egress {
        Ok(true) => "egress",
        _ => "ingress",
    }
}

/// `allow` / `deny`.
pub(crate) fn action_word(e: &Entry) -> &'static str {
    match e.allow {
        Ok(true) => "allow",
        _ => "deny",
    }
}

/// `rule 100`, or the unknown value.
pub(crate) fn number_words(e: &Entry) -> String {
    match &e.number {
        Ok(n) => format!("rule {n}"),
        Err(_) => "an unknown rule number".into(),
    }
}

/// The node to report an entry finding on: its `RuleNumber`, else the properties.
pub(crate) fn anchor(props: &Node) -> &Node {
    props.get("RuleNumber").unwrap_or(props)
}

/// `RuleAction` of an entry: `Some(true)` allow, `Some(false)` deny (or not set), `None` when
/// it is not known before deployment.
pub(crate) fn allows(props: &Node) -> Option<bool> {
    match props.get("RuleAction") {
        None => Some(false),
        Some(n) => known_text(n).ok().map(|t| t.eq_ignore_ascii_case("allow")),
    }
}

/// A short description of a value for messages.
pub(crate) fn shown(node: &Node) -> String {
    known_text(node).unwrap_or_else(describe)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(cidr: &str, proto: Proto, range: Range) -> Traffic {
        Traffic {
            block: Block::parse(cidr).unwrap(),
            proto,
            range,
        }
    }

    #[test]
    fn blocks() {
        let world = Block::parse("0.0.0.0/0").unwrap();
        let vpc = Block::parse("10.0.0.0/16").unwrap();
        let host = Block::parse("10.0.3.7/32").unwrap();
        assert!(world.contains(vpc));
        assert!(vpc.contains(host));
        assert!(!host.contains(vpc));
        assert!(!vpc.contains(Block::parse("10.1.0.0/16").unwrap()));
        assert_eq!(Block::parse("10.0.3.7/16"), Some(vpc));
        assert!(!world.contains(Block::parse("::/0").unwrap()));
        assert!(Block::parse("::/0")
            .unwrap()
            .contains(Block::parse("2001:db8::/32").unwrap()));
        assert_eq!(Block::parse("10.0.0.0/33"), None);
    }

    #[test]
    fn coverage() {
        let all = t("0.0.0.0/0", Proto::All, Range::Any);
        let ssh = t("10.0.0.0/8", Proto::Tcp, Range::Ports(22, 22));
        let web = t("0.0.0.0/0", Proto::Tcp, Range::Ports(0, 1023));
        assert!(all.covers(&ssh));
        assert!(web.covers(&ssh));
        assert!(!ssh.covers(&web));
        assert!(!t("0.0.0.0/0", Proto::Udp, Range::Any).covers(&ssh));
        let ping = t("0.0.0.0/0", Proto::Icmp, Range::Icmp(8, 0));
        assert!(t("0.0.0.0/0", Proto::Icmp, Range::Icmp(-1, -1)).covers(&ping));
        assert!(!ping.covers(&t("0.0.0.0/0", Proto::Icmp, Range::Icmp(0, 0))));
    }

    #[test]
    fn protocols() {
        assert_eq!(Proto::parse("-1"), Some(Proto::All));
        assert_eq!(Proto::parse(" 6"), Some(Proto::Tcp));
        assert_eq!(Proto::parse("50"), Some(Proto::Other(50)));
        assert_eq!(Proto::parse("gre"), None);
    }

    #[test]
    fn three_valued_and() {
        assert_eq!(all(&[Ok(true), Err("x".into()), Ok(false)]), Ok(false));
        assert_eq!(all(&[Ok(true), Err("x".into())]), Err("x".into()));
        assert_eq!(all(&[Ok(true), Ok(true)]), Ok(true));
    }
}
