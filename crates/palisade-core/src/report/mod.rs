//! Reporters: one file per format, each writing to a `dyn Write`.

use std::io::{self, Write};

use crate::finding::{Report, Severity};
use crate::rule::RuleMeta;

mod jsonl;
mod junit;
mod sarif;
mod text;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// Human-readable, grouped by file, with code frames.
    Text,
    /// One JSON object per line: findings, then errors, then a summary.
    Jsonl,
    /// SARIF 2.1.0.
    Sarif,
    /// JUnit XML (one test case per finding and per error).
    Junit,
}

impl std::str::FromStr for OutputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "text" => Ok(Self::Text),
            "jsonl" | "json" => Ok(Self::Jsonl),
            "sarif" => Ok(Self::Sarif),
            "junit" => Ok(Self::Junit),
            other => Err(format!(
                "unknown format `{other}`; expected text, jsonl, sarif or junit"
            )),
        }
    }
}

/// Source texts by path, so reporters can draw code frames.
pub trait SourceLookup {
    /// The text of `path`, if it was read.
    fn source(&self, path: &str) -> Option<&str>;
}

impl SourceLookup for std::collections::HashMap<String, String> {
    fn source(&self, path: &str) -> Option<&str> {
        self.get(path).map(String::as_str)
    }
}

/// No sources (reporters then print locations without code frames).
#[derive(Debug, Clone, Copy)]
pub struct NoSources;

impl SourceLookup for NoSources {
    fn source(&self, _path: &str) -> Option<&str> {
        None
    }
}

/// Everything a reporter needs.
pub struct ReportContext<'a> {
    /// The run's results.
    pub report: &'a Report,
    /// Metadata of every rule that was enabled (SARIF `tool.driver.rules`, docs links).
    pub rules: &'a [RuleMeta],
    /// Source texts for code frames.
    pub sources: &'a dyn SourceLookup,
    /// Colour output (text only).
    pub color: bool,
    /// Tool version string.
    pub tool_version: &'a str,
    /// The `--fail-on` threshold (shown in the text summary).
    pub fail_on: Severity,
}

impl std::fmt::Debug for ReportContext<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReportContext")
            .field("findings", &self.report.findings.len())
            .field("rules", &self.rules.len())
            .finish_non_exhaustive()
    }
}

/// Write the report in `format`.
///
/// # Errors
/// I/O errors from `out`.
pub fn write_report(
    format: OutputFormat,
    ctx: &ReportContext<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        OutputFormat::Text => text::write(ctx, out),
        OutputFormat::Jsonl => jsonl::write(ctx, out),
        OutputFormat::Sarif => sarif::write(ctx, out),
        OutputFormat::Junit => junit::write(ctx, out),
    }
}
