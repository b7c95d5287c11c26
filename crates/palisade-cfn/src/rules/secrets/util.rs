//! Helpers shared by the `secrets` rules: walking **unresolved** values through `Fn::If` and
//! `AWS::NoValue`, and reading the text of strings and `Fn::Sub` templates into literal text,
//! `${...}` placeholders and `{{resolve:...}}` dynamic references.
//!
//! These rules look at how a value is *supplied* (a literal, a parameter, a dynamic reference),
//! which the resolved properties no longer show, so they work on `cx.resource` nodes.

use std::borrow::Cow;

use palisade_doc::{Node, Value};

use crate::rule::ResourceCx;
use crate::value::is_unknown;

/// The conditions an alternative depends on when `Fn::If` could not be decided (more undecided
/// conditions than the engine enumerates), e.g. "condition `UseSecret` is false".
pub(crate) type Note = Option<String>;

/// Add a condition to a note.
fn with_condition(note: &Note, name: &str, value: bool) -> Note {
    let this = format!("condition `{name}` is {value}");
    Some(match note {
        Some(n) => format!("{n}, {this}"),
        None => this,
    })
}

/// Suffix for a message whose finding holds only in one branch of an undecided `Fn::If`.
pub(crate) fn note_suffix(note: &Note) -> String {
    match note {
        Some(n) => format!(" (when {n})"),
        None => String::new(),
    }
}

/// Whether an unresolved node is an intrinsic function (`Ref`, `Fn::*`) or carries a tag that is
/// not a CloudFormation short form.
pub(crate) fn is_intrinsic(node: &Node) -> bool {
    is_unknown(node)
}

/// The values an unresolved node can take in this scenario: `Fn::If` is decided with the
/// scenario's resolver (both branches, with a note, when it cannot be decided), `AWS::NoValue`
/// yields nothing, and with `maps` an `Fn::FindInMap` is looked up (a value from `Mappings` is
/// written in the template as literally as any other).
pub(crate) fn alternatives<'n>(
    cx: &ResourceCx<'_>,
    node: &'n Node,
    note: &Note,
    maps: bool,
) -> Vec<(Cow<'n, Node>, Note)> {
    let Some(e) = node.single_entry() else {
        return vec![(Cow::Borrowed(node), note.clone())];
    };
    match e.key.as_str() {
        "Ref" if e.value.as_str() == Some("AWS::NoValue") => Vec::new(),
        "Fn::If" => {
            let Some([cond, yes, no]) = e.value.as_seq() else {
                return vec![(Cow::Borrowed(node), note.clone())];
            };
            let Some(name) = cond.as_str() else {
                return vec![(Cow::Borrowed(node), note.clone())];
            };
            match cx.resolver.condition(name, 0) {
                Some(true) => alternatives(cx, yes, note, maps),
                Some(false) => alternatives(cx, no, note, maps),
                None => {
                    let mut out = alternatives(cx, yes, &with_condition(note, name, true), maps);
                    out.extend(alternatives(
                        cx,
                        no,
                        &with_condition(note, name, false),
                        maps,
                    ));
                    out
                }
            }
        }
        "Fn::FindInMap" if maps => match cx.resolver.resolve(node) {
            None => Vec::new(),
            Some(r) if !is_unknown(&r) => vec![(Cow::Owned(r), note.clone())],
            Some(_) => vec![(Cow::Borrowed(node), note.clone())],
        },
        _ => vec![(Cow::Borrowed(node), note.clone())],
    }
}

/// The kind of a dynamic reference, from the service name after `{{resolve:`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DynRef {
    /// `ssm`: a plain `String` parameter, stored unencrypted.
    Ssm,
    /// `ssm-secure`: a `SecureString` parameter.
    SsmSecure,
    /// `secretsmanager`: a Secrets Manager secret.
    SecretsManager,
    /// Any other service name (not one CloudFormation documents).
    Other,
}

