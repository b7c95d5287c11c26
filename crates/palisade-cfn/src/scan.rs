//! Scanning one file: parse, recognise, resolve per scenario, run rules, aggregate, suppress.

use std::collections::{BTreeMap, HashMap, HashSet};

use palisade_core::config::Config;
use palisade_core::{Finding, InputError, LineIndex, Location, RuleMeta, Severity, Span};
use palisade_doc::{Format, Node, Value};

use crate::registry::registry;
use crate::resolve::{Base, ParameterValues, Resolver};
use crate::rule::Rule;
use crate::rule::{Hits, ResourceCx};
use crate::suppress;
use crate::template::{is_template, Resource, Template};

/// Largest file read as a template (bytes); larger files get one clear error.
pub const MAX_FILE_SIZE: usize = 10 * 1024 * 1024;

/// At most this many undecided conditions are enumerated per resource (2^N scenarios);
/// `Fn::If`s on further conditions stay unknown.
pub const MAX_SCENARIO_CONDITIONS: usize = 6;

/// Options of a scan.
#[derive(Debug, Default)]
pub struct ScanOptions {
    /// Parameter values from `--parameters`.
    pub parameters: ParameterValues,
    /// Configuration (rule selection and severity overrides).
    pub config: Config,
    /// Custom rules from `--rules DIR` (run after the built-in ones).
    pub custom: Vec<crate::custom::CustomRule>,
    /// Which rules `config` enables, worked out once per run (leave it to `Default`).
    pub enabled: Enabled,
}

/// Which built-in template rules and IAM policy checks a configuration enables, computed on
/// first use and shared by every file of the run (selectors are matched once, not per file).
#[derive(Debug, Default)]
pub struct Enabled {
    templates: std::sync::OnceLock<Vec<bool>>,
    policies: std::sync::OnceLock<HashMap<String, bool>>,
}

impl ScanOptions {
    /// Whether the built-in template rules are enabled, by registry index.
    pub(crate) fn template_rules_enabled(&self) -> &[bool] {
        self.enabled.templates.get_or_init(|| {
            registry()
                .meta
                .iter()
                .map(|m| self.config.enabled(m))
                .collect()
        })
    }

    /// Whether the IAM policy check `code` is enabled (codes that are not IAM checks are).
    pub(crate) fn policy_check_enabled(&self, code: &str) -> bool {
        let map = self.enabled.policies.get_or_init(|| {
            palisade_iam::lint::rule_meta()
                .iter()
                .map(|m| (m.code.to_string(), self.config.enabled(m)))
                .collect()
        });
        map.get(code).copied().unwrap_or(true)
    }
}

/// The outcome for one file.
#[derive(Debug, Default)]
pub struct FileOutcome {
    /// Findings (suppressed ones removed).
    pub findings: Vec<Finding>,
    /// Parse errors and other input problems.
    pub errors: Vec<InputError>,
    /// Whether the file was recognised as a template.
    pub is_template: bool,
    /// How many findings inline suppressions removed.
    pub suppressed: usize,
}

