//! Shapes shared by the database rules: a number of days that must reach a minimum, a log type a
//! cluster must export, the engine of an RDS instance, the values of a parameter group and the
//! template resource a property names.

use palisade_doc::{Node, Span, Value};

use crate::resolve::describe;
use crate::rule::{Hit, Hits, ResourceCx};
use crate::template::Resource;
use crate::value::{int, is_unknown, items, text};

use super::super::encryption::util::lower;

/// A value that is known, absent, or not known before deployment.
pub(crate) enum Known<'n, T> {
    /// The property is absent.
    Absent,
    /// The value cannot be known before deployment.
    Unknown(&'n Node),
    /// The value.
    Is(&'n Node, T),
}

/// The `Engine` of the resource, lowercased.
pub(crate) fn engine<'n>(cx: &ResourceCx<'n>) -> Known<'n, String> {
    known_lower(cx, "Engine")
}

/// A text property of the resource, lowercased.
pub(crate) fn known_lower<'n>(cx: &ResourceCx<'n>, prop: &str) -> Known<'n, String> {
    match cx.props.get(prop) {
        None => Known::Absent,
        Some(n) if is_unknown(n) => Known::Unknown(n),
        Some(n) => match lower(Some(n)) {
            Some(t) => Known::Is(n, t),
            None => Known::Unknown(n),
        },
    }
}

/// Whether an `AWS::RDS::DBInstance` belongs to a DB cluster (`DBClusterIdentifier`, or an
/// `aurora*` engine): its backups, authentication and Availability Zones are then settings of
/// the `AWS::RDS::DBCluster`.
pub(crate) fn in_db_cluster(cx: &ResourceCx<'_>) -> bool {
    cx.prop("DBClusterIdentifier").is_some()
        || matches!(engine(cx), Known::Is(_, e) if e.starts_with("aurora"))
}

/// A number of days at `prop` that must be at least `min`; `default` applies when it is absent.
/// `problem` opens each message ("automated backups are disabled").
pub(crate) fn require_at_least(
    cx: &ResourceCx<'_>,
    hits: &mut Hits,
    prop: &str,
    (default, min): (i64, i64),
    problem: &str,
) {
    match cx.prop(prop) {
        None if default < min => hits.missing(
            prop,
            format!("{problem}: `{prop}` is not set (default {default})"),
        ),
        None => {}
        Some(v) if is_unknown(v) => hits.unknown(v, &format!("`{prop}` is at least {min}")),
        Some(v) => match int(v) {
            Some(n) if n >= min => {}
            Some(n) => hits.at(v, format!("{problem}: `{prop}` is {n}")),
            None => hits.at(
                v,
                format!("{problem}: `{prop}` is `{}`, not a number", describe(v)),
            ),
        },
    }
}

/// The list at `prop` must name the log type `wanted` (any case). An absent list is reported on
/// the logical id, a list without it at the list, an unknown list or item at `info`.
pub(crate) fn require_listed(
    cx: &ResourceCx<'_>,
    hits: &mut Hits,
    prop: &str,
    wanted: &str,
    problem: &str,
) {
    let Some(list) = cx.prop(prop) else {
        hits.missing(prop, format!("{problem}: `{prop}` is not set"));
        return;
    };
    let question = format!("`{prop}` includes `{wanted}`");
    if is_unknown(list) {
        hits.unknown(list, &question);
        return;
    }
    let mut unknown = None;
    for item in items(list) {
        if is_unknown(item) {
            unknown.get_or_insert(item);
        } else if text(item).is_some_and(|t| t.trim().eq_ignore_ascii_case(wanted)) {
            return;
        }
    }
    match unknown {
        Some(item) => hits.unknown(item, &question),
        None => hits.at(
            list,
            format!("{problem}: `{prop}` does not include `{wanted}`"),
        ),
    }
}

/// The value of parameter `name` in the `Parameters` map of a (resolved) parameter group.
pub(crate) fn map_param<'n>(props: &'n Node, name: &str) -> Known<'n, String> {
    let Some(params) = props.get("Parameters") else {
        return Known::Absent;
    };
    if is_unknown(params) {
        return Known::Unknown(params);
    }
    let Value::Map(entries) = &params.value else {
        return Known::Unknown(params);
    };
    let Some(e) = entries.iter().find(|e| e.key.eq_ignore_ascii_case(name)) else {
        return Known::Absent;
    };
    match text(&e.value) {
        Some(t) if !is_unknown(&e.value) => Known::Is(&e.value, t.trim().to_string()),
        _ => Known::Unknown(&e.value),
    }
}

/// The resource of this template that a value names with `Ref` (or an `Fn::Sub` of just
/// `${Id}`), when it has type `ty`.
pub(crate) fn referenced<'t>(
    cx: &'t ResourceCx<'_>,
    node: &Node,
    ty: &str,
) -> Option<&'t Resource<'t>> {
    let id = match node.single_entry() {
        Some(e) if e.key == "Ref" => e.value.as_str().map(str::to_string),
        _ => node
            .as_str()
            .filter(|_| is_unknown(node))
            .and_then(|s| s.trim().strip_prefix("${")?.strip_suffix('}'))
            .map(str::to_string),
    }?;
    cx.template
        .resources
        .iter()
        .find(|r| r.logical_id == id && r.ty == ty)
}

/// An `info` finding at `span`: whether `question` holds depends on something this template
/// does not show (`why`). `path` is the JSON path when `span` is the logical id.
pub(crate) fn unknown_because(
    hits: &mut Hits,
    (span, path): (Span, Option<String>),
    question: &str,
    why: &str,
) {
    hits.push(Hit {
        span,
        path,
        message: format!("cannot tell whether {question}: {why}"),
        unknown: true,
        severity: None,
    });
}
