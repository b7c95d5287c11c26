//! Secret rules: YAML data files, loaded and validated.
//!
//! A rule file holds `rules:`, a list of mappings with these keys (see
//! `docs/secrets/rule-format.md`):
//! `code`, `name`, `title`, `provider`, `confidence`, `severity`, `keywords`, `pattern`,
//! `min_entropy`, `near`, `exclude`, `max_length`, `description`, `fix`, `references`,
//! `examples`, `near_misses`.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use palisade_core::{Confidence, LineIndex, Severity, Span};
use palisade_doc::{Format, Node, Value};
use regex::bytes::{Regex, RegexBuilder};
use serde::Deserialize;

/// The built-in rule files, embedded at compile time.
pub const BUILTIN: &[(&str, &str)] = &include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// Longest regex program we accept (bytes of compiled NFA); keeps hostile rules from
/// exhausting memory.
const REGEX_SIZE_LIMIT: usize = 1 << 21;
/// Default and maximum `max_length`.
const DEFAULT_MAX_LENGTH: usize = 256;
const MAX_MAX_LENGTH: usize = 16_384;

/// One credential type.
#[derive(Debug, Clone)]
pub struct Rule {
    /// `SEC` + four digits.
    pub code: String,
    /// Kebab-case name.
    pub name: String,
    /// One-line title, e.g. "AWS access key ID".
    pub title: String,
    /// Provider, e.g. "AWS".
    pub provider: String,
    /// Confidence of a match that passes every gate.
    pub confidence: Confidence,
    /// Severity of a finding.
    pub severity: Severity,
    /// Literal keywords, matched ASCII-case-insensitively; a match must lie within
    /// `max_length` bytes of one.
    pub keywords: Vec<String>,
    /// The pattern source.
    pub pattern: String,
    /// The pattern, compiled on first use.
    pub regex: Pattern,
    /// Minimum Shannon entropy (bits per byte) of the secret.
    pub min_entropy: Option<f64>,
    /// Another pattern that must match within `within` bytes of the match.
    pub near: Option<Near>,
    /// Patterns that, matching the secret, discard the match.
    pub exclude: Vec<LazyRegex>,
    /// Longest text a match can span, in bytes.
    pub max_length: usize,
    /// Why it matters.
    pub description: String,
    /// How to fix (revoke, rotate).
    pub fix: String,
    /// Provider documentation of the format.
    pub references: Vec<String>,
    /// Texts that must produce a finding of this rule.
    pub examples: Vec<String>,
    /// Texts that must not.
    pub near_misses: Vec<String>,
    /// The file the rule came from.
    pub source: String,
    /// Line of the rule in that file.
    pub line: u32,
}

/// A rule's regular expression, compiled (and its syntax tree read) when first needed, so
/// that a scan pays only for the rules whose keywords occur. User rules are compiled when
/// loaded, so that their errors show at once; the built-in ones are proven by the rules check.
#[derive(Debug, Clone)]
pub struct Pattern {
    source: Arc<str>,
    compiled: Arc<OnceLock<Result<Compiled, String>>>,
}

/// A compiled pattern and what its syntax tree says.
#[derive(Debug)]
pub struct Compiled {
    /// The regex.
    pub regex: Regex,
    /// Which capture group is the secret (the `secret` named group, else group 1, else 0).
    pub secret_group: usize,
    /// Longest text the pattern can match, when it is bounded.
    pub max_len: Option<usize>,
}

impl Compiled {
    fn new(source: &str) -> Result<Self, String> {
        let sh = shape(source)?;
        let regex = compile(&relax_long_repeats(source))?;
        let secret_group = sh
            .names
            .iter()
            .find(|(_, n)| n.as_deref() == Some("secret"))
            .map_or(usize::from(sh.len > 1), |(i, _)| *i as usize);
        Ok(Self {
            regex,
            secret_group,
            max_len: sh.max_len,
        })
    }
}

