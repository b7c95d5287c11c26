//! Rule metadata shared by every rule engine (templates, policies, secrets, logs, posture).

use std::borrow::Cow;

use serde::Serialize;

use crate::finding::Severity;

/// Another tool or standard a rule corresponds to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tool {
    /// stelligent/cfn_nag (`F1`, `W9`).
    CfnNag,
    /// bridgecrewio/checkov (`CKV_AWS_20`).
    Checkov,
    /// CIS AWS Foundations Benchmark control.
    Cis,
    /// MITRE ATT&CK technique.
    Attack,
    /// IAM Access Analyzer `ValidatePolicy` issue code (`PASS_ROLE_WITH_STAR_IN_RESOURCE`).
    AccessAnalyzer,
    /// duo-labs/parliament finding id (`RESOURCE_STAR`).
    Parliament,
    /// salesforce/cloudsplaining risk category (`PrivilegeEscalation`).
    Cloudsplaining,
}

impl Tool {
    /// Name as users write it (`cfn_nag`, `checkov`, `cis`, `attack`, `access-analyzer`,
    /// `parliament`, `cloudsplaining`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Tool::CfnNag => "cfn_nag",
            Tool::Checkov => "checkov",
            Tool::Cis => "cis",
            Tool::Attack => "attack",
            Tool::AccessAnalyzer => "access-analyzer",
            Tool::Parliament => "parliament",
            Tool::Cloudsplaining => "cloudsplaining",
        }
    }
}

/// A cross-reference to another tool's rule id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Xref {
    /// The tool.
    pub tool: Tool,
    /// Its id.
    pub id: &'static str,
}

/// Everything known about a rule without running it.
#[derive(Clone, Debug, Serialize)]
pub struct RuleMeta {
    /// Stable code: domain prefix + 4 digits, e.g. `CFN1001`.
    pub code: Cow<'static, str>,
    /// Kebab-case name after the problem, e.g. `s3-bucket-public-read-acl`.
    pub name: Cow<'static, str>,
    /// Default severity.
    pub severity: Severity,
    /// One-line summary.
    pub summary: Cow<'static, str>,
    /// Full documentation in Markdown: What it checks, Why it matters, How to fix, References.
    pub docs: Cow<'static, str>,
    /// Group used for selection (`s3`, `iam`, `ec2`, ...).
    pub group: Cow<'static, str>,
    /// Cross-references.
    pub xrefs: Cow<'static, [Xref]>,
    /// Resource types it looks at (empty: template-wide).
    pub resource_types: Cow<'static, [Cow<'static, str>]>,
}

/// The doc sections every rule must have, in order.
pub const REQUIRED_DOC_SECTIONS: [&str; 4] = [
    "## What it checks",
    "## Why it matters",
    "## How to fix",
    "## References",
];

impl RuleMeta {
    /// The ids of `tool` this rule corresponds to.
    pub fn xrefs_for(&self, tool: Tool) -> impl Iterator<Item = &'static str> + '_ {
        self.xrefs
            .iter()
            .filter(move |x| x.tool == tool)
            .map(|x| x.id)
    }

    /// Problems with this rule's metadata (used by the catalogue meta-tests).
    #[must_use]
    pub fn lint(&self) -> Vec<String> {
        let mut out = Vec::new();
        let code = self.code.as_ref();
        let digits = code.trim_start_matches(|c: char| c.is_ascii_uppercase());
        let prefix_len = code.len() - digits.len();
        if prefix_len < 2 || digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            out.push(format!("code `{code}` is not a prefix plus four digits"));
        }
        let name = self.name.as_ref();
        if name.is_empty()
            || name.starts_with('-')
            || name.ends_with('-')
            || name.contains("--")
            || !name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            out.push(format!("name `{name}` is not kebab-case"));
        }
        let mut at = 0;
        for section in REQUIRED_DOC_SECTIONS {
            match self.docs.get(at..).and_then(|d| d.find(section)) {
                Some(i) => at += i + section.len(),
                None => out.push(format!("docs lack `{section}` (or it is out of order)")),
            }
        }
        if self.summary.trim().is_empty() {
            out.push("summary is empty".into());
        }
        out
    }
}

/// The rule files of a `--rules` directory (`*.yaml`, `*.yml`), sorted by path, each with its
/// text or the error that kept it from being read; `Err` when the directory cannot be listed.
///
/// # Errors
/// The directory cannot be read.
pub fn rule_files(
    dir: &std::path::Path,
) -> std::io::Result<Vec<(std::path::PathBuf, std::io::Result<String>)>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    paths.sort();
    Ok(paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p);
            (p, text)
        })
        .collect())
}
