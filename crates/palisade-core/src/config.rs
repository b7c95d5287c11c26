//! `.palisade.toml`: include/exclude globs, rule selection, severity overrides, fail-on.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::finding::{InputError, Region, Severity};
use crate::location::{LineIndex, Span};
use crate::rule::RuleMeta;

/// The configuration file's name, looked for upward from the working directory.
pub const CONFIG_FILE_NAME: &str = ".palisade.toml";

/// The parsed configuration.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Globs of files to scan (default: every file).
    #[serde(default)]
    pub include: Vec<String>,
    /// Globs of files to skip.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Rules to enable (codes, code prefixes, names, groups); empty = all.
    #[serde(default)]
    pub select: Vec<String>,
    /// Rules to disable (same forms); wins over `select`.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Severity overrides by rule code or name.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Lowest severity that makes the run fail (default `high`).
    #[serde(default)]
    pub fail_on: Option<Severity>,
    /// Where the file was read from (not a key).
    #[serde(skip)]
    pub source: Option<PathBuf>,
}

impl Config {
    /// Parse a config file's text; `path` names it in errors.
    ///
    /// # Errors
    /// An [`InputError`] with the line and column of the offending key or value.
    pub fn parse(text: &str, path: &Path) -> Result<Config, InputError> {
        match toml::from_str::<Config>(text) {
            Ok(mut c) => {
                c.source = Some(path.to_path_buf());
                Ok(c)
            }
            Err(e) => {
                let idx = LineIndex::new(text);
                let region = e.span().map(|r| {
                    let span = Span::new(r.start, r.end);
                    Region {
                        span,
                        start: idx.position(text, span.start),
                        end: idx.position(text, span.end),
                    }
                });
                let msg = e.message().trim().replace('\n', " ");
                Err(InputError {
                    path: path.display().to_string(),
                    message: format!("invalid configuration: {msg}"),
                    region,
                    help: Some(
                        "valid keys: include, exclude, select, ignore, severity, fail-on".into(),
                    ),
                })
            }
        }
    }

    /// Find `.palisade.toml` in `start` or the nearest ancestor.
    #[must_use]
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let mut dir = Some(start);
        while let Some(d) = dir {
            let candidate = d.join(CONFIG_FILE_NAME);
            if candidate.is_file() {
                return Some(candidate);
            }
            dir = d.parent();
        }
        None
    }

    /// Check that every rule pattern matches at least one known rule.
    #[must_use]
    pub fn validate(&self, rules: &[RuleMeta]) -> Vec<InputError> {
        let path = self
            .source
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let mut out = Vec::new();
        let lists = [("select", &self.select), ("ignore", &self.ignore)];
        for (key, list) in lists {
            for pat in list {
                if !rules.iter().any(|r| selector_matches(pat, r)) {
                    out.push(unknown_rule(&path, key, pat));
                }
            }
        }
        for pat in self.severity.keys() {
            if !rules.iter().any(|r| selector_matches(pat, r)) {
                out.push(unknown_rule(&path, "severity", pat));
            }
        }
        out
    }

    /// Whether a rule is enabled by `select`/`ignore`.
    #[must_use]
    pub fn enabled(&self, rule: &RuleMeta) -> bool {
        (self.select.is_empty() || self.select.iter().any(|p| selector_matches(p, rule)))
            && !self.ignore.iter().any(|p| selector_matches(p, rule))
    }

    /// Whether the configuration overrides a rule's severity.
    #[must_use]
    pub fn overrides(&self, rule: &RuleMeta) -> bool {
        self.severity
            .keys()
            .any(|p| p.as_str() == rule.code || p.as_str() == rule.name)
    }

    /// The effective severity of a rule.
    #[must_use]
    pub fn severity_of(&self, rule: &RuleMeta) -> Severity {
        self.severity
            .iter()
            .find(|(p, _)| p.as_str() == rule.code || p.as_str() == rule.name)
            .map_or(rule.severity, |(_, s)| *s)
    }
}

fn unknown_rule(path: &str, key: &str, pat: &str) -> InputError {
    InputError {
        path: path.to_string(),
        message: format!("`{key}` names `{pat}`, which matches no rule"),
        region: None,
        help: Some("run `palisade rules` to list rule codes, names and groups".into()),
    }
}

/// Whether a selector (code, code prefix, name, group, or `tool:id` cross-reference) names a rule.
#[must_use]
pub fn selector_matches(pattern: &str, rule: &RuleMeta) -> bool {
    let p = pattern.trim();
    if p.is_empty() {
        return false;
    }
    if p.eq_ignore_ascii_case(&rule.code)
        || p == rule.name
        || p == rule.group
        || (p.len() >= 2
            && p.bytes().all(|b| b.is_ascii_alphanumeric())
            && rule
                .code
                .to_ascii_uppercase()
                .starts_with(&p.to_ascii_uppercase()))
    {
        return true;
    }
    if let Some((tool, id)) = p.split_once(':') {
        return rule
            .xrefs
            .iter()
            .any(|x| x.tool.as_str() == tool && x.id.eq_ignore_ascii_case(id));
    }
    false
}
