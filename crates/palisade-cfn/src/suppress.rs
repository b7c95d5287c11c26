//! Suppressions in resource `Metadata`: ours, and the cfn_nag and checkov forms, through each
//! rule's cross-references. Misspelt keys, unknown ids and missing reasons are reported.

use palisade_core::{RuleMeta, Span, Tool, Xref};
use palisade_doc::Node;

use crate::known_ids::{is_cfn_nag_id, is_checkov_id};

/// Who a suppression entry names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A Palisade rule code or name.
    Own(String),
    /// A cfn_nag id (`W9`).
    CfnNag(String),
    /// A checkov id (`CKV_AWS_20`).
    Checkov(String),
}

/// One valid suppression.
#[derive(Clone, Debug)]
pub struct Suppression {
    /// The rule(s) it names.
    pub target: Target,
    /// Why.
    pub reason: String,
}

/// A problem in the suppression metadata.
#[derive(Clone, Debug)]
pub struct Problem {
    /// Where.
    pub span: Span,
    /// What.
    pub message: String,
}

/// Suppressions of one resource.
#[derive(Clone, Debug, Default)]
pub struct Suppressions {
    /// The valid entries.
    pub entries: Vec<Suppression>,
    /// Everything wrong with the metadata.
    pub problems: Vec<Problem>,
}

impl Suppressions {
    /// Whether a finding of `rule` is suppressed.
    #[must_use]
    pub fn covers(&self, rule: &RuleMeta) -> bool {
        self.covers_with(rule, None)
    }

    /// Whether a finding of `rule` is suppressed, when the finding answers only to `xrefs` of
    /// the rule's cross-references (`None`: to all of them).
    #[must_use]
    pub fn covers_with(&self, rule: &RuleMeta, xrefs: Option<&[Xref]>) -> bool {
        let xrefs = xrefs.unwrap_or(&rule.xrefs);
        self.entries.iter().any(|s| matches(&s.target, rule, xrefs))
    }
}

fn matches(target: &Target, rule: &RuleMeta, xrefs: &[Xref]) -> bool {
    let has = |tool: Tool, id: &str| xrefs.iter().any(|x| x.tool == tool && x.id == id);
    match target {
        Target::Own(id) => id.eq_ignore_ascii_case(&rule.code) || *id == rule.name,
        Target::CfnNag(id) => has(Tool::CfnNag, id),
        Target::Checkov(id) => has(Tool::Checkov, id),
    }
}

/// checkov's inline form, a YAML comment anywhere in the resource's lines (from its logical id
/// to its last line): `# checkov:skip=CKV_AWS_20:the reason`. Ids checkov does not have are
/// ignored, as checkov ignores them.
#[must_use]
pub fn inline_checkov(text: &str, start: u32, end: u32) -> Vec<Suppression> {
    const MARK: &str = "checkov:skip=";
    let (start, end) = (start as usize, (end as usize).min(text.len()));
    let Some(block) = text.get(start..end) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for line in block.lines() {
        let Some(hash) = line.find('#') else {
            continue;
        };
        let comment = line.get(hash + 1..).unwrap_or("").trim_start();
        let Some(rest) = comment.strip_prefix(MARK) else {
            continue;
        };
        let (id, reason) = rest.split_once(':').unwrap_or((rest, ""));
        let id = id.trim();
        if is_checkov_id(id) {
            out.push(Suppression {
                target: Target::Checkov(id.to_string()),
                reason: reason.trim().to_string(),
            });
        }
    }
    out
}

