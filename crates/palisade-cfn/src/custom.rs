//! Custom template rules without Rust: property checks declared in YAML
//! (`docs/writing-custom-rules.md`, schema `docs/schemas/template-rules.schema.json`), loaded
//! with `palisade scan --rules DIR`.
//!
//! A file is a mapping with one key, `template_rules:`, a list of rules. Each rule names resource
//! types and a `check` a compliant resource satisfies: a property path and one operator, or
//! `all` / `any` / `not` over checks. A resource that does not satisfy it gets a finding at the
//! offending value (or at its logical id when the property is absent); a value not known before
//! deployment gets an `info` finding, never a silent pass.
//!
//! Rule files are untrusted input: every problem is an error naming the file, line and column,
//! and the rules that are well formed still run.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;

use palisade_core::{InputError, LineIndex, RuleMeta, Severity, Span};
use palisade_doc::{Format, Node, Value};
use regex::Regex;

use crate::rule::{Hits, ResourceCx};
use crate::value::{is_unknown, text};

/// The top-level key of a template rule file.
pub const FILE_KEY: &str = "template_rules";

/// Code prefixes reserved for built-in rules.
const RESERVED_PREFIXES: [&str; 3] = ["CFN", "IAM", "SEC"];

/// Longest accepted `matches` pattern (bytes) and compiled size, against hostile rule files.
const MAX_PATTERN_LEN: usize = 4096;
const MAX_REGEX_SIZE: usize = 1 << 20;

/// Deepest nesting of `all` / `any` / `not`.
const MAX_DEPTH: usize = 16;

/// A loaded custom rule.
#[derive(Debug)]
pub struct CustomRule {
    meta: RuleMeta,
    message: String,
    check: Check,
}

impl CustomRule {
    /// The rule's metadata (for listings and reports).
    #[must_use]
    pub fn meta(&self) -> &RuleMeta {
        &self.meta
    }
}

#[derive(Debug)]
enum Check {
    All(Vec<Check>),
    Any(Vec<Check>),
    Not(Box<Check>),
    Leaf(Leaf),
}

#[derive(Debug)]
struct Leaf {
    path: Vec<Seg>,
    path_text: String,
    op: Op,
    /// With `[*]` in the path: whether every item (default) or one item must satisfy the operator.
    each_any: bool,
    /// An absent property satisfies the operator (default: it does not).
    missing_passes: bool,
}

#[derive(Debug, Clone)]
enum Seg {
    Key(String),
    Index(usize),
    Each,
}

#[derive(Debug)]
enum Op {
    Exists(bool),
    Equals(String),
    NotEquals(String),
    OneOf(Vec<String>),
    NotOneOf(Vec<String>),
    Matches(Regex),
    NotMatches(Regex),
    Cmp(Cmp, f64),
}

#[derive(Debug, Clone, Copy)]
enum Cmp {
    Gt,
    Gte,
    Lt,
    Lte,
}

impl Cmp {
    fn holds(self, a: f64, b: f64) -> bool {
        match self {
            Cmp::Gt => a > b,
            Cmp::Gte => a >= b,
            Cmp::Lt => a < b,
            Cmp::Lte => a <= b,
        }
    }

    fn word(self) -> &'static str {
        match self {
            Cmp::Gt => "greater than",
            Cmp::Gte => "at least",
            Cmp::Lt => "less than",
            Cmp::Lte => "at most",
        }
    }
}

const OPERATORS: [&str; 12] = [
    "exists",
    "equals",
    "not_equals",
    "one_of",
    "not_one_of",
    "matches",
    "not_matches",
    "gt",
    "gte",
    "lt",
    "lte",
    "each",
];

// ---------------------------------------------------------------------------------------------
// Loading

/// Problems found loading rule files, as input errors.
type Errors = Vec<InputError>;

struct Loader<'t> {
    path: &'t str,
    text: &'t str,
    index: LineIndex,
    errors: Errors,
}