impl Pattern {
    /// The compiled pattern; `None` when it does not compile (see [`Pattern::error`]).
    #[must_use]
    pub fn get(&self) -> Option<&Compiled> {
        self.compiled
            .get_or_init(|| Compiled::new(&self.source))
            .as_ref()
            .ok()
    }

    /// Why the pattern does not compile, if it does not.
    #[must_use]
    pub fn error(&self) -> Option<&str> {
        self.compiled
            .get_or_init(|| Compiled::new(&self.source))
            .as_ref()
            .err()
            .map(String::as_str)
    }

    /// The source text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.source
    }
}

/// What a pattern's syntax tree says: its capture groups and longest match.
struct Shape {
    /// (index, name) of every capture group.
    names: Vec<(u32, Option<String>)>,
    /// Capture groups including the whole match.
    len: usize,
    max_len: Option<usize>,
}

/// Upper bounds of counted repeats from which the bound is dropped at compile time.
const LONG_REPEAT: u32 = 1000;

/// `x{n,m}` compiles to about `m` automaton states, so the few rules that bound a key body at
/// thousands of characters held most of the compiled rules' memory. Their windows are already
/// bounded by the pattern's longest match as written (see `Engine::reach`), so the upper bound
/// is dropped when compiling: `{64,4000}?` becomes `{64,}?`. Text inside character classes and
/// escaped braces is left alone.
fn relax_long_repeats(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.char_indices().peekable();
    let mut class = 0usize;
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                if let Some((_, n)) = chars.next() {
                    out.push(n);
                }
            }
            '[' => {
                class += 1;
                out.push(c);
            }
            ']' if class > 0 => {
                class -= 1;
                out.push(c);
            }
            '{' if class == 0 => {
                let rest = pattern.get(i + 1..).unwrap_or("");
                let relaxed = rest.split_once('}').and_then(|(inner, _)| {
                    let (lo, hi) = inner.split_once(',')?;
                    let long = lo.bytes().all(|b| b.is_ascii_digit())
                        && !lo.is_empty()
                        && hi.parse::<u32>().is_ok_and(|h| h >= LONG_REPEAT);
                    long.then(|| (lo.to_string(), inner.len()))
                });
                match relaxed {
                    Some((lo, skip)) => {
                        out.push('{');
                        out.push_str(&lo);
                        out.push_str(",}");
                        for _ in 0..=skip {
                            chars.next();
                        }
                    }
                    None => out.push(c),
                }
            }
            _ => out.push(c),
        }
    }
    out
}

fn shape(pattern: &str) -> Result<Shape, String> {
    fn walk(h: &regex_syntax::hir::Hir, out: &mut Vec<(u32, Option<String>)>) {
        use regex_syntax::hir::HirKind;
        match h.kind() {
            HirKind::Capture(c) => {
                out.push((c.index, c.name.as_deref().map(str::to_string)));
                walk(&c.sub, out);
            }
            HirKind::Concat(v) | HirKind::Alternation(v) => {
                for x in v {
                    walk(x, out);
                }
            }
            HirKind::Repetition(r) => walk(&r.sub, out),
            _ => {}
        }
    }
    let hir = regex_syntax::ParserBuilder::new()
        .utf8(false)
        .nest_limit(100)
        .build()
        .parse(pattern)
        .map_err(|e| {
            format!(
                "invalid pattern: {}",
                e.to_string().lines().last().unwrap_or("")
            )
        })?;
    let mut names = Vec::new();
    walk(&hir, &mut names);
    Ok(Shape {
        len: hir.properties().explicit_captures_len() + 1,
        max_len: hir.properties().maximum_len(),
        names,
    })
}

/// A plain pattern (`near`, `exclude`) compiled on first use for built-in rules, at load for
/// user rules (so that their errors show at once).
#[derive(Debug, Clone)]
pub struct LazyRegex {
    source: Arc<str>,
    cell: Arc<OnceLock<Option<Regex>>>,
}