/// A piece of a string or an `Fn::Sub` template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Token<'s> {
    /// Literal text (including `${!Literal}` escapes in `Fn::Sub`).
    Text(&'s str),
    /// A `{{resolve:service:...}}` dynamic reference (placeholders inside it belong to it).
    Dynamic(DynRef, &'s str),
    /// A `${Name}` / `${Resource.Attribute}` placeholder of an `Fn::Sub` template (trimmed).
    Placeholder(&'s str),
}

const RESOLVE: &str = "{{resolve:";

/// Split a string into literal text, dynamic references and (for an `Fn::Sub` template, `sub`)
/// `${...}` placeholders. The end of a dynamic reference is the first `}}` outside `${...}`.
pub(crate) fn tokens(s: &str, sub: bool) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    let bytes = s.as_bytes();
    while i < bytes.len() {
        let rest = s.get(i..).unwrap_or("");
        if rest.starts_with(RESOLVE) {
            if let Some(t) = s.get(text_start..i).filter(|t| !t.is_empty()) {
                out.push(Token::Text(t));
            }
            let body_start = i + RESOLVE.len();
            let end = dynamic_end(s, body_start);
            let body = s.get(body_start..end).unwrap_or("");
            let service = body.split(':').next().unwrap_or("");
            let kind = match service {
                "ssm" => DynRef::Ssm,
                "ssm-secure" => DynRef::SsmSecure,
                "secretsmanager" => DynRef::SecretsManager,
                _ => DynRef::Other,
            };
            out.push(Token::Dynamic(kind, service));
            i = (end + 2).min(s.len());
            text_start = i;
            continue;
        }
        if sub && rest.starts_with("${") {
            let Some(close) = rest.find('}') else {
                break;
            };
            let inner = rest.get(2..close).unwrap_or("");
            if inner.starts_with('!') {
                // `${!Literal}` is the literal text `${Literal}`: keep it in the text run.
                i += close + 1;
                continue;
            }
            if let Some(t) = s.get(text_start..i).filter(|t| !t.is_empty()) {
                out.push(Token::Text(t));
            }
            out.push(Token::Placeholder(inner.trim()));
            i += close + 1;
            text_start = i;
            continue;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    if let Some(t) = s.get(text_start..).filter(|t| !t.is_empty()) {
        out.push(Token::Text(t));
    }
    out
}

/// Byte index of the `}}` closing a dynamic reference whose body starts at `from` (skipping
/// `${...}` placeholders inside it), or the end of the string.
fn dynamic_end(s: &str, from: usize) -> usize {
    let mut i = from;
    while i < s.len() {
        let rest = s.get(i..).unwrap_or("");
        if rest.starts_with("${") {
            match rest.find('}') {
                Some(close) => {
                    i += close + 1;
                    continue;
                }
                None => return s.len(),
            }
        }
        if rest.starts_with("}}") {
            return i;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    s.len()
}

/// The text of a plain (unresolved, untagged) scalar: strings, numbers, booleans.
pub(crate) fn plain_text(node: &Node) -> Option<Cow<'_, str>> {
    if node.tag.is_some() {
        return None;
    }
    match &node.value {
        Value::String(_) | Value::Number(_) | Value::Bool(_) => node.scalar_text(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_strings() {
        assert_eq!(tokens("hunter2", false), vec![Token::Text("hunter2")]);
        assert_eq!(tokens("${x}", false), vec![Token::Text("${x}")]);
        assert!(tokens("", false).is_empty());
    }

    #[test]
    fn dynamic_references() {
        assert_eq!(
            tokens("{{resolve:ssm-secure:/db/pw:1}}", false),
            vec![Token::Dynamic(DynRef::SsmSecure, "ssm-secure")]
        );
        assert_eq!(
            tokens("pre{{resolve:ssm:/a}}post", false),
            vec![
                Token::Text("pre"),
                Token::Dynamic(DynRef::Ssm, "ssm"),
                Token::Text("post")
            ]
        );
        assert_eq!(
            tokens("{{resolve:vault:x}}", false),
            vec![Token::Dynamic(DynRef::Other, "vault")]
        );
    }

    #[test]
    fn sub_templates() {
        assert_eq!(
            tokens(
                "{{resolve:secretsmanager:${Secret}:SecretString:password}}",
                true
            ),
            vec![Token::Dynamic(DynRef::SecretsManager, "secretsmanager")]
        );
        assert_eq!(
            tokens("{{resolve:ssm:/${Env}/pw}}", true),
            vec![Token::Dynamic(DynRef::Ssm, "ssm")]
        );
        assert_eq!(
            tokens("u:${User}:${!Lit}:${ Db.Port }", true),
            vec![
                Token::Text("u:"),
                Token::Placeholder("User"),
                Token::Text(":${!Lit}:"),
                Token::Placeholder("Db.Port"),
            ]
        );
    }
}