/// Parse a resource's `Metadata`; `is_rule` says whether a code or name is a Palisade rule.
#[must_use]
pub fn parse(metadata: Option<&Node>, is_rule: &dyn Fn(&str) -> bool) -> Suppressions {
    let mut out = Suppressions::default();
    let Some(md) = metadata.and_then(Node::as_map) else {
        return out;
    };
    for e in md {
        let lower = e.key.to_ascii_lowercase();
        match e.key.as_str() {
            "palisade" => form(
                &mut out,
                &e.value,
                "palisade",
                "suppress",
                "reason",
                &|id| {
                    if is_rule(id) {
                        Some(Target::Own(id.to_string()))
                    } else {
                        None
                    }
                },
            ),
            "cfn_nag" => form(
                &mut out,
                &e.value,
                "cfn_nag",
                "rules_to_suppress",
                "reason",
                &|id| is_cfn_nag_id(id).then(|| Target::CfnNag(id.to_string())),
            ),
            "checkov" => form(&mut out, &e.value, "checkov", "skip", "comment", &|id| {
                is_checkov_id(id).then(|| Target::Checkov(id.to_string()))
            }),
            _ if lower != e.key && matches!(lower.as_str(), "palisade" | "cfn_nag" | "checkov")
                || matches!(
                    lower.as_str(),
                    "cfn-nag" | "cfnnag" | "palisades" | "checkhov"
                ) =>
            {
                out.problems.push(Problem {
                    span: e.key_span,
                    message: format!(
                        "metadata key `{}` looks like a misspelt suppression key and is ignored",
                        e.key
                    ),
                });
            }
            _ => {}
        }
    }
    out
}

fn form(
    out: &mut Suppressions,
    node: &Node,
    tool: &str,
    list_key: &str,
    reason_key: &str,
    resolve: &dyn Fn(&str) -> Option<Target>,
) {
    let Some(map) = node.as_map() else {
        out.problems.push(Problem {
            span: node.span,
            message: format!("`{tool}` metadata must be a mapping with a `{list_key}` list"),
        });
        return;
    };
    for e in map {
        if e.key != list_key {
            out.problems.push(Problem {
                span: e.key_span,
                message: format!(
                    "unknown key `{}` in `{tool}` metadata (expected `{list_key}`): its suppressions are ignored",
                    e.key
                ),
            });
            continue;
        }
        let Some(items) = e.value.as_seq() else {
            out.problems.push(Problem {
                span: e.value.span,
                message: format!("`{tool}.{list_key}` must be a list"),
            });
            continue;
        };
        for item in items {
            entry(out, item, tool, reason_key, resolve);
        }
    }
}

fn entry(
    out: &mut Suppressions,
    item: &Node,
    tool: &str,
    reason_key: &str,
    resolve: &dyn Fn(&str) -> Option<Target>,
) {
    let Some(map) = item.as_map() else {
        out.problems.push(Problem {
            span: item.span,
            message: format!(
                "a `{tool}` suppression must be a mapping with `id` and `{reason_key}`"
            ),
        });
        return;
    };
    let mut ok = true;
    for e in map {
        if e.key != "id" && e.key != reason_key {
            out.problems.push(Problem {
                span: e.key_span,
                message: format!(
                    "unknown key `{}` in a `{tool}` suppression (expected `id` and `{reason_key}`)",
                    e.key
                ),
            });
            ok = false;
        }
    }
    let id = item
        .get("id")
        .and_then(Node::scalar_text)
        .map(|t| t.trim().to_string());
    let reason = item
        .get(reason_key)
        .and_then(Node::scalar_text)
        .map(|t| t.trim().to_string())
        .filter(|r| !r.is_empty());
    let Some(id) = id else {
        out.problems.push(Problem {
            span: item.span,
            message: format!("a `{tool}` suppression has no `id`"),
        });
        return;
    };
    let Some(target) = resolve(&id) else {
        out.problems.push(Problem {
            span: item.get("id").map_or(item.span, |n| n.span),
            message: format!("`{id}` is not a known {tool} rule id: the suppression does nothing"),
        });
        return;
    };
    let reason = match reason {
        Some(r) => r,
        // cfn_nag and checkov accept suppressions without a reason; we honour them as they do.
        None if tool != "palisade" => String::new(),
        None => {
            out.problems.push(Problem {
                span: item.span,
                message: format!(
                    "suppression of `{id}` has no `{reason_key}`: a reason is required"
                ),
            });
            return;
        }
    };
    if ok || tool != "palisade" {
        out.entries.push(Suppression { target, reason });
    }
}
