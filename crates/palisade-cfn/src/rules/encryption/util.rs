//! Shapes shared by the encryption rules: a boolean that must be `true`, a KMS key that must be
//! customer managed, and encryption a database inherits from a snapshot or a source database.

use palisade_core::Severity;
use palisade_doc::Node;

use crate::resolve::describe;
use crate::rule::{Hit, Hits, ResourceCx};
use crate::value::{is_partial, is_unknown, text, truth, Tri};

/// What is found at a dotted property path.
pub(crate) enum Lookup<'n> {
    /// The property (or one of its parents) is absent.
    Missing,
    /// The property, or a parent of it, cannot be known before deployment.
    Unknown(&'n Node),
    /// The property's resolved value.
    Found(&'n Node),
}

/// Follow a dotted path through the resolved properties, stopping at an unknown parent.
pub(crate) fn lookup<'n>(props: &'n Node, path: &str) -> Lookup<'n> {
    let mut cur = props;
    for key in path.split('.') {
        if is_unknown(cur) {
            return Lookup::Unknown(cur);
        }
        match cur.get(key) {
            Some(next) => cur = next,
            None => return Lookup::Missing,
        }
    }
    Lookup::Found(cur)
}

/// The boolean at `path` must be `true` (the "missing or false" shape). An absent property is
/// reported on the logical id, `false` (or a non-boolean) at the value, an unknown value at
/// `info`. `problem` opens each message, e.g. "file system is not encrypted".
pub(crate) fn require_true(cx: &ResourceCx<'_>, hits: &mut Hits, path: &str, problem: &str) -> Tri {
    match lookup(cx.props, path) {
        Lookup::Missing => {
            hits.missing(path, format!("{problem}: `{path}` is not set"));
            Tri::False
        }
        Lookup::Unknown(node) => {
            hits.unknown(node, &format!("`{path}` is true"));
            Tri::Unknown
        }
        Lookup::Found(v) => match truth(v) {
            Tri::True => Tri::True,
            Tri::False => {
                hits.at(v, format!("{problem}: `{path}` is false"));
                Tri::False
            }
            Tri::Unknown if is_unknown(v) => {
                hits.unknown(v, &format!("`{path}` is true"));
                Tri::Unknown
            }
            Tri::Unknown => {
                let shown = text(v).unwrap_or_else(|| "not a boolean".into());
                hits.at(v, format!("{problem}: `{path}` is `{shown}`, not `true`"));
                Tri::False
            }
        },
    }
}

/// An absent property reported on the logical id with a severity other than the rule's default.
pub(crate) fn missing_with(
    cx: &ResourceCx<'_>,
    hits: &mut Hits,
    path: &str,
    severity: Severity,
    message: String,
) {
    hits.push(Hit {
        span: cx.resource.id_span,
        path: Some(format!("Properties.{path}")),
        message,
        unknown: false,
        severity: Some(severity),
    });
}

/// Whether a value names a resource of this template (`Ref X` or `Fn::GetAtt X.Attr`).
pub(super) fn names_template_resource(cx: &ResourceCx<'_>, node: &Node) -> bool {
    let Some(e) = node.single_entry() else {
        return false;
    };
    let target = match e.key.as_str() {
        "Ref" => e.value.as_str(),
        "Fn::GetAtt" => match e.value.as_seq() {
            Some(items) => items.first().and_then(Node::as_str),
            None => e.value.as_str().and_then(|s| s.split('.').next()),
        },
        _ => None,
    };
    target.is_some_and(|id| cx.template.resource(id).is_some())
}

