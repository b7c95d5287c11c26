//! Questions rules ask of resolved values, with *unknown* as a first-class answer.

use palisade_doc::{Node, Value};

use crate::resolve::{exact_text, PARTIAL_TAG};

/// Three-valued truth: a value that cannot be known before deployment is `Unknown`, never
/// silently true or false.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tri {
    /// Known true.
    True,
    /// Known false.
    False,
    /// Not known before deployment.
    Unknown,
}

/// Whether a resolved node is (at least partly) unknown: an intrinsic left unresolved, a
/// partially known string, or an unrecognised tag.
#[must_use]
pub fn is_unknown(node: &Node) -> bool {
    if node.tag.is_some() {
        return true;
    }
    match node.single_entry() {
        Some(e) => e.key == "Ref" || e.key.starts_with("Fn::") || e.key == "Condition",
        None => false,
    }
}

/// A CloudFormation boolean: `true`/`false` (any case, as strings or YAML booleans).
#[must_use]
pub fn truth(node: &Node) -> Tri {
    if is_unknown(node) {
        return Tri::Unknown;
    }
    match &node.value {
        Value::Bool(true) => Tri::True,
        Value::Bool(false) => Tri::False,
        Value::String(s) if s.eq_ignore_ascii_case("true") => Tri::True,
        Value::String(s) if s.eq_ignore_ascii_case("false") => Tri::False,
        _ => Tri::Unknown,
    }
}

/// The truth of an optional property: absent is `default`.
#[must_use]
pub fn truth_or(node: Option<&Node>, default: bool) -> Tri {
    match node {
        None => {
            if default {
                Tri::True
            } else {
                Tri::False
            }
        }
        Some(n) => truth(n),
    }
}

/// Exact text of a known scalar.
#[must_use]
pub fn text(node: &Node) -> Option<String> {
    exact_text(node)
}

/// A known integer.
#[must_use]
pub fn int(node: &Node) -> Option<i64> {
    exact_text(node).and_then(|t| t.trim().parse().ok())
}

/// Whether a string is partly known (contains `${...}` placeholders).
#[must_use]
pub fn is_partial(node: &Node) -> bool {
    node.tag.as_deref() == Some(PARTIAL_TAG)
}

/// The items of a list property; a single non-list value counts as one item (unknown values too).
#[must_use]
pub fn items(node: &Node) -> Vec<&Node> {
    match &node.value {
        Value::Seq(items) if node.tag.is_none() => items.iter().collect(),
        _ => vec![node],
    }
}

/// Follow a dotted path of map keys (`A.B.C`).
#[must_use]
pub fn path<'n>(node: &'n Node, dotted: &str) -> Option<&'n Node> {
    let mut cur = node;
    for key in dotted.split('.') {
        cur = cur.get(key)?;
    }
    Some(cur)
}

/// A dynamic reference `{{resolve:service:...}}` in a string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DynamicRef {
    /// `{{resolve:ssm:...}}`: plain SSM parameter (not encrypted).
    Ssm,
    /// `{{resolve:ssm-secure:...}}`: SecureString parameter.
    SsmSecure,
    /// `{{resolve:secretsmanager:...}}`.
    SecretsManager,
}

/// The dynamic reference a string consists of or contains, if any.
#[must_use]
pub fn dynamic_reference(s: &str) -> Option<DynamicRef> {
    let i = s.find("{{resolve:")?;
    let rest = s.get(i + "{{resolve:".len()..)?;
    if rest.starts_with("ssm-secure:") {
        Some(DynamicRef::SsmSecure)
    } else if rest.starts_with("secretsmanager:") {
        Some(DynamicRef::SecretsManager)
    } else if rest.starts_with("ssm:") {
        Some(DynamicRef::Ssm)
    } else {
        None
    }
}
