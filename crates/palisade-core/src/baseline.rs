//! Baselines: the fingerprints of accepted findings, so that only new ones are reported.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::finding::Finding;

/// A baseline file.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Format version (1).
    pub version: u32,
    /// One entry per accepted finding.
    pub findings: Vec<BaselineEntry>,
}

/// One accepted finding; `rule` and `path` are for people reading the file.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    /// The finding's fingerprint.
    pub fingerprint: String,
    /// Rule code.
    pub rule: String,
    /// File.
    pub path: String,
    /// Resource, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
}

impl Baseline {
    /// A baseline accepting every given finding.
    #[must_use]
    pub fn from_findings(findings: &[Finding]) -> Self {
        let mut entries: Vec<BaselineEntry> = findings
            .iter()
            .map(|f| BaselineEntry {
                fingerprint: f.fingerprint.clone(),
                rule: f.rule.clone(),
                path: f.location.path.clone(),
                resource: f.location.resource.clone(),
            })
            .collect();
        entries.sort_by(|a, b| {
            (&a.path, &a.rule, &a.fingerprint).cmp(&(&b.path, &b.rule, &b.fingerprint))
        });
        entries.dedup_by(|a, b| a.fingerprint == b.fingerprint);
        Self {
            version: 1,
            findings: entries,
        }
    }

    /// Parse a baseline file.
    ///
    /// # Errors
    /// The JSON error, with line and column.
    pub fn parse(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// Serialise as pretty JSON.
    ///
    /// # Errors
    /// Never in practice (serialising plain data).
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self)
    }

    /// Split findings into (new, count of baselined).
    #[must_use]
    pub fn filter(&self, findings: Vec<Finding>) -> (Vec<Finding>, usize) {
        let known: HashSet<&str> = self
            .findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        let before = findings.len();
        let kept: Vec<Finding> = findings
            .into_iter()
            .filter(|f| !known.contains(f.fingerprint.as_str()))
            .collect();
        let n = before - kept.len();
        (kept, n)
    }
}