impl LazyRegex {
    fn new(source: &str, eager: bool) -> Result<Self, String> {
        let cell = Arc::new(OnceLock::new());
        if eager {
            let _ = cell.set(Some(compile(source)?));
        }
        Ok(Self {
            source: Arc::from(source),
            cell,
        })
    }

    /// The compiled pattern; `None` when it does not compile (a built-in rule's bug, which the
    /// rules check test catches).
    pub fn get(&self) -> Option<&Regex> {
        self.cell
            .get_or_init(|| compile(&self.source).ok())
            .as_ref()
    }

    /// The pattern as written.
    #[must_use]
    pub fn source(&self) -> &str {
        &self.source
    }
}

/// A companion pattern (e.g. the key id next to a secret access key).
#[derive(Debug, Clone)]
pub struct Near {
    /// The pattern.
    pub regex: LazyRegex,
    /// Bytes either side of the match to look in.
    pub within: usize,
}

/// A problem in a rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// File.
    pub path: String,
    /// 1-based line (0 when unknown).
    pub line: u32,
    /// 1-based column (0 when unknown).
    pub column: u32,
    /// Lowercase, one line.
    pub message: String,
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    code: String,
    name: String,
    title: String,
    provider: String,
    confidence: String,
    #[serde(default)]
    severity: Option<String>,
    keywords: Vec<String>,
    pattern: String,
    #[serde(default)]
    min_entropy: Option<f64>,
    #[serde(default)]
    near: Option<RawNear>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    max_length: Option<usize>,
    description: String,
    fix: String,
    references: Vec<String>,
    examples: Vec<String>,
    near_misses: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNear {
    pattern: String,
    within: usize,
}

fn to_json(node: &Node) -> serde_json::Value {
    match &node.value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(n) => serde_json::from_str::<serde_json::Number>(n).map_or_else(
            |_| serde_json::Value::String(n.clone()),
            serde_json::Value::Number,
        ),
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::Seq(items) => serde_json::Value::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => serde_json::Value::Object(
            entries
                .iter()
                .map(|e| (e.key.clone(), to_json(&e.value)))
                .collect(),
        ),
    }
}

fn compile(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .unicode(false)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT * 4)
        .build()
        .map_err(|e| {
            format!(
                "invalid pattern: {}",
                e.to_string().lines().last().unwrap_or("")
            )
        })
}

/// Parse one rule file, compiling every pattern (so that every error shows now). Returns the
/// rules that are valid and an error for each that is not.
#[must_use]
pub fn parse_file(path: &str, text: &str) -> (Vec<Rule>, Vec<RuleError>) {
    parse_file_with(path, text, true)
}

/// Parse one rule file; with `eager: false` patterns are read and compiled on first use.
#[must_use]
pub fn parse_file_with(path: &str, text: &str, eager: bool) -> (Vec<Rule>, Vec<RuleError>) {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    let index = LineIndex::new(text);
    let err_at = |span: Span, message: String| {
        let p = index.position(text, span.start);
        RuleError {
            path: path.to_string(),
            line: p.line,
            column: p.column,
            message,
        }
    };
    let parsed = palisade_doc::parse(text, Format::Yaml);
    for e in &parsed.errors {
        errors.push(err_at(e.span, e.message.clone()));
    }
    let Some(root) = parsed.root else {
        return (rules, errors);
    };
    let Some(list) = root.get("rules").and_then(Node::as_seq) else {
        errors.push(err_at(
            root.span,
            "a rule file must be a mapping with a `rules:` list".into(),
        ));
        return (rules, errors);
    };
    for node in list {
        let json = to_json(node);
        let raw: RawRule = match serde_json::from_value(json) {
            Ok(r) => r,
            Err(e) => {
                errors.push(err_at(node.span, format!("invalid rule: {e}")));
                continue;
            }
        };
        let line = index.position(text, node.span.start).line;
        match build(raw, path, line, eager) {
            Ok(r) => rules.push(r),
            Err(m) => errors.push(err_at(node.span, m)),
        }
    }
    (rules, errors)
}