/// Which KMS key a key property selects.
pub(super) enum Key<'n> {
    /// A customer managed key: a key id or ARN, an alias of the account's own, or a key of
    /// this template.
    Customer,
    /// The property is absent: the service's default key (AWS owned or AWS managed) is used.
    Missing,
    /// The property is an empty string (CloudFormation treats it as absent).
    Empty(&'n Node),
    /// An AWS managed key (`alias/aws/<service>`), whose policy the account cannot change.
    AwsManaged(&'n Node, String),
    /// Not known before deployment (a parameter without a value, an import, ...).
    Unknown(&'n Node),
}

/// Classify the key selected at `path`.
pub(super) fn key_at<'n>(cx: &ResourceCx<'_>, props: &'n Node, path: &str) -> Key<'n> {
    match lookup(props, path) {
        Lookup::Missing => Key::Missing,
        Lookup::Unknown(n) => Key::Unknown(n),
        Lookup::Found(n) => classify_key(cx, n),
    }
}

/// Classify a key value.
pub(super) fn classify_key<'n>(cx: &ResourceCx<'_>, node: &'n Node) -> Key<'n> {
    if let Some(t) = text(node) {
        let t = t.trim();
        if t.is_empty() {
            return Key::Empty(node);
        }
        if t.contains("alias/aws/") {
            return Key::AwsManaged(node, t.to_string());
        }
        return Key::Customer;
    }
    if is_partial(node) {
        // `arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/sqs` is still
        // recognisable.
        let s = node.as_str().unwrap_or("");
        if let Some(i) = s.find("alias/aws/") {
            return Key::AwsManaged(node, s.get(i..).unwrap_or(s).to_string());
        }
        return if partial_names_customer_key(cx, s) {
            Key::Customer
        } else {
            Key::Unknown(node)
        };
    }
    if names_template_resource(cx, node) {
        // `!Ref Key`, `!GetAtt Key.Arn`, `!Ref KeyAlias`: keys created by the template are
        // customer managed.
        return Key::Customer;
    }
    Key::Unknown(node)
}

/// Whether a partly known key value (`${...}` placeholders) can only name a customer managed
/// key: its known text names a key id (`...:key/${KeyId}`) or an alias whose name starts with
/// known text (`alias/orders-${Env}`: AWS managed aliases all start `alias/aws/`, a prefix
/// customers cannot use), or a placeholder is a resource of this template (`${QueueKey.Arn}`).
/// A placeholder standing for the whole name (`${KeyArn}`, `alias/${AliasName}`) may be
/// anything, including an AWS managed key.
fn partial_names_customer_key(cx: &ResourceCx<'_>, s: &str) -> bool {
    let mut known = String::new();
    let mut rest = s;
    while let Some(start) = rest.find("${") {
        known.push_str(rest.get(..start).unwrap_or(""));
        let after = rest.get(start + 2..).unwrap_or("");
        let Some(end) = after.find('}') else {
            rest = "";
            break;
        };
        let name = after.get(..end).unwrap_or("");
        let name = name
            .strip_prefix("Ref ")
            .or_else(|| name.strip_prefix("Fn::GetAtt "))
            .unwrap_or(name);
        let id = name.split('.').next().unwrap_or("").trim();
        if cx.template.resource(id).is_some() {
            return true;
        }
        // Mark the placeholder so that `alias/${Name}` is not read as a known alias name.
        known.push('\u{0}');
        rest = after.get(end + 1..).unwrap_or("");
    }
    known.push_str(rest);
    if known.contains("key/") {
        return true;
    }
    known.match_indices("alias/").any(|(i, m)| {
        known
            .get(i + m.len()..)
            .and_then(|tail| tail.chars().next())
            .is_some_and(|c| c != '\u{0}')
    })
}

/// Require a customer managed KMS key at `path`. `subject` names the resource ("log group");
/// `absent` says what protects the data when no key is given and opens the message for that
/// case ("log group is encrypted only with keys owned by CloudWatch Logs"). Returns whether a
/// customer managed key is (or may be) selected.
pub(crate) fn require_cmk(
    cx: &ResourceCx<'_>,
    hits: &mut Hits,
    path: &str,
    subject: &str,
    absent: &str,
) -> bool {
    require_cmk_in(cx, hits, cx.props, path, "", subject, absent)
}

/// [`require_cmk`] below `base` (an item of a list property), `prefix` being the item's path
/// (`ReplicaRegions[0].`); an absent key is then reported at the item.
pub(crate) fn require_cmk_in(
    cx: &ResourceCx<'_>,
    hits: &mut Hits,
    base: &Node,
    path: &str,
    prefix: &str,
    subject: &str,
    absent: &str,
) -> bool {
    let full = format!("{prefix}{path}");
    match key_at(cx, base, path) {
        Key::Customer => true,
        Key::Missing => {
            let message = format!("{absent}: `{full}` is not set");
            if prefix.is_empty() {
                hits.missing(&full, message);
            } else {
                hits.at(base, message);
            }
            false
        }
        Key::Empty(n) => {
            hits.at(n, format!("{absent}: `{full}` is empty"));
            false
        }
        Key::AwsManaged(n, alias) => {
            hits.at(
                n,
                format!(
                    "{subject} uses the AWS managed key `{alias}`, not a customer managed KMS key"
                ),
            );
            false
        }
        Key::Unknown(n) => {
            hits.unknown(n, &format!("`{full}` selects a customer managed KMS key"));
            true
        }
    }
}

/// Encryption copied from a snapshot or a source database: when one of `sources` (property
/// names, in order) is set, the flag of the template does not decide. A source that is a
/// resource of this template is checked on its own (nothing to report); any other source is
/// reported as unknown. Returns whether a source was found.
pub(crate) fn inherited(
    cx: &ResourceCx<'_>,
    hits: &mut Hits,
    sources: &[&str],
    question: &str,
) -> bool {
    for name in sources {
        let Some(src) = cx.prop(name) else {
            continue;
        };
        if text(src).is_some_and(|t| t.trim().is_empty()) {
            continue;
        }
        if !names_template_resource(cx, src) {
            let shown = text(src).unwrap_or_else(|| describe(src));
            hits.push(Hit {
                span: src.span,
                path: None,
                message: format!(
                    "cannot tell whether {question}: it is inherited from `{name}` `{shown}`, which this template does not define"
                ),
                unknown: true,
                severity: None,
            });
        }
        return true;
    }
    false
}

/// The storage-encryption flag of a database: `true` passes; an unknown flag is reported as
/// unknown; otherwise, when the data comes from a snapshot or source database (`sources`), the
/// encryption is inherited; otherwise the flag must be `true`.
pub(super) fn storage_flag(
    cx: &ResourceCx<'_>,
    hits: &mut Hits,
    flag: &str,
    sources: &[&str],
    problem: &str,
    question: &str,
) {
    if let Some(v) = cx.prop(flag) {
        if truth(v) == Tri::True {
            return;
        }
        if is_unknown(v) {
            hits.unknown(v, &format!("`{flag}` is true"));
            return;
        }
    }
    if inherited(cx, hits, sources, question) {
        return;
    }
    require_true(cx, hits, flag, problem);
}

/// The known text of a property, lowercased.
pub(crate) fn lower(node: Option<&Node>) -> Option<String> {
    node.and_then(text).map(|t| t.trim().to_ascii_lowercase())
}