/// Scan one file's text. `path` is used in locations; `format` from the extension or [`palisade_doc::sniff`].
#[must_use]
pub fn scan_text(path: &str, text: &str, format: Format, opts: &ScanOptions) -> FileOutcome {
    let mut out = FileOutcome::default();
    let index = LineIndex::new(text);
    let region = |span: Span| palisade_core::region(text, &index, span);
    let push_errors = |out: &mut FileOutcome, errors: Vec<palisade_doc::DocError>| {
        for e in errors {
            out.errors.push(InputError {
                path: path.to_string(),
                message: e.message,
                region: Some(region(e.span)),
                help: e.help,
            });
        }
    };
    if text.len() > MAX_FILE_SIZE {
        out.errors.push(InputError {
            path: path.to_string(),
            message: format!(
                "file is larger than {} MiB and was not scanned",
                MAX_FILE_SIZE / (1024 * 1024)
            ),
            region: None,
            help: Some(
                "CloudFormation accepts templates of at most 1 MB (S3) or 51,200 bytes (inline)"
                    .into(),
            ),
        });
        out.is_template = true;
        return out;
    }
    let parsed = palisade_doc::parse(text, format);
    let looks_like_template =
        text.contains("AWSTemplateFormatVersion") || text.contains("Resources");
    let Some(root) = parsed.root else {
        if looks_like_template {
            out.is_template = true;
            for e in parsed.errors {
                out.errors.push(InputError {
                    path: path.to_string(),
                    message: format!("cannot parse {format}: {}", e.message),
                    region: Some(region(e.span)),
                    help: e.help,
                });
            }
        }
        return out;
    };
    if !is_template(&root) {
        if let Some(node) = crate::policy_lint::policy_node(&root) {
            out.is_template = true;
            push_errors(&mut out, parsed.errors);
            crate::policy_lint::lint_policy_file(path, text, node, opts, &mut out);
            out.findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        }
        return out;
    }
    out.is_template = true;
    push_errors(&mut out, parsed.errors);
    let (transformed, transform_errors) = crate::transform::apply(&root, &opts.parameters);
    for e in transform_errors {
        out.errors.push(InputError {
            path: path.to_string(),
            message: e.message,
            region: Some(region(e.span)),
            help: None,
        });
    }
    let root = transformed.unwrap_or(root);
    let template = Template::new(&root);
    let base = Base::new(&template, &opts.parameters);
    let reg = registry();
    let enabled = opts.template_rules_enabled();
    let mut active: Vec<Active<'_>> = reg
        .rules
        .iter()
        .zip(&reg.meta)
        .zip(enabled)
        .filter(|(_, on)| **on)
        .map(|(rm, _)| rm)
        .map(|(r, meta)| Active {
            rule: Runner::Builtin(*r),
            meta,
        })
        .collect();
    active.extend(
        opts.custom
            .iter()
            .filter(|c| opts.config.enabled(c.meta()))
            .map(|c| Active {
                rule: Runner::Custom(c),
                meta: c.meta(),
            }),
    );
    // Registry index -> index in `active`, so resources find their rules through the
    // registry's by-type index rather than by testing every rule.
    let mut slot: Vec<Option<usize>> = vec![None; reg.rules.len()];
    let mut next = 0;
    for (i, on) in enabled.iter().enumerate() {
        if *on {
            if let Some(s) = slot.get_mut(i) {
                *s = Some(next);
            }
            next += 1;
        }
    }
    let custom_from = next;
    let rules_for = |ty: &str| -> Vec<usize> {
        let typed = reg.by_type.get(ty).map(Vec::as_slice).unwrap_or(&[]);
        let mut v: Vec<usize> = typed
            .iter()
            .chain(&reg.any_type)
            .filter_map(|i| slot.get(*i).copied().flatten())
            .collect();
        v.extend(
            (custom_from..active.len())
                .filter(|i| active.get(*i).is_some_and(|a| a.applies_to(ty))),
        );
        v.sort_unstable();
        v
    };
    let is_rule = |id: &str| {
        reg.is_rule(id)
            || opts
                .custom
                .iter()
                .any(|c| c.meta().code == id || c.meta().name == id)
    };
    for res in &template.resources {
        scan_resource(
            path, text, &base, res, &active, &rules_for, &is_rule, opts, &region, &mut out,
        );
    }
    crate::policy_lint::lint_template(path, text, &template, opts, &mut out);
    // Source order, whatever order the rules reported in.
    out.findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out
}

/// An enabled rule (built-in or custom) with its metadata.
struct Active<'a> {
    rule: Runner<'a>,
    meta: &'a RuleMeta,
}

#[derive(Clone, Copy)]
enum Runner<'a> {
    Builtin(&'a dyn Rule),
    Custom(&'a crate::custom::CustomRule),
}

impl Active<'_> {
    fn applies_to(&self, ty: &str) -> bool {
        match self.rule {
            Runner::Builtin(r) => {
                let types = r.decl().types;
                types.is_empty() || types.contains(&ty)
            }
            Runner::Custom(_) => self.meta.resource_types.iter().any(|t| t == ty),
        }
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        match self.rule {
            Runner::Builtin(r) => r.check(cx, hits),
            Runner::Custom(c) => c.check(cx, hits),
        }
    }
}