impl Loader<'_> {
    fn error(&mut self, span: Span, message: impl Into<String>) {
        self.errors.push(InputError {
            path: self.path.to_string(),
            message: message.into(),
            region: Some(palisade_core::region(self.text, &self.index, span)),
            help: Some("see docs/writing-custom-rules.md".into()),
        });
    }
}

/// Load every `*.yaml` / `*.yml` file of `dir` that declares `template_rules:`. Files without
/// that key (secret rule files, which declare `rules:`) are left to their own loader.
#[must_use]
pub fn load_dir(dir: &Path) -> (Vec<CustomRule>, Vec<InputError>) {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    let files = match palisade_core::rule::rule_files(dir) {
        Ok(f) => f,
        Err(e) => {
            errors.push(InputError {
                path: dir.display().to_string(),
                message: format!("cannot read rule directory: {e}"),
                region: None,
                help: None,
            });
            return (rules, errors);
        }
    };
    for (p, text) in files {
        let shown = p.display().to_string();
        match text {
            Ok(text) if declares_template_rules(&text) => {
                let (r, e) = parse_file(&shown, &text);
                rules.extend(r);
                errors.extend(e);
            }
            Ok(_) => {}
            Err(e) => errors.push(InputError {
                path: shown,
                message: format!("cannot read rule file: {e}"),
                region: None,
                help: None,
            }),
        }
    }
    errors.extend(duplicates(&rules));
    (rules, errors)
}

/// Whether a rule file is a template rule file (a top-level `template_rules:` key).
#[must_use]
pub fn declares_template_rules(text: &str) -> bool {
    text.lines().any(|l| {
        l.strip_prefix(FILE_KEY)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    })
}

fn duplicates(rules: &[CustomRule]) -> Vec<InputError> {
    let mut out = Vec::new();
    for (i, r) in rules.iter().enumerate() {
        let earlier = rules.iter().take(i);
        for o in earlier {
            if o.meta.code == r.meta.code || o.meta.name == r.meta.name {
                out.push(InputError {
                    path: String::new(),
                    message: format!(
                        "custom rule `{}` (`{}`) has the same code or name as `{}` (`{}`)",
                        r.meta.code, r.meta.name, o.meta.code, o.meta.name
                    ),
                    region: None,
                    help: None,
                });
            }
        }
    }
    out
}

/// Parse one rule file's text; `path` names it in errors.
#[must_use]
pub fn parse_file(path: &str, text: &str) -> (Vec<CustomRule>, Vec<InputError>) {
    let mut l = Loader {
        path,
        text,
        index: LineIndex::new(text),
        errors: Vec::new(),
    };
    let parsed = palisade_doc::parse(text, Format::Yaml);
    for e in &parsed.errors {
        l.error(e.span, format!("cannot parse YAML: {}", e.message));
    }
    let Some(root) = parsed.root else {
        return (Vec::new(), l.errors);
    };
    let mut rules = Vec::new();
    let Some(top) = root.as_map() else {
        l.error(
            root.span,
            format!("a rule file is a mapping with one key, `{FILE_KEY}`"),
        );
        return (rules, l.errors);
    };
    for e in top {
        if e.key != FILE_KEY {
            l.error(
                e.key_span,
                format!(
                    "unknown key `{}`: a rule file has one key, `{FILE_KEY}`",
                    e.key
                ),
            );
        }
    }
    let Some(list) = root.get(FILE_KEY) else {
        l.error(root.span, format!("no `{FILE_KEY}` list"));
        return (rules, l.errors);
    };
    let Some(items) = list.as_seq() else {
        l.error(list.span, format!("`{FILE_KEY}` must be a list of rules"));
        return (rules, l.errors);
    };
    for item in items {
        if let Some(r) = rule(&mut l, item) {
            rules.push(r);
        }
    }
    (rules, l.errors)
}

const RULE_KEYS: [&str; 11] = [
    "code",
    "name",
    "severity",
    "summary",
    "message",
    "types",
    "check",
    "group",
    "description",
    "fix",
    "references",
];

