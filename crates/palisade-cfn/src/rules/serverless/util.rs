//! What the serverless rules share: SAM resource types and property names, the resources of
//! the template that take part in a check (usage plans, policies), the text of values that may be
//! partly known, and Palisade's own secret engine for values that look like credentials.

use palisade_doc::Node;
use palisade_secrets::Scratch;

use crate::rule::ResourceCx;
use crate::value::{is_partial, text};

/// The SAM function type (`Transform: AWS::Serverless-2016-10-31`).
pub(crate) const SAM_FUNCTION: &str = "AWS::Serverless::Function";

/// Whether the resource is a SAM function (whose property names differ from
/// `AWS::Lambda::Function`'s in places: `DeadLetterQueue`, `FunctionUrlConfig`).
pub(crate) fn is_sam_function(cx: &ResourceCx<'_>) -> bool {
    cx.resource.ty == SAM_FUNCTION
}

/// "function" or "SAM function", for messages.
pub(crate) fn function_kind(cx: &ResourceCx<'_>) -> &'static str {
    if is_sam_function(cx) {
        "SAM function"
    } else {
        "function"
    }
}

/// The logical id a resolved value names: `Ref X`, `Fn::GetAtt X.Attr` / `[X, Attr]`, or a partly
/// known string that is a single `${X}` / `${X.Attr}` placeholder.
pub(crate) fn named_resource(node: &Node) -> Option<&str> {
    if is_partial(node) {
        let s = node.as_str()?.trim();
        let inner = s.strip_prefix("${")?.strip_suffix('}')?;
        if inner.contains("${") {
            return None;
        }
        return inner.split('.').next().map(str::trim);
    }
    let e = node.single_entry()?;
    match e.key.as_str() {
        "Ref" => e.value.as_str(),
        "Fn::GetAtt" => match e.value.as_seq() {
            Some(items) => items.first().and_then(Node::as_str),
            None => e.value.as_str().and_then(|s| s.split('.').next()),
        },
        _ => None,
    }
}

/// The text of a resolved string that may be partly known (`${...}` placeholders kept as
/// written); `None` for maps, lists and unresolved intrinsics.
pub(crate) fn loose_text(node: &Node) -> Option<String> {
    if is_partial(node) {
        return node.as_str().map(str::to_string);
    }
    text(node)
}

/// Whether a partly known string is made of `${...}` placeholders only (and blanks).
pub(crate) fn only_placeholders(s: &str) -> bool {
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        if !rest.get(..i).unwrap_or("").trim().is_empty() {
            return false;
        }
        let after = rest.get(i + 2..).unwrap_or("");
        match after.find('}') {
            Some(end) => rest = after.get(end + 1..).unwrap_or(""),
            None => return false,
        }
    }
    rest.trim().is_empty()
}

/// `` stage `prod` `` when the stage's name is known, else `the stage`.
pub(crate) fn stage_label(name: Option<&Node>) -> String {
    match name.and_then(text) {
        Some(n) if !n.trim().is_empty() => format!("stage `{}`", n.trim()),
        _ => "the stage".to_string(),
    }
}

/// A credential Palisade's secret engine found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SecretHit {
    /// The secret rule's code (`SEC0001`).
    pub(crate) code: String,
    /// The secret rule's name (`aws-access-key-id`).
    pub(crate) name: String,
    /// 1-based line of the text the secret starts on.
    pub(crate) line: u32,
}

impl SecretHit {
    /// `` `SEC1541` generic-password-assignment `` for messages: the rule, never the secret.
    pub(crate) fn label(&self) -> String {
        format!("`{}` {}", self.code, self.name)
    }
}

/// The credentials the built-in secret rules find in `text`, at the secret scanner's default
/// confidence (medium and above), one per secret.
pub(crate) fn secrets_in(text: &str) -> Vec<SecretHit> {
    let Some(scanner) = palisade_secrets::builtin_scanner() else {
        return Vec::new();
    };
    let mut scratch = Scratch::default();
    scanner
        .scan("", text.as_bytes(), None, &mut scratch)
        .findings
        .into_iter()
        .map(|f| SecretHit {
            code: f.rule,
            name: f.rule_name,
            line: f.location.region.map_or(1, |r| r.start.line),
        })
        .collect()
}

/// The labels of the distinct secret rules among `found`, joined (`` `SEC0001` aws-access-key-id
/// and `SEC1541` generic-password-assignment ``).
pub(crate) fn secret_labels(found: &[SecretHit]) -> String {
    let mut labels: Vec<String> = Vec::new();
    for hit in found {
        let label = hit.label();
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    crate::rules::iam::util::join(&labels)
}

/// Where the unresolved value at `path` of the resource comes from, for messages: `` (the
/// default of parameter `DbPassword`) `` when it is a `Ref` to a parameter, else nothing.
pub(crate) fn parameter_note(cx: &ResourceCx<'_>, path: &[&str]) -> String {
    let mut node = cx.resource.properties;
    for key in path {
        node = node.and_then(|n| n.get(key));
    }
    let param = node
        .and_then(Node::single_entry)
        .filter(|e| e.key == "Ref")
        .and_then(|e| e.value.as_str())
        .and_then(|name| cx.template.parameters.get(name));
    match param {
        Some(p) => format!(" (the value of parameter `{}`)", p.name),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_password_assignment_and_names_only_the_rule() {
        let hits = secrets_in("DB_PASSWORD=Tq8vLw2pZ9xR4mKs");
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert!(!hits[0].label().contains("Tq8v"));
    }

    #[test]
    fn placeholders_only() {
        assert!(only_placeholders("${Origin}"));
        assert!(only_placeholders("${A}${B}"));
        assert!(!only_placeholders("https://${Domain}"));
        assert!(!only_placeholders("*"));
    }

    #[test]
    fn ignores_plain_configuration() {
        assert!(secrets_in("TABLE_NAME=orders-table").is_empty());
        assert!(secrets_in("LOG_LEVEL=debug").is_empty());
    }
}