/// The undecided conditions a resource depends on (its `Condition` and every `Fn::If` in it).
fn undecided_conditions(base: &Base<'_, '_>, res: &Resource<'_>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut add = |n: &str| {
        if base.decided(n).is_none()
            && base.template.conditions.contains_key(n)
            && !names.iter().any(|x| x == n)
        {
            names.push(n.to_string());
        }
    };
    if let Some(c) = res.condition {
        add(c);
    }
    let mut todo: Vec<&Node> = res.properties.into_iter().collect();
    while let Some(n) = todo.pop() {
        match &n.value {
            Value::Map(entries) => {
                if let [e] = entries.as_slice() {
                    if e.key == "Fn::If" {
                        if let Some(c) = e
                            .value
                            .as_seq()
                            .and_then(|s| s.first())
                            .and_then(Node::as_str)
                        {
                            add(c);
                        }
                    }
                }
                todo.extend(entries.iter().map(|e| &e.value));
            }
            Value::Seq(items) => todo.extend(items.iter()),
            _ => {}
        }
    }
    names.truncate(MAX_SCENARIO_CONDITIONS);
    names
}

/// Every consistent assignment of the undecided conditions.
fn scenarios<'b, 't, 'a>(base: &'b Base<'t, 'a>, names: &[String]) -> Vec<Resolver<'b, 't, 'a>> {
    let n = names.len();
    let mut out = Vec::new();
    for bits in 0u32..(1u32 << n) {
        let assign: HashMap<String, bool> = names
            .iter()
            .enumerate()
            .map(|(i, c)| (c.clone(), bits & (1 << i) != 0))
            .collect();
        // Drop contradictory assignments: a condition whose definition, given the others,
        // decides a different value (e.g. `IsProd` true and `IsNotProd = !Not [IsProd]` true).
        let consistent = names.iter().all(|c| {
            let mut others = assign.clone();
            let mine = others.remove(c);
            let r = base.scenario(others);
            match (base.template.conditions.get(c.as_str()), mine) {
                (Some(def), Some(v)) => r.eval_condition(def, 1).is_none_or(|d| d == v),
                _ => true,
            }
        });
        if consistent {
            out.push(base.scenario(assign));
        }
    }
    if out.is_empty() {
        out.push(base.resolver());
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn scan_resource(
    path: &str,
    text: &str,
    base: &Base<'_, '_>,
    res: &Resource<'_>,
    active: &[Active<'_>],
    rules_for: &dyn Fn(&str) -> Vec<usize>,
    is_rule: &dyn Fn(&str) -> bool,
    opts: &ScanOptions,
    region: &dyn Fn(Span) -> palisade_core::Region,
    out: &mut FileOutcome,
) {
    if let Some(c) = res.condition {
        if base.decided(c) == Some(false) {
            return;
        }
    }
    let rules = rules_for(res.ty);
    if rules.is_empty() {
        return;
    }
    let names = undecided_conditions(base, res);
    let scen = scenarios(base, &names);
    let total = scen.len();
    // (rule index, path, message, unknown) -> (span, severity override, scenarios it appeared in)
    #[allow(clippy::type_complexity)]
    let mut seen: BTreeMap<
        (usize, String, String, bool),
        (
            Span,
            Option<Severity>,
            Vec<usize>,
            Option<Vec<palisade_core::Xref>>,
        ),
    > = BTreeMap::new();
    let empty = Node::new(res.id_span, Value::Map(Vec::new()));
    for (si, resolver) in scen.iter().enumerate() {
        if let Some(c) = res.condition {
            if resolver.condition(c, 0) == Some(false) {
                continue;
            }
        }
        let props = match res.properties {
            Some(p) => resolver.resolve(p).unwrap_or_else(|| empty.clone()),
            None => empty.clone(),
        };
        let cx = ResourceCx {
            template: base.template,
            resource: res,
            props: &props,
            resolver,
        };
        for &ri in &rules {
            let Some(rule) = active.get(ri) else {
                continue;
            };
            let mut hits = Hits::new(res.id_span);
            rule.check(&cx, &mut hits);
            let mut narrowed = hits.narrowed;
            for (hi, h) in hits.items.into_iter().enumerate() {
                let p = h.path.unwrap_or_else(|| {
                    json_path(&props, h.span).unwrap_or_else(|| "Properties".into())
                });
                let xrefs = narrowed
                    .iter_mut()
                    .find(|(i, _)| *i == hi)
                    .map(|(_, x)| std::mem::take(x));
                let entry = seen.entry((ri, p, h.message, h.unknown)).or_insert((
                    h.span,
                    h.severity,
                    Vec::new(),
                    xrefs,
                ));
                if !entry.2.contains(&si) {
                    entry.2.push(si);
                }
            }
        }
    }
    let mut sup = suppress::parse(res.metadata, is_rule);
    sup.entries.extend(suppress::inline_checkov(
        text,
        res.id_span.start,
        res.node.span.end,
    ));
    for ((ri, jpath, message, unknown), (span, hit_sev, in_scen, xrefs)) in seen {
        let Some(&Active { meta, .. }) = active.get(ri) else {
            continue;
        };
        let narrowed: Vec<String> = xrefs
            .as_deref()
            .unwrap_or(&[])
            .iter()
            .map(|x| format!("{}:{}", x.tool.as_str(), x.id))
            .collect();
        if sup.covers_with(meta, xrefs.as_deref()) {
            out.suppressed += 1;
            continue;
        }
        let conditions = if in_scen.len() == total {
            Vec::new()
        } else {
            describe_conditions(&names, &scen, &in_scen)
        };
        let severity = if unknown {
            Severity::Info
        } else if opts.config.overrides(meta) {
            opts.config.severity_of(meta)
        } else {
            hit_sev.unwrap_or(meta.severity)
        };
        let json_path = if jpath.is_empty() {
            format!("Resources.{}", res.logical_id)
        } else {
            format!("Resources.{}.{}", res.logical_id, jpath)
        };
        out.findings.push(
            Finding {
                rule: meta.code.to_string(),
                rule_name: meta.name.to_string(),
                severity,
                message,
                location: Location {
                    path: path.to_string(),
                    region: Some(region(span)),
                    resource: Some(res.logical_id.to_string()),
                    resource_type: Some(res.ty.to_string()),
                    json_path: Some(json_path),
                },
                conditions,
                evidence: None,
                confidence: None,
                provenance: None,
                xrefs: narrowed,
                fingerprint: String::new(),
            }
            .with_fingerprint(),
        );
    }
}

/// Say which condition values a finding depends on: for each enumerated condition, the value it
/// has in every scenario where the finding appeared, when that differs in some other scenario.
fn describe_conditions(
    names: &[String],
    scen: &[Resolver<'_, '_, '_>],
    hit: &[usize],
) -> Vec<String> {
    let hit_set: HashSet<usize> = hit.iter().copied().collect();
    let mut out = Vec::new();
    for c in names {
        let vals: HashSet<bool> = hit
            .iter()
            .filter_map(|i| scen.get(*i).and_then(|r| r.assignments().get(c).copied()))
            .collect();
        if vals.len() != 1 {
            continue;
        }
        let Some(v) = vals.into_iter().next() else {
            continue;
        };
        let differs = scen
            .iter()
            .enumerate()
            .any(|(i, r)| !hit_set.contains(&i) && r.assignments().get(c).copied() == Some(!v));
        if differs {
            out.push(format!("condition `{c}` is {v}"));
        }
    }
    if out.is_empty() {
        out.push(format!(
            "only in some combinations of conditions {}",
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    out
}

/// The JSON path (`Properties.A.B[2].C`) of the shallowest node with exactly this span (an
/// unresolved intrinsic and its argument share the span of the tagged node).
#[must_use]
pub fn json_path(props: &Node, span: Span) -> Option<String> {
    if props.span == span && !props.is_map() {
        return Some("Properties".into());
    }
    let mut best: Option<String> = None;
    let mut todo: Vec<(&Node, String)> = vec![(props, "Properties".to_string())];
    while let Some((n, p)) = todo.pop() {
        if n.span == span && best.as_ref().is_none_or(|b| p.len() < b.len()) {
            best = Some(p.clone());
        }
        if n.span.start > span.start || n.span.end < span.end {
            continue;
        }
        match &n.value {
            Value::Map(entries) => {
                for e in entries {
                    todo.push((&e.value, format!("{p}.{}", e.key)));
                }
            }
            Value::Seq(items) => {
                for (i, it) in items.iter().enumerate() {
                    todo.push((it, format!("{p}[{i}]")));
                }
            }
            _ => {}
        }
    }
    best
}