fn rule(l: &mut Loader<'_>, item: &Node) -> Option<CustomRule> {
    let Some(entries) = item.as_map() else {
        l.error(item.span, "a rule must be a mapping");
        return None;
    };
    let before = l.errors.len();
    for e in entries {
        if !RULE_KEYS.contains(&e.key.as_str()) {
            l.error(
                e.key_span,
                format!(
                    "unknown rule key `{}` (expected one of {})",
                    e.key,
                    RULE_KEYS.join(", ")
                ),
            );
        }
    }
    let code = required_str(l, item, "code")?;
    let name = required_str(l, item, "name")?;
    let summary = required_str(l, item, "summary")?;
    let code_ok = {
        let letters = code.trim_end_matches(|c: char| c.is_ascii_digit());
        let digits = code.len() - letters.len();
        letters.len() >= 2 && letters.bytes().all(|b| b.is_ascii_uppercase()) && digits == 4
    };
    if !code_ok {
        l.error(
            span_of(item, "code"),
            format!("code `{code}` must be two or more capital letters and four digits (e.g. `ACME0001`)"),
        );
    } else if RESERVED_PREFIXES
        .iter()
        .any(|p| code.trim_end_matches(|c: char| c.is_ascii_digit()) == *p)
    {
        l.error(
            span_of(item, "code"),
            format!("code `{code}`: the prefixes CFN, IAM and SEC are reserved for built-in rules"),
        );
    }
    let kebab = !name.is_empty()
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.contains("--")
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !kebab {
        l.error(
            span_of(item, "name"),
            format!("name `{name}` must be kebab-case"),
        );
    }
    let severity = match item.get("severity") {
        None => Severity::Medium,
        Some(n) => match n.as_str().and_then(parse_severity) {
            Some(s) => s,
            None => {
                l.error(
                    n.span,
                    "severity must be one of info, low, medium, high, critical",
                );
                Severity::Medium
            }
        },
    };
    let message = optional_str(l, item, "message").unwrap_or_else(|| summary.clone());
    let group = optional_str(l, item, "group").unwrap_or_else(|| "custom".into());
    let description = optional_str(l, item, "description");
    let fix = optional_str(l, item, "fix");
    let references = match item.get("references") {
        None => Vec::new(),
        Some(n) => string_list(l, n, "references").unwrap_or_default(),
    };
    let types = match item.get("types") {
        None => {
            l.error(
                item.span,
                format!("rule `{code}` has no `types` (resource types)"),
            );
            return None;
        }
        Some(n) => string_list(l, n, "types")?,
    };
    if types.is_empty() {
        l.error(
            span_of(item, "types"),
            "`types` must name at least one resource type",
        );
    }
    for t in &types {
        let parts: Vec<&str> = t.split("::").collect();
        if parts.len() < 2
            || parts
                .iter()
                .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_alphanumeric()))
        {
            l.error(
                span_of(item, "types"),
                format!("`{t}` is not a resource type (e.g. `AWS::S3::Bucket`)"),
            );
        }
    }
    let Some(check_node) = item.get("check") else {
        l.error(item.span, format!("rule `{code}` has no `check`"));
        return None;
    };
    let check = parse_check(l, check_node, 0)?;
    if l.errors.len() > before {
        return None;
    }
    let docs = docs_of(
        &summary,
        &types,
        &check,
        description.as_deref(),
        fix.as_deref(),
        &references,
        l.path,
    );
    let meta = RuleMeta {
        code: Cow::Owned(code),
        name: Cow::Owned(name),
        severity,
        summary: Cow::Owned(summary),
        docs: Cow::Owned(docs),
        group: Cow::Owned(group),
        xrefs: Cow::Borrowed(&[]),
        resource_types: types.into_iter().map(Cow::Owned).collect(),
    };
    Some(CustomRule {
        meta,
        message,
        check,
    })
}