fn build(raw: RawRule, path: &str, line: u32, eager: bool) -> Result<Rule, String> {
    let code = raw.code;
    let fail = |m: String| format!("rule `{code}`: {m}");
    let digits = code.strip_prefix("SEC").unwrap_or("");
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(fail("code must be `SEC` and four digits".into()));
    }
    let name_ok = !raw.name.is_empty()
        && !raw.name.starts_with('-')
        && !raw.name.ends_with('-')
        && !raw.name.contains("--")
        && raw
            .name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !name_ok {
        return Err(fail(format!("name `{}` is not kebab-case", raw.name)));
    }
    let confidence: Confidence = raw.confidence.parse().map_err(&fail)?;
    let severity: Severity = match &raw.severity {
        Some(s) => s.parse().map_err(&fail)?,
        None => Severity::High,
    };
    if raw.keywords.is_empty() {
        return Err(fail("needs at least one keyword".into()));
    }
    for k in &raw.keywords {
        if k.len() < 3 || !k.is_ascii() {
            return Err(fail(format!(
                "keyword `{k}` must be ASCII and at least 3 bytes"
            )));
        }
    }
    let compiled = Arc::new(OnceLock::new());
    if eager {
        let c = Compiled::new(&raw.pattern).map_err(&fail)?;
        let _ = compiled.set(Ok(c));
    }
    let regex = Pattern {
        source: Arc::from(raw.pattern.as_str()),
        compiled,
    };
    let near = match raw.near {
        Some(n) => Some(Near {
            regex: LazyRegex::new(&n.pattern, eager).map_err(|e| fail(format!("near: {e}")))?,
            within: n.within.min(MAX_MAX_LENGTH),
        }),
        None => None,
    };
    let exclude = raw
        .exclude
        .iter()
        .map(|p| LazyRegex::new(p, eager).map_err(|e| fail(format!("exclude: {e}"))))
        .collect::<Result<Vec<_>, _>>()?;
    let max_length = raw.max_length.unwrap_or(DEFAULT_MAX_LENGTH);
    if max_length == 0 || max_length > MAX_MAX_LENGTH {
        return Err(fail(format!(
            "max_length must be between 1 and {MAX_MAX_LENGTH}"
        )));
    }
    if let Some(e) = raw.min_entropy {
        if !(0.0..=8.0).contains(&e) {
            return Err(fail("min_entropy must be between 0 and 8".into()));
        }
    }
    for (what, v) in [
        ("title", &raw.title),
        ("provider", &raw.provider),
        ("description", &raw.description),
        ("fix", &raw.fix),
    ] {
        if v.trim().is_empty() {
            return Err(fail(format!("`{what}` is empty")));
        }
    }
    Ok(Rule {
        code: code.clone(),
        name: raw.name,
        title: raw.title,
        provider: raw.provider,
        confidence,
        severity,
        keywords: raw.keywords,
        pattern: raw.pattern,
        regex,
        min_entropy: raw.min_entropy,
        near,
        exclude,
        max_length,
        description: raw.description.trim().to_string(),
        fix: raw.fix.trim().to_string(),
        references: raw.references,
        examples: raw.examples,
        near_misses: raw.near_misses,
        source: path.to_string(),
        line,
    })
}

/// The built-in rules, parsed once per process. Errors here are bugs caught by the rules
/// check test.
#[must_use]
pub fn builtin() -> &'static (Vec<Rule>, Vec<RuleError>) {
    static CELL: std::sync::OnceLock<(Vec<Rule>, Vec<RuleError>)> = std::sync::OnceLock::new();
    CELL.get_or_init(load_builtin)
}

fn load_builtin() -> (Vec<Rule>, Vec<RuleError>) {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    for (name, text) in BUILTIN {
        let (r, e) = parse_file_with(&format!("builtin:{name}"), text, false);
        rules.extend(r);
        errors.extend(e);
    }
    errors.extend(duplicates(&rules));
    (rules, errors)
}

