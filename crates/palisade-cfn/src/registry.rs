//! The rule registry: built once from the one list in `rules/mod.rs`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use palisade_core::RuleMeta;

use crate::rule::{Decl, Rule};

/// Every template rule, indexed.
#[derive(Debug)]
pub struct Registry {
    /// The rules, in registration order.
    pub rules: Vec<&'static dyn Rule>,
    /// Their metadata (same order), docs cleaned of the doc-comment indentation.
    pub meta: Vec<RuleMeta>,
    /// Rule indices by resource type.
    pub by_type: HashMap<&'static str, Vec<usize>>,
    /// Rules that run on every resource.
    pub any_type: Vec<usize>,
}

/// Text appended to a rule's docs when it does not describe unknown values itself.
const UNKNOWN_DEFAULT: &str = "\n## Unknown values\n\nWhen the deciding value cannot be known before deployment (an unresolved `Ref`, `Fn::GetAtt`, `Fn::ImportValue`, a parameter without a value, or an `Fn::If` on more conditions than are enumerated), the rule neither passes nor fails silently: it reports an `info` finding naming the unresolved value.\n";

impl Registry {
    fn build() -> Self {
        let rules: Vec<&'static dyn Rule> = crate::rules::GROUPS
            .iter()
            .flat_map(|g| g.iter().copied())
            .collect();
        let mut by_type: HashMap<&'static str, Vec<usize>> = HashMap::new();
        let mut any_type = Vec::new();
        let mut meta = Vec::with_capacity(rules.len());
        for (i, r) in rules.iter().enumerate() {
            let d = r.decl();
            if d.types.is_empty() {
                any_type.push(i);
            }
            for t in d.types {
                by_type.entry(*t).or_default().push(i);
            }
            meta.push(to_meta(d));
        }
        Self {
            rules,
            meta,
            by_type,
            any_type,
        }
    }

    /// Whether `id` is a rule code (any case) or name: a template rule, or an IAM policy check
    /// (those run on every policy of a template and honour the resource's suppressions).
    #[must_use]
    pub fn is_rule(&self, id: &str) -> bool {
        self.meta
            .iter()
            .chain(palisade_iam::lint::rule_meta())
            .any(|m| m.code.eq_ignore_ascii_case(id) || m.name == id)
    }
}

fn to_meta(d: &'static Decl) -> RuleMeta {
    let mut docs: String = d
        .docs
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    if !docs.contains("## Unknown values") {
        docs.push_str(UNKNOWN_DEFAULT);
    }
    RuleMeta {
        code: Cow::Borrowed(d.code),
        name: Cow::Borrowed(d.name),
        severity: d.severity,
        summary: Cow::Borrowed(d.summary),
        docs: Cow::Owned(docs),
        group: Cow::Borrowed(d.group),
        xrefs: Cow::Borrowed(d.xrefs),
        resource_types: d.types.iter().map(|t| Cow::Borrowed(*t)).collect(),
    }
}

static REGISTRY: LazyLock<Registry> = LazyLock::new(Registry::build);

/// The registry.
#[must_use]
pub fn registry() -> &'static Registry {
    &REGISTRY
}

/// Metadata of every template rule.
#[must_use]
pub fn rule_meta() -> &'static [RuleMeta] {
    &registry().meta
}