fn parse_severity(s: &str) -> Option<Severity> {
    Some(match s.to_ascii_lowercase().as_str() {
        "info" => Severity::Info,
        "low" => Severity::Low,
        "medium" => Severity::Medium,
        "high" => Severity::High,
        "critical" => Severity::Critical,
        _ => return None,
    })
}

fn span_of(item: &Node, key: &str) -> Span {
    item.get(key).map_or(item.span, |n| n.span)
}

fn required_str(l: &mut Loader<'_>, item: &Node, key: &str) -> Option<String> {
    match item.get(key) {
        None => {
            l.error(item.span, format!("the rule has no `{key}`"));
            None
        }
        Some(n) => match n.scalar_text() {
            Some(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
            _ => {
                l.error(n.span, format!("`{key}` must be a non-empty string"));
                None
            }
        },
    }
}

fn optional_str(l: &mut Loader<'_>, item: &Node, key: &str) -> Option<String> {
    let n = item.get(key)?;
    match n.scalar_text() {
        Some(t) => Some(t.trim().to_string()),
        None => {
            l.error(n.span, format!("`{key}` must be a string"));
            None
        }
    }
}

fn string_list(l: &mut Loader<'_>, n: &Node, key: &str) -> Option<Vec<String>> {
    let Some(items) = n.as_seq() else {
        l.error(n.span, format!("`{key}` must be a list of strings"));
        return None;
    };
    let mut out = Vec::new();
    for i in items {
        match i.scalar_text() {
            Some(t) => out.push(t.into_owned()),
            None => l.error(i.span, format!("`{key}` items must be strings")),
        }
    }
    Some(out)
}

fn parse_check(l: &mut Loader<'_>, n: &Node, depth: usize) -> Option<Check> {
    if depth > MAX_DEPTH {
        l.error(
            n.span,
            format!("checks nest deeper than {MAX_DEPTH} levels"),
        );
        return None;
    }
    let Some(entries) = n.as_map() else {
        l.error(
            n.span,
            "a check must be a mapping: `path` and an operator, or `all`, `any` or `not`",
        );
        return None;
    };
    let combinator = ["all", "any", "not"]
        .into_iter()
        .filter(|k| n.get(k).is_some())
        .collect::<Vec<_>>();
    if let Some(&k) = combinator.first() {
        if entries.len() != 1 {
            l.error(
                n.span,
                format!("`{k}` must be alone in its mapping (put other checks inside it)"),
            );
            return None;
        }
        let v = n.get(k)?;
        if k == "not" {
            return parse_check(l, v, depth + 1).map(|c| Check::Not(Box::new(c)));
        }
        let Some(items) = v.as_seq().filter(|s| !s.is_empty()) else {
            l.error(v.span, format!("`{k}` must be a non-empty list of checks"));
            return None;
        };
        let mut checks = Vec::new();
        for i in items {
            checks.push(parse_check(l, i, depth + 1)?);
        }
        return Some(if k == "all" {
            Check::All(checks)
        } else {
            Check::Any(checks)
        });
    }
    parse_leaf(l, n).map(Check::Leaf)
}

fn parse_leaf(l: &mut Loader<'_>, n: &Node) -> Option<Leaf> {
    let mut ok = true;
    for e in n.as_map().unwrap_or(&[]) {
        if e.key != "path" && e.key != "if_missing" && !OPERATORS.contains(&e.key.as_str()) {
            l.error(
                e.key_span,
                format!(
                    "unknown check key `{}` (expected `path`, `if_missing`, `each`, one operator of {}, or `all`/`any`/`not`)",
                    e.key,
                    OPERATORS.iter().filter(|o| **o != "each").copied().collect::<Vec<_>>().join(", ")
                ),
            );
            ok = false;
        }
    }
    if !ok {
        return None;
    }
    let Some(path_node) = n.get("path") else {
        l.error(
            n.span,
            "a check needs a `path` (e.g. `VersioningConfiguration.Status`)",
        );
        return None;
    };
    let Some(path_text) = path_node.as_str().map(str::to_string) else {
        l.error(path_node.span, "`path` must be a string");
        return None;
    };
    let Some(path) = parse_path(&path_text) else {
        l.error(
            path_node.span,
            format!("`{path_text}` is not a property path: keys separated by `.`, with `[*]` for every item of a list or `[N]` for one"),
        );
        return None;
    };
    let ops: Vec<&str> = OPERATORS
        .iter()
        .copied()
        .filter(|o| *o != "each" && n.get(o).is_some())
        .collect();
    let [op_key] = ops.as_slice() else {
        l.error(
            n.span,
            format!(
                "a check needs exactly one operator, found {}",
                if ops.is_empty() {
                    "none".to_string()
                } else {
                    ops.join(", ")
                }
            ),
        );
        return None;
    };
    let v = n.get(op_key)?;
    let scalar = |l: &mut Loader<'_>| -> Option<String> {
        match v.scalar_text() {
            Some(t) => Some(t.into_owned()),
            None => {
                l.error(
                    v.span,
                    format!("`{op_key}` takes a string, number or boolean"),
                );
                None
            }
        }
    };
    let number = |l: &mut Loader<'_>| -> Option<f64> {
        match v.scalar_text().and_then(|t| t.trim().parse::<f64>().ok()) {
            Some(x) if x.is_finite() => Some(x),
            _ => {
                l.error(v.span, format!("`{op_key}` takes a number"));
                None
            }
        }
    };
    let regex = |l: &mut Loader<'_>| -> Option<Regex> {
        let Some(p) = v.as_str() else {
            l.error(
                v.span,
                format!("`{op_key}` takes a regular expression string"),
            );
            return None;
        };
        if p.len() > MAX_PATTERN_LEN {
            l.error(
                v.span,
                format!("pattern longer than {MAX_PATTERN_LEN} bytes"),
            );
            return None;
        }
        match regex::RegexBuilder::new(p)
            .size_limit(MAX_REGEX_SIZE)
            .build()
        {
            Ok(r) => Some(r),
            Err(e) => {
                let msg = e.to_string();
                let last = msg.lines().last().unwrap_or("invalid").trim().to_string();
                l.error(v.span, format!("invalid regular expression: {last}"));
                None
            }
        }
    };
    let op = match *op_key {
        "exists" => match v.value {
            Value::Bool(b) => Op::Exists(b),
            _ => {
                l.error(v.span, "`exists` takes true or false");
                return None;
            }
        },
        "equals" => Op::Equals(scalar(l)?),
        "not_equals" => Op::NotEquals(scalar(l)?),
        "one_of" | "not_one_of" => {
            let list = string_list(l, v, op_key)?;
            if *op_key == "one_of" {
                Op::OneOf(list)
            } else {
                Op::NotOneOf(list)
            }
        }
        "matches" => Op::Matches(regex(l)?),
        "not_matches" => Op::NotMatches(regex(l)?),
        "gt" => Op::Cmp(Cmp::Gt, number(l)?),
        "gte" => Op::Cmp(Cmp::Gte, number(l)?),
        "lt" => Op::Cmp(Cmp::Lt, number(l)?),
        _ => Op::Cmp(Cmp::Lte, number(l)?),
    };
    let each_any = match n.get("each") {
        None => false,
        Some(e) => match e.as_str() {
            Some("all") => false,
            Some("any") => true,
            _ => {
                l.error(e.span, "`each` is `all` or `any`");
                return None;
            }
        },
    };
    if n.get("each").is_some() && !path.iter().any(|s| matches!(s, Seg::Each)) {
        l.error(
            span_of(n, "each"),
            "`each` only applies to a path with `[*]`",
        );
        return None;
    }
    let missing_passes = match n.get("if_missing") {
        None => false,
        Some(e) => match e.as_str() {
            Some("pass") => true,
            Some("fail") => false,
            _ => {
                l.error(e.span, "`if_missing` is `pass` or `fail`");
                return None;
            }
        },
    };
    Some(Leaf {
        path,
        path_text,
        op,
        each_any,
        missing_passes,
    })
}