/// Load every `*.yaml`/`*.yml` file of a directory (not recursive), sorted by name.
#[must_use]
pub fn load_dir(dir: &std::path::Path) -> (Vec<Rule>, Vec<RuleError>) {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    let files = match palisade_core::rule::rule_files(dir) {
        Ok(f) => f,
        Err(e) => {
            errors.push(RuleError {
                path: dir.display().to_string(),
                line: 0,
                column: 0,
                message: format!("cannot read rule directory: {e}"),
            });
            return (rules, errors);
        }
    };
    for (p, text) in files {
        let shown = p.display().to_string();
        match text {
            Ok(text) => {
                // Template rule files (`template_rules:`, `palisade scan --rules`) may share
                // the directory; they are not secret rules.
                if text.lines().any(|l| l.starts_with("template_rules:")) {
                    continue;
                }
                let (r, e) = parse_file(&shown, &text);
                rules.extend(r);
                errors.extend(e);
            }
            Err(e) => errors.push(RuleError {
                path: shown,
                line: 0,
                column: 0,
                message: format!("cannot read rule file: {e}"),
            }),
        }
    }
    (rules, errors)
}

/// Duplicate codes or names.
#[must_use]
pub fn duplicates(rules: &[Rule]) -> Vec<RuleError> {
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    let mut out = Vec::new();
    for r in rules {
        if !codes.insert(r.code.as_str()) {
            out.push(RuleError {
                path: r.source.clone(),
                line: r.line,
                column: 1,
                message: format!("duplicate rule code `{}`", r.code),
            });
        }
        if !names.insert(r.name.as_str()) {
            out.push(RuleError {
                path: r.source.clone(),
                line: r.line,
                column: 1,
                message: format!("duplicate rule name `{}`", r.name),
            });
        }
    }
    out
}

impl Rule {
    /// The rule as shared metadata (for `palisade rules`, docs and reporters).
    #[must_use]
    pub fn meta(&self) -> palisade_core::RuleMeta {
        let mut docs = format!(
            "## What it checks\n\n{} ({}). Confidence of a match: {}.\n\n",
            self.title, self.provider, self.confidence
        );
        docs.push_str(&format!(
            "Keywords: {}. Defined in `{}`.\n\nPattern:\n\n```\n{}\n```\n\n",
            self.keywords
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", "),
            self.source.trim_start_matches("builtin:"),
            self.pattern
        ));
        docs.push_str(&format!(
            "## Why it matters\n\n{}\n\n## How to fix\n\n{}\n\n## References\n\n",
            self.description, self.fix
        ));
        for r in &self.references {
            docs.push_str(&format!("- <{r}>\n"));
        }
        palisade_core::RuleMeta {
            code: Cow::Owned(self.code.clone()),
            name: Cow::Owned(self.name.clone()),
            severity: self.severity,
            summary: Cow::Owned(format!("{} ({})", self.title, self.provider)),
            docs: Cow::Owned(docs),
            group: Cow::Borrowed("secrets"),
            xrefs: Cow::Borrowed(&[]),
            resource_types: Cow::Borrowed(&[]),
        }
    }
}

#[cfg(test)]
mod relax_tests {
    use super::relax_long_repeats as relax;

    #[test]
    fn only_long_counted_repeats_outside_classes_lose_their_upper_bound() {
        assert_eq!(relax("a{64,4000}?b"), "a{64,}?b");
        assert_eq!(relax("[A-Z]{1,999}"), "[A-Z]{1,999}");
        assert_eq!(relax("x{1000,1000}"), "x{1000,}");
        assert_eq!(relax(r"\{1,5000}"), r"\{1,5000}");
        assert_eq!(relax("[{1,5000}]"), "[{1,5000}]");
        assert_eq!(
            relax("[^]]{0,2000}"),
            "[^]]{0,2000}".replace("{0,2000}", "{0,}")
        );
        assert_eq!(relax("a{,5000}"), "a{,5000}");
        assert_eq!(relax("é{2,3000}"), "é{2,}");
    }
}
