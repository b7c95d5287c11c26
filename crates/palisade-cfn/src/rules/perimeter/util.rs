//! Helpers shared by the `perimeter` rules: the other resources of the template (resolved, with
//! the condition they exist under), whether a value of theirs refers to the checked resource,
//! and `info` findings about values that live in those other resources.

use palisade_doc::Node;

use crate::resolve::describe;
use crate::rule::{Hit, Hits, ResourceCx};
use crate::rules::logging::util::mentions;
use crate::value::{is_partial, is_unknown, text, truth, Tri};

/// The position of the checked resource in the template.
pub(crate) fn own_index(cx: &ResourceCx<'_>) -> usize {
    cx.template
        .resources
        .iter()
        .position(|r| r.logical_id == cx.id())
        .unwrap_or(0)
}

/// The resource names of the `${...}` placeholders of a partly known string (`${Api.Arn}` names
/// `Api`).
fn placeholder_targets(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        let after = rest.get(i + 2..).unwrap_or("");
        let Some(end) = after.find('}') else {
            break;
        };
        let name = after.get(..end).unwrap_or("").trim();
        out.push(name.split('.').next().unwrap_or(name));
        rest = after.get(end + 1..).unwrap_or("");
    }
    out
}

/// Whether a resolved value refers to the resource `id` (`Ref id`, `Fn::GetAtt id.Attr`, a
/// `${id}` placeholder). An `Fn::If` the scenario does not decide is `Unknown` when only one
/// branch refers to it. Literal text, parameters and imports cannot name a resource this
/// stack creates, so they are `False`.
pub(crate) fn refers_to(node: &Node, id: &str) -> Tri {
    if is_partial(node) {
        let s = node.as_str().unwrap_or("");
        return if placeholder_targets(s).contains(&id) {
            Tri::True
        } else {
            Tri::False
        };
    }
    if let Some(e) = node.single_entry() {
        if e.key == "Fn::If" {
            if let Some([_, yes, no]) = e.value.as_seq() {
                return match (refers_to(yes, id), refers_to(no, id)) {
                    (Tri::True, Tri::True) => Tri::True,
                    (Tri::False, Tri::False) => Tri::False,
                    _ => Tri::Unknown,
                };
            }
        }
    }
    if is_unknown(node) && mentions(node, id) {
        Tri::True
    } else {
        Tri::False
    }
}

/// Whether some other resource of type `ty` refers to the checked resource in its property
/// `prop` and passes `extra` (a further test of its logical id and properties; `Err` says why
/// it cannot be told).
#[derive(Debug)]
pub(crate) enum Companion {
    /// Yes, in every case.
    Found,
    /// No.
    Missing,
    /// Perhaps: the reason it cannot be told (a clause).
    Maybe(String),
}

/// Look for a companion resource (a flow log for a VPC, a web ACL association for an API).
pub(crate) fn companion(
    cx: &ResourceCx<'_>,
    ty: &str,
    prop: &str,
    extra: &dyn Fn(&str, &Node) -> Result<bool, String>,
) -> Companion {
    let mut maybe: Option<String> = None;
    for o in cx.others(ty) {
        let Some(value) = o.props.get(prop) else {
            continue;
        };
        let names = refers_to(value, cx.id());
        if names == Tri::False {
            continue;
        }
        let passes = match extra(o.resource.logical_id, &o.props) {
            Ok(false) => continue,
            Ok(true) => true,
            Err(why) => {
                maybe.get_or_insert(why);
                false
            }
        };
        if names == Tri::Unknown {
            maybe.get_or_insert(format!(
                "`{prop}` of `{}` is `{}`, which refers to it only in one branch",
                o.resource.logical_id,
                describe(value)
            ));
            continue;
        }
        if !passes {
            continue;
        }
        match o.only_when {
            None => return Companion::Found,
            Some(c) => {
                maybe.get_or_insert(format!(
                    "`{}` exists only when condition `{c}` is true",
                    o.resource.logical_id
                ));
            }
        }
    }
    match maybe {
        Some(why) => Companion::Maybe(why),
        None => Companion::Missing,
    }
}

/// An `info` finding on the logical id: "cannot tell whether `question`: `why`".
pub(crate) fn unknown_here(cx: &ResourceCx<'_>, hits: &mut Hits, question: &str, why: &str) {
    hits.push(Hit {
        span: cx.resource.id_span,
        path: Some(String::new()),
        message: format!("cannot tell whether {question}: {why}"),
        unknown: true,
        severity: None,
    });
}

/// A boolean property that exposes the resource when `true` (`PubliclyAccessible`): `true` is
/// reported at the value as "`problem`: `prop` is true", an unknown value at `info`; `false`
/// and an absent property pass.
pub(crate) fn forbid_true(cx: &ResourceCx<'_>, hits: &mut Hits, prop: &str, problem: &str) {
    let Some(v) = cx.prop(prop) else {
        return;
    };
    match truth(v) {
        Tri::True => hits.at(v, format!("{problem}: `{prop}` is true")),
        Tri::False => {}
        Tri::Unknown => hits.unknown(v, &format!("`{prop}` is true")),
    }
}

/// The known text of a value, trimmed; `Err` is the node when it is not known.
pub(crate) fn known_text(node: &Node) -> Result<String, &Node> {
    if is_unknown(node) {
        return Err(node);
    }
    text(node).map(|t| t.trim().to_string()).ok_or(node)
}

/// A clause saying that `prop` of `who` is not known before deployment.
pub(crate) fn not_known(prop: &str, who: &str, node: &Node) -> String {
    format!(
        "`{prop}` of `{who}` is `{}`, which is not known before deployment",
        describe(node)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        assert_eq!(
            placeholder_targets("arn:${AWS::Partition}:x:${Api.ApiId}/${Stage}"),
            vec!["AWS::Partition", "Api", "Stage"]
        );
        assert!(placeholder_targets("no placeholders").is_empty());
    }
}