/// `A.B[*].C[2]` into segments.
fn parse_path(s: &str) -> Option<Vec<Seg>> {
    let mut out = Vec::new();
    for part in s.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (part.get(..i)?, part.get(i..)?),
            None => (part, ""),
        };
        if key.is_empty()
            || !key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b':')
        {
            return None;
        }
        out.push(Seg::Key(key.to_string()));
        while !rest.is_empty() {
            let inner = rest.strip_prefix('[')?;
            let end = inner.find(']')?;
            let idx = inner.get(..end)?;
            out.push(if idx == "*" {
                Seg::Each
            } else {
                Seg::Index(idx.parse().ok()?)
            });
            rest = inner.get(end + 1..)?;
        }
    }
    (!out.is_empty()).then_some(out)
}

fn docs_of(
    summary: &str,
    types: &[String],
    check: &Check,
    description: Option<&str>,
    fix: Option<&str>,
    references: &[String],
    file: &str,
) -> String {
    let mut d = String::new();
    let _ = writeln!(d, "## What it checks\n{summary}\n");
    let _ = writeln!(
        d,
        "Resource types: {}. A compliant resource satisfies: {}.\n",
        types
            .iter()
            .map(|t| format!("`{t}`"))
            .collect::<Vec<_>>()
            .join(", "),
        describe(check)
    );
    let _ = writeln!(
        d,
        "## Why it matters\n{}\n",
        description.unwrap_or("(not given by the rule's author)")
    );
    let _ = writeln!(
        d,
        "## How to fix\n{}\n",
        fix.unwrap_or("(not given by the rule's author)")
    );
    let _ = writeln!(d, "## References\n- custom rule loaded from `{file}`");
    for r in references {
        let _ = writeln!(d, "- {r}");
    }
    d
}

