//! The one finding type every analyser produces and every reporter consumes.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::location::{Position, Span};

/// How bad a finding is. Ordered: `Info < Low < Medium < High < Critical`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never a failure by default.
    Info,
    /// Hygiene.
    Low,
    /// Weakens a defence.
    Medium,
    /// Exposes data or access.
    High,
    /// Exposes data or access to anyone, now.
    Critical,
}

impl Severity {
    /// All severities, lowest first.
    pub const ALL: [Severity; 5] = [
        Severity::Info,
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];

    /// Lowercase name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "info" => Ok(Severity::Info),
            "low" => Ok(Severity::Low),
            "medium" => Ok(Severity::Medium),
            "high" => Ok(Severity::High),
            "critical" => Ok(Severity::Critical),
            other => Err(format!(
                "unknown severity `{other}`; expected one of info, low, medium, high, critical"
            )),
        }
    }
}

/// How likely a finding is to be a true positive. Ordered: `Low < Medium < High`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// A weak signal: a placeholder, a documentation example, a generic assignment.
    Low,
    /// Likely: a well-formed value in a suggestive context.
    Medium,
    /// A value in the provider's distinctive format.
    High,
}

impl Confidence {
    /// Lowercase name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }

    /// One level lower (`Low` stays `Low`).
    #[must_use]
    pub fn lower(self) -> Self {
        match self {
            Confidence::High => Confidence::Medium,
            _ => Confidence::Low,
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Confidence {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "low" => Ok(Confidence::Low),
            "medium" => Ok(Confidence::Medium),
            "high" => Ok(Confidence::High),
            other => Err(format!(
                "unknown confidence `{other}`; expected one of low, medium, high"
            )),
        }
    }
}

/// The commit that first brought a piece of content into a repository's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// Full commit id; empty for content that is staged but not committed.
    pub commit: String,
    /// Author, `Name <email>`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// Author date, ISO 8601.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// The blob's object id.
    pub blob: String,
}

/// A region of a source file: the byte span plus its 1-based start and end positions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    /// Byte span.
    pub span: Span,
    /// Start position.
    pub start: Position,
    /// End position (exclusive column).
    pub end: Position,
}

/// Where a finding is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// Path as given on the command line, with `/` separators.
    pub path: String,
    /// Region in the file, when the finding points into text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    /// Logical id of the resource (template) or an ARN (snapshot, log).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// Resource type, e.g. `AWS::S3::Bucket`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<String>,
    /// Path of the offending element inside the document, e.g. `Resources.Bucket.Properties.AccessControl`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json_path: Option<String>,
}

/// A finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Rule code, e.g. `CFN1001`.
    pub rule: String,
    /// Rule name, e.g. `s3-bucket-public-read-acl`.
    pub rule_name: String,
    /// Severity after configuration overrides.
    pub severity: Severity,
    /// One line, lowercase, user input in backticks.
    pub message: String,
    /// Where.
    pub location: Location,
    /// The conditions under which this finding holds, e.g. "condition `IsProd` is false".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<String>,
    /// Evidence (redacted when secret).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// How sure the rule is that this is real (secret findings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// Where in version control the content came from (git history scans).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// The other tools' ids this finding answers to (`tool:id`, e.g. `checkov:CKV_AWS_24`), when
    /// it is fewer than its rule's cross-references (empty: all of them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub xrefs: Vec<String>,
    /// Stable identity: rule + path + resource + json path (never a line number).
    pub fingerprint: String,
}

impl Finding {
    /// Compute and store the fingerprint from the identity fields.
    pub fn with_fingerprint(mut self) -> Self {
        self.fingerprint = crate::fingerprint::fingerprint(&[
            &self.rule,
            &self.location.path,
            self.location.resource.as_deref().unwrap_or(""),
            self.location.json_path.as_deref().unwrap_or(""),
        ]);
        self
    }

    /// Sort key: path, then position, then rule.
    #[must_use]
    pub fn sort_key(&self) -> (&str, u32, u32, &str) {
        let (l, c) = self
            .location
            .region
            .map_or((0, 0), |r| (r.start.line, r.start.column));
        (&self.location.path, l, c, &self.rule)
    }
}

/// An input that could not be read or parsed (exit code 2), reported next to the findings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputError {
    /// File it concerns (empty for configuration given on the command line).
    pub path: String,
    /// Lowercase, one line.
    pub message: String,
    /// Where in the file, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    /// Advice.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// Everything one run produced.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Findings that survived suppressions, baseline and configuration, sorted.
    pub findings: Vec<Finding>,
    /// Inputs that could not be read or parsed, and configuration problems.
    pub errors: Vec<InputError>,
    /// Files analysed (recognised and parsed, at least partly).
    pub files_scanned: usize,
    /// Files looked at and skipped as not relevant (e.g. YAML that is not a template).
    pub files_skipped: usize,
    /// Findings hidden by inline suppressions.
    pub suppressed: usize,
    /// Findings hidden by the baseline.
    pub baselined: usize,
}

impl Report {
    /// Sort findings and errors into a stable order.
    pub fn sort(&mut self) {
        self.findings
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.errors.sort_by(|a, b| {
            let la = a.region.map_or(0, |r| r.start.line);
            let lb = b.region.map_or(0, |r| r.start.line);
            (&a.path, la).cmp(&(&b.path, lb))
        });
    }
}
