//! Shapes shared by the platform rules (analytics, containers, machine learning, storage): a
//! string property that must take one of a few values, the items of a list property, and a
//! JSON document written either as a mapping or as a JSON string.

use palisade_doc::{Format, Node};

use crate::rule::Hits;
use crate::rules::encryption::util::{lookup, Lookup};
use crate::value::{is_unknown, items, text, truth, Tri};

/// A string property with a closed set of values, some of them safe.
pub(super) struct Choice<'a> {
    /// The property, a dotted path below the base node.
    pub(super) path: &'a str,
    /// The safe values (compared ignoring case).
    pub(super) good: &'a [&'a str],
    /// The value AWS uses when the property is absent.
    pub(super) default: &'a str,
    /// Opens each message, e.g. "image tags can be overwritten".
    pub(super) problem: &'a str,
}

/// Where a list item sits: its node and its path prefix (`Volumes[1].`).
pub(super) type Item<'n, 'p> = Option<(&'n Node, &'p str)>;

/// Require the text at `choice.path` below `base` to be one of `choice.good`. An absent value
/// takes `choice.default`; when that default is not safe it is reported on the logical id (or
/// on the item, for a list item). A value that is not known before deployment is reported at
/// `info`. Returns whether the value is safe.
pub(super) fn require_choice(
    hits: &mut Hits,
    base: &Node,
    item: Item<'_, '_>,
    c: &Choice<'_>,
) -> Tri {
    let prefix = item.map_or("", |(_, p)| p);
    let full = format!("{prefix}{}", c.path);
    let is_good = |v: &str| c.good.iter().any(|g| g.eq_ignore_ascii_case(v.trim()));
    match lookup(base, c.path) {
        Lookup::Missing => {
            if is_good(c.default) {
                return Tri::True;
            }
            let message = format!(
                "{}: `{full}` is not set, so it is `{}`",
                c.problem, c.default
            );
            match item {
                None => hits.missing(&full, message),
                Some((node, _)) => hits.at(node, message),
            }
            Tri::False
        }
        Lookup::Unknown(n) => {
            hits.unknown(n, &format!("`{full}` is {}", quoted_or(c.good)));
            Tri::Unknown
        }
        Lookup::Found(v) => match text(v) {
            Some(t) if is_good(&t) => Tri::True,
            Some(t) => {
                hits.at(v, format!("{}: `{full}` is `{}`", c.problem, t.trim()));
                Tri::False
            }
            None if is_unknown(v) => {
                hits.unknown(v, &format!("`{full}` is {}", quoted_or(c.good)));
                Tri::Unknown
            }
            None => {
                hits.at(v, format!("{}: `{full}` is not a string", c.problem));
                Tri::False
            }
        },
    }
}

/// The boolean at `path` below a list item must be `true`; absent counts as `false` and is
/// reported at the item. `prefix` is the item's path (`Schedules[0].`).
pub(super) fn require_true_in(
    hits: &mut Hits,
    item: &Node,
    prefix: &str,
    path: &str,
    problem: &str,
) -> Tri {
    let full = format!("{prefix}{path}");
    match lookup(item, path) {
        Lookup::Missing => {
            hits.at(item, format!("{problem}: `{full}` is not set"));
            Tri::False
        }
        Lookup::Unknown(n) => {
            hits.unknown(n, &format!("`{full}` is true"));
            Tri::Unknown
        }
        Lookup::Found(v) => match truth(v) {
            Tri::True => Tri::True,
            Tri::False => {
                hits.at(v, format!("{problem}: `{full}` is false"));
                Tri::False
            }
            Tri::Unknown if is_unknown(v) => {
                hits.unknown(v, &format!("`{full}` is true"));
                Tri::Unknown
            }
            Tri::Unknown => {
                let shown = text(v).unwrap_or_else(|| "not a boolean".into());
                hits.at(v, format!("{problem}: `{full}` is `{shown}`, not `true`"));
                Tri::False
            }
        },
    }
}

/// `` `a` `` or `` `a` or `b` ``.
pub(super) fn quoted_or(values: &[&str]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// The items of the list at `path` below `base`, with their path prefixes
/// (`{prefix}{path}[0].`). A list, a parent of it or an item that is not known before
/// deployment is reported at `info` (`question` says what cannot be told) and skipped.
pub(super) fn list_items<'n>(
    hits: &mut Hits,
    base: &'n Node,
    path: &str,
    prefix: &str,
    question: &str,
) -> Vec<(&'n Node, String)> {
    let list = match lookup(base, path) {
        Lookup::Missing => return Vec::new(),
        Lookup::Unknown(n) => {
            hits.unknown(n, question);
            return Vec::new();
        }
        Lookup::Found(n) => n,
    };
    if is_unknown(list) {
        hits.unknown(list, question);
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, n) in items(list).into_iter().enumerate() {
        if is_unknown(n) {
            hits.unknown(n, question);
        } else {
            out.push((n, format!("{prefix}{path}[{i}].")));
        }
    }
    out
}

/// A JSON document property (CloudFormation type `Json`): written as a mapping, or as a string
/// holding JSON.
pub(super) enum JsonDoc<'n> {
    /// Written as a mapping: spans point into the template.
    Inline(&'n Node),
    /// Parsed from a JSON string: spans point into the string, report at `holder`.
    Parsed {
        /// The string node.
        holder: &'n Node,
        /// The parsed tree.
        root: Node,
    },
    /// Not known before deployment (or a partly known string).
    Unknown(&'n Node),
    /// A known string that is not JSON.
    Invalid,
}

impl<'n> JsonDoc<'n> {
    /// Read a resolved property value.
    pub(super) fn read(node: &'n Node) -> Self {
        if is_unknown(node) {
            return Self::Unknown(node);
        }
        match node.as_str() {
            Some(s) => {
                let parsed = palisade_doc::parse(s, Format::Json);
                match parsed.root {
                    Some(root) if !parsed.errors.iter().any(|e| e.fatal) && root.is_map() => {
                        Self::Parsed { holder: node, root }
                    }
                    _ => Self::Invalid,
                }
            }
            None => Self::Inline(node),
        }
    }

    /// The document's root, when it can be read.
    pub(super) fn root(&self) -> Option<&Node> {
        match self {
            Self::Inline(n) => Some(n),
            Self::Parsed { root, .. } => Some(root),
            Self::Unknown(_) | Self::Invalid => None,
        }
    }

    /// Where to report something found at `node` of the document.
    pub(super) fn report_node<'a>(&'a self, node: &'a Node) -> &'a Node {
        match self {
            Self::Parsed { holder, .. } => holder,
            _ => node,
        }
    }
}