fn describe(c: &Check) -> String {
    match c {
        Check::All(cs) => format!(
            "all of ({})",
            cs.iter().map(describe).collect::<Vec<_>>().join("; ")
        ),
        Check::Any(cs) => format!(
            "any of ({})",
            cs.iter().map(describe).collect::<Vec<_>>().join("; ")
        ),
        Check::Not(c) => format!("not ({})", describe(c)),
        Check::Leaf(l) => {
            let quant = if l.path.iter().any(|s| matches!(s, Seg::Each)) {
                if l.each_any {
                    "some "
                } else {
                    "every "
                }
            } else {
                ""
            };
            format!("{quant}`{}` {}", l.path_text, describe_op(&l.op))
        }
    }
}

fn describe_op(op: &Op) -> String {
    match op {
        Op::Exists(true) => "is set".into(),
        Op::Exists(false) => "is not set".into(),
        Op::Equals(v) => format!("is `{v}`"),
        Op::NotEquals(v) => format!("is not `{v}`"),
        Op::OneOf(vs) => format!("is one of {}", quoted(vs)),
        Op::NotOneOf(vs) => format!("is none of {}", quoted(vs)),
        Op::Matches(r) => format!("matches `{}`", r.as_str()),
        Op::NotMatches(r) => format!("does not match `{}`", r.as_str()),
        Op::Cmp(c, x) => format!("is {} {x}", c.word()),
    }
}

