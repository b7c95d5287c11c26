//! Helpers shared by the `s3`, `logging` and `network` rules: whether a value that names a
//! destination (a bucket, a key, a log group ARN) is really set, and whether a node refers to
//! another resource of the template.

use palisade_doc::{Node, Value};

use crate::rule::ResourceCx;
use crate::template::Resource;
use crate::value::{is_partial, is_unknown, text, Tri};

/// Whether an **unresolved** node refers to the resource `id` anywhere inside it: `Ref id`,
/// `Fn::GetAtt [id, Attr]` / `Fn::GetAtt id.Attr`, or `${id}` / `${id.Attr}` in an `Fn::Sub`
/// string. Both branches of an `Fn::If` are searched.
pub(crate) fn mentions(node: &Node, id: &str) -> bool {
    let mut todo = vec![node];
    while let Some(n) = todo.pop() {
        match &n.value {
            Value::Map(entries) => {
                if let [e] = entries.as_slice() {
                    match e.key.as_str() {
                        "Ref" if e.value.as_str() == Some(id) => return true,
                        "Fn::GetAtt" => {
                            let target = match &e.value.value {
                                Value::Seq(items) => items.first().and_then(Node::as_str),
                                Value::String(s) => s.split('.').next(),
                                _ => None,
                            };
                            if target == Some(id) {
                                return true;
                            }
                        }
                        "Fn::Sub" => {
                            let template = match &e.value.value {
                                Value::String(s) => Some(s.as_str()),
                                Value::Seq(items) => items.first().and_then(Node::as_str),
                                _ => None,
                            };
                            if template.is_some_and(|t| sub_mentions(t, id)) {
                                return true;
                            }
                        }
                        _ => {}
                    }
                }
                todo.extend(entries.iter().map(|e| &e.value));
            }
            Value::Seq(items) => todo.extend(items.iter()),
            _ => {}
        }
    }
    false
}

/// Whether an `Fn::Sub` template string has a `${id}` or `${id.Attr}` placeholder.
fn sub_mentions(template: &str, id: &str) -> bool {
    let mut rest = template;
    while let Some(i) = rest.find("${") {
        let after = rest.get(i + 2..).unwrap_or("");
        let Some(end) = after.find('}') else {
            return false;
        };
        let name = after.get(..end).unwrap_or("").trim();
        if name == id || name.split('.').next() == Some(id) {
            return true;
        }
        rest = after.get(end + 1..).unwrap_or("");
    }
    false
}

/// The other resources of the template with type `ty`.
pub(crate) fn resources_of<'t>(
    cx: &'t ResourceCx<'_>,
    ty: &'t str,
) -> impl Iterator<Item = &'t Resource<'t>> + 't {
    cx.template
        .resources
        .iter()
        .filter(move |r| r.ty == ty && r.logical_id != cx.id())
}

/// Whether `name` is the logical id of a resource of the template.
fn is_resource(cx: &ResourceCx<'_>, name: &str) -> bool {
    cx.template.resources.iter().any(|r| r.logical_id == name)
}

/// Whether a resolved value that names something (a bucket, a key id, a destination ARN) is
/// really set: a non-empty known text, a reference to a resource, `Fn::GetAtt`,
/// `Fn::ImportValue`, or a partly known string with known text. `Unknown` for a parameter
/// without a value (it may be empty) and other unresolved expressions; `False` for an empty
/// string.
pub(crate) fn is_set(cx: &ResourceCx<'_>, node: &Node) -> Tri {
    if is_partial(node) {
        let s = node.as_str().unwrap_or("");
        let (known, placeholders) = split_placeholders(s);
        let resource_part = placeholders.iter().any(|p| {
            let p = p
                .strip_prefix("Ref ")
                .or_else(|| p.strip_prefix("Fn::GetAtt "))
                .unwrap_or(p);
            is_resource(cx, p.split('.').next().unwrap_or(p))
        });
        return if !known.trim().is_empty() || resource_part {
            Tri::True
        } else {
            Tri::Unknown
        };
    }
    if is_unknown(node) {
        return match node.single_entry() {
            Some(e) if e.key == "Ref" => match e.value.as_str() {
                Some(name) if is_resource(cx, name) || name.starts_with("AWS::") => Tri::True,
                _ => Tri::Unknown,
            },
            Some(e) if e.key == "Fn::GetAtt" || e.key == "Fn::ImportValue" => Tri::True,
            _ => Tri::Unknown,
        };
    }
    match &node.value {
        Value::Null => Tri::False,
        Value::Map(_) | Value::Seq(_) => Tri::True,
        _ => match text(node) {
            Some(t) if t.trim().is_empty() => Tri::False,
            Some(_) => Tri::True,
            None => Tri::Unknown,
        },
    }
}

/// The known text of a partial string (placeholders removed) and the placeholder names.
fn split_placeholders(s: &str) -> (String, Vec<&str>) {
    let mut known = String::new();
    let mut names = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        known.push_str(rest.get(..i).unwrap_or(""));
        let after = rest.get(i + 2..).unwrap_or("");
        let Some(end) = after.find('}') else {
            known.push_str(rest.get(i..).unwrap_or(""));
            return (known, names);
        };
        names.push(after.get(..end).unwrap_or(""));
        rest = after.get(end + 1..).unwrap_or("");
    }
    known.push_str(rest);
    (known, names)
}

/// Join names as `` `A`, `B` and `C` ``.
pub(crate) fn backticked(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_placeholders() {
        assert!(sub_mentions("arn:${AWS::Partition}:s3:::${Logs}/*", "Logs"));
        assert!(sub_mentions("${Logs.Arn}", "Logs"));
        assert!(!sub_mentions("${LogsBucket}", "Logs"));
        assert!(!sub_mentions("${!Logs}", "Logs"));
    }

    #[test]
    fn placeholders_split() {
        let (k, n) = split_placeholders("arn:aws:kms:${AWS::Region}:${Key}");
        assert_eq!(k, "arn:aws:kms::");
        assert_eq!(n, vec!["AWS::Region", "Key"]);
    }

    #[test]
    fn backticks() {
        assert_eq!(backticked(&["A"]), "`A`");
        assert_eq!(backticked(&["A", "B", "C"]), "`A`, `B` and `C`");
    }
}