fn quoted(vs: &[String]) -> String {
    vs.iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/// Why a check failed, where.
#[derive(Debug)]
enum Miss<'n> {
    /// A value that does not satisfy the check.
    At(&'n Node, String),
    /// The property is absent (reported at the logical id).
    Missing(String, String),
    /// The resource as a whole (from `not` and `any`).
    Resource(String),
}

#[derive(Debug)]
enum Verdict<'n> {
    Pass,
    Fail(Vec<Miss<'n>>),
    Unknown(&'n Node, String),
}

/// What a path reaches.
enum Target<'n> {
    Found(&'n Node, String),
    Missing(String),
    Unknown(&'n Node),
}

fn walk<'n>(props: &'n Node, path: &[Seg]) -> Vec<Target<'n>> {
    let mut cur: Vec<(&'n Node, String)> = vec![(props, String::new())];
    let mut out = Vec::new();
    for seg in path {
        let mut next = Vec::new();
        for (n, at) in cur {
            if is_unknown(n) {
                out.push(Target::Unknown(n));
                continue;
            }
            match seg {
                Seg::Key(k) => {
                    let p = if at.is_empty() {
                        k.clone()
                    } else {
                        format!("{at}.{k}")
                    };
                    match n.get(k) {
                        Some(v) => next.push((v, p)),
                        None => out.push(Target::Missing(p)),
                    }
                }
                Seg::Index(i) => {
                    let p = format!("{at}[{i}]");
                    match n.as_seq().and_then(|s| s.get(*i)) {
                        Some(v) => next.push((v, p)),
                        None => out.push(Target::Missing(p)),
                    }
                }
                Seg::Each => match n.as_seq() {
                    Some(items) => {
                        for (i, v) in items.iter().enumerate() {
                            next.push((v, format!("{at}[{i}]")));
                        }
                    }
                    None => out.push(Target::Missing(format!("{at}[*]"))),
                },
            }
        }
        cur = next;
    }
    out.extend(cur.into_iter().map(|(n, p)| Target::Found(n, p)));
    out
}

fn eval<'n>(c: &Check, props: &'n Node) -> Verdict<'n> {
    match c {
        Check::All(cs) => {
            let mut misses = Vec::new();
            let mut unknown = None;
            for c in cs {
                match eval(c, props) {
                    Verdict::Pass => {}
                    Verdict::Fail(m) => misses.extend(m),
                    Verdict::Unknown(n, q) => unknown = unknown.or(Some((n, q))),
                }
            }
            match (misses.is_empty(), unknown) {
                (false, _) => Verdict::Fail(misses),
                (true, Some((n, q))) => Verdict::Unknown(n, q),
                (true, None) => Verdict::Pass,
            }
        }
        Check::Any(cs) => {
            let mut unknown = None;
            for c in cs {
                match eval(c, props) {
                    Verdict::Pass => return Verdict::Pass,
                    Verdict::Fail(_) => {}
                    Verdict::Unknown(n, q) => unknown = unknown.or(Some((n, q))),
                }
            }
            match unknown {
                Some((n, q)) => Verdict::Unknown(n, q),
                None => Verdict::Fail(vec![Miss::Resource(format!("expected {}", describe(c)))]),
            }
        }
        Check::Not(inner) => match eval(inner, props) {
            Verdict::Pass => {
                Verdict::Fail(vec![Miss::Resource(format!("expected {}", describe(c)))])
            }
            Verdict::Fail(_) => Verdict::Pass,
            u @ Verdict::Unknown(..) => u,
        },
        Check::Leaf(l) => eval_leaf(l, props),
    }
}

fn eval_leaf<'n>(l: &Leaf, props: &'n Node) -> Verdict<'n> {
    let targets = walk(props, &l.path);
    let mut misses = Vec::new();
    let mut unknown = None;
    let mut passes = 0usize;
    let total = targets.len();
    for t in targets {
        match t {
            Target::Unknown(n) => {
                unknown = unknown.or(Some((
                    n,
                    format!("`{}` {}", l.path_text, describe_op(&l.op)),
                )));
            }
            Target::Missing(p) => {
                if matches!(l.op, Op::Exists(false)) || l.missing_passes {
                    passes += 1;
                } else {
                    misses.push(Miss::Missing(p.clone(), format!("`{p}` is not set")));
                }
            }
            Target::Found(n, p) => {
                if is_unknown(n) {
                    unknown = unknown.or(Some((
                        n,
                        format!("`{}` {}", l.path_text, describe_op(&l.op)),
                    )));
                    continue;
                }
                match satisfies(&l.op, n) {
                    Ok(()) => passes += 1,
                    Err(why) => misses.push(Miss::At(n, format!("`{p}` {why}"))),
                }
            }
        }
    }
    if l.each_any {
        if passes > 0 {
            return Verdict::Pass;
        }
        if let Some((n, q)) = unknown {
            return Verdict::Unknown(n, q);
        }
        if total == 0 {
            return Verdict::Fail(vec![Miss::Resource(format!(
                "`{}` has no items",
                l.path_text
            ))]);
        }
        return Verdict::Fail(vec![Miss::Resource(format!(
            "no item satisfies: `{}` {}",
            l.path_text,
            describe_op(&l.op)
        ))]);
    }
    if !misses.is_empty() {
        return Verdict::Fail(misses);
    }
    match unknown {
        Some((n, q)) => Verdict::Unknown(n, q),
        None => Verdict::Pass,
    }
}

fn shown(n: &Node) -> String {
    match text(n) {
        Some(t) => format!("`{t}`"),
        None => match &n.value {
            Value::Map(_) => "a mapping".into(),
            Value::Seq(_) => "a list".into(),
            _ => "empty".into(),
        },
    }
}

fn same(a: &str, b: &str) -> bool {
    a == b || (matches!(b, "true" | "false") && a.eq_ignore_ascii_case(b))
}

fn satisfies(op: &Op, n: &Node) -> Result<(), String> {
    let t = text(n);
    match op {
        Op::Exists(true) => Ok(()),
        Op::Exists(false) => Err(format!("is set to {}", shown(n))),
        Op::Equals(v) => match &t {
            Some(x) if same(x, v) => Ok(()),
            _ => Err(format!("is {}, expected `{v}`", shown(n))),
        },
        Op::NotEquals(v) => match &t {
            Some(x) if same(x, v) => Err(format!("is `{v}`")),
            _ => Ok(()),
        },
        Op::OneOf(vs) => match &t {
            Some(x) if vs.iter().any(|v| same(x, v)) => Ok(()),
            _ => Err(format!("is {}, expected one of {}", shown(n), quoted(vs))),
        },
        Op::NotOneOf(vs) => match &t {
            Some(x) if vs.iter().any(|v| same(x, v)) => {
                Err(format!("is `{x}`, one of {}", quoted(vs)))
            }
            _ => Ok(()),
        },
        Op::Matches(r) => match &t {
            Some(x) if r.is_match(x) => Ok(()),
            _ => Err(format!(
                "is {}, expected a match of `{}`",
                shown(n),
                r.as_str()
            )),
        },
        Op::NotMatches(r) => match &t {
            Some(x) if r.is_match(x) => {
                Err(format!("is {}, which matches `{}`", shown(n), r.as_str()))
            }
            _ => Ok(()),
        },
        Op::Cmp(c, x) => match t.as_deref().and_then(|s| s.trim().parse::<f64>().ok()) {
            Some(a) if c.holds(a, *x) => Ok(()),
            Some(_) => Err(format!("is {}, expected {} {x}", shown(n), c.word())),
            None => Err(format!("is {}, not a number", shown(n))),
        },
    }
}

impl CustomRule {
    /// Check one resource (already resolved for one scenario), as a built-in rule does.
    pub fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        match eval(&self.check, cx.props) {
            Verdict::Pass => {}
            Verdict::Unknown(n, q) => hits.unknown(n, &q),
            Verdict::Fail(misses) => {
                for m in misses {
                    match m {
                        Miss::At(n, why) => hits.at(n, format!("{}: {why}", self.message)),
                        Miss::Missing(p, why) => {
                            hits.missing(&p, format!("{}: {why}", self.message))
                        }
                        Miss::Resource(why) => hits.resource(format!("{}: {why}", self.message)),
                    }
                }
            }
        }
    }
}
