//! SARIF 2.1.0 (OASIS), with our own serde structs: one run, the enabled rules as
//! `tool.driver.rules`, one result per finding, input errors as tool execution notifications.
//!
//! Columns are UTF-16 code units (SARIF's default, stated again in `columnKind`); artifact
//! URIs are relative references with `/` separators and percent-encoding; GitHub code scanning
//! reads `properties.security-severity` on rules tagged `security`.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use serde::Serialize;

use super::ReportContext;
use crate::finding::{Finding, InputError, Region, Severity};
use crate::rule::RuleMeta;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const VERSION: &str = "2.1.0";
const FINGERPRINT_KEY: &str = "palisade/v1";
/// The project's address, when the crate's manifest declares one.
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: [Invocation<'a>; 1],
    results: Vec<SarifResult<'a>>,
    column_kind: &'static str,
    properties: RunProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunProperties {
    files_scanned: usize,
    files_skipped: usize,
    suppressed: usize,
    baselined: usize,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<ReportingDescriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor<'a> {
    id: &'a str,
    name: &'a str,
    short_description: Text<'a>,
    full_description: Text<'a>,
    help: Markdown<'a>,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Markdown<'a> {
    text: &'a str,
    markdown: &'a str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<String>,
    #[serde(rename = "security-severity")]
    security_severity: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification<'a>>,
}

#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    message: OwnedText,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<SarifLocation<'a>>,
}

#[derive(Serialize)]
struct OwnedText {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: OwnedText,
    locations: Vec<SarifLocation<'a>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    partial_fingerprints: BTreeMap<&'static str, &'a str>,
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties<'a> {
    severity: Severity,
    #[serde(skip_serializing_if = "Option::is_none")]
    resource_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    json_path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<crate::finding::Confidence>,
    #[serde(skip_serializing_if = "Option::is_none")]
    provenance: Option<&'a crate::finding::Provenance>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    physical_location: Option<PhysicalLocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<SarifRegion>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
struct LogicalLocation<'a> {
    name: &'a str,
    kind: &'static str,
}

pub(super) fn write(ctx: &ReportContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    let log = build(ctx);
    serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

fn build<'a>(ctx: &ReportContext<'a>) -> Log<'a> {
    let r = ctx.report;
    let index: HashMap<&str, usize> = ctx
        .rules
        .iter()
        .enumerate()
        .map(|(i, m)| (m.code.as_ref(), i))
        .collect();
    Log {
        schema: SCHEMA,
        version: VERSION,
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "palisade",
                    version: ctx.tool_version,
                    information_uri: (!REPOSITORY.is_empty()).then_some(REPOSITORY),
                    rules: ctx.rules.iter().map(descriptor).collect(),
                },
            },
            invocations: [Invocation {
                execution_successful: r.errors.is_empty(),
                tool_execution_notifications: r.errors.iter().map(notification).collect(),
            }],
            results: r
                .findings
                .iter()
                .map(|f| result(f, index.get(f.rule.as_str()).copied()))
                .collect(),
            column_kind: "utf16CodeUnits",
            properties: RunProperties {
                files_scanned: r.files_scanned,
                files_skipped: r.files_skipped,
                suppressed: r.suppressed,
                baselined: r.baselined,
            },
        }],
    }
}

/// SARIF `level` for a severity.
fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// GitHub code scanning's `security-severity` (a CVSS-like score as a string).
fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "1.0",
    }
}

/// The body of the `## What it checks` section of a rule's docs, if it has one.
fn what_it_checks(docs: &str) -> Option<&str> {
    const HEADING: &str = "## What it checks";
    let start = docs.find(HEADING)? + HEADING.len();
    let body = docs.get(start..)?;
    let end = body.find("\n## ").unwrap_or(body.len());
    let body = body.get(..end)?.trim();
    (!body.is_empty()).then_some(body)
}

fn descriptor(m: &RuleMeta) -> ReportingDescriptor<'_> {
    let mut tags = vec!["security".to_owned()];
    if !m.group.is_empty() {
        tags.push(m.group.to_string());
    }
    for x in m.xrefs.iter() {
        tags.push(format!("{}:{}", x.tool.as_str(), x.id));
    }
    let mut seen = std::collections::HashSet::new();
    tags.retain(|t| seen.insert(t.clone()));
    ReportingDescriptor {
        id: &m.code,
        name: &m.name,
        short_description: Text { text: &m.summary },
        full_description: Text {
            text: what_it_checks(&m.docs).unwrap_or(&m.summary),
        },
        help: Markdown {
            text: &m.docs,
            markdown: &m.docs,
        },
        default_configuration: Configuration {
            level: level(m.severity),
        },
        properties: RuleProperties {
            tags,
            security_severity: security_severity(m.severity),
        },
    }
}

fn result(f: &Finding, rule_index: Option<usize>) -> SarifResult<'_> {
    let loc = &f.location;
    let mut text = f.message.clone();
    if !f.conditions.is_empty() {
        text.push_str(&format!(" (only when {})", f.conditions.join(" and ")));
    }
    let physical = (!loc.path.is_empty()).then(|| physical(&loc.path, loc.region.as_ref()));
    let logical: Vec<LogicalLocation<'_>> = loc
        .resource
        .iter()
        .map(|name| LogicalLocation {
            name,
            kind: "resource",
        })
        .collect();
    let locations = if physical.is_none() && logical.is_empty() {
        Vec::new()
    } else {
        vec![SarifLocation {
            physical_location: physical,
            logical_locations: logical,
        }]
    };
    let mut partial_fingerprints = BTreeMap::new();
    if !f.fingerprint.is_empty() {
        partial_fingerprints.insert(FINGERPRINT_KEY, f.fingerprint.as_str());
    }
    SarifResult {
        rule_id: &f.rule,
        rule_index,
        level: level(f.severity),
        message: OwnedText { text },
        locations,
        partial_fingerprints,
        properties: ResultProperties {
            severity: f.severity,
            resource_type: loc.resource_type.as_deref(),
            json_path: loc.json_path.as_deref(),
            confidence: f.confidence,
            provenance: f.provenance.as_ref(),
        },
    }
}

fn notification(e: &InputError) -> Notification<'_> {
    let mut text = e.message.clone();
    if let Some(help) = &e.help {
        text.push_str(&format!("\nhelp: {help}"));
    }
    let locations = if e.path.is_empty() {
        Vec::new()
    } else {
        vec![SarifLocation {
            physical_location: Some(physical(&e.path, e.region.as_ref())),
            logical_locations: Vec::new(),
        }]
    };
    Notification {
        level: "error",
        message: OwnedText { text },
        locations,
    }
}

fn physical(path: &str, region: Option<&Region>) -> PhysicalLocation {
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: path_to_uri(path),
        },
        region: region.map(|r| SarifRegion {
            start_line: r.start.line.max(1),
            start_column: r.start.utf16_column.max(1),
            end_line: r.end.line.max(1),
            end_column: r.end.utf16_column.max(1),
        }),
    }
}

/// A path as a URI reference: `/` separators, leading `./` dropped, everything but unreserved
/// characters and `/` percent-encoded (UTF-8). Absolute paths become `file:` URIs.
fn path_to_uri(path: &str) -> String {
    let mut p = path.replace('\\', "/");
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.to_owned();
    }
    if let (true, Some(drive), Some(rest)) = (
        matches!(p.as_bytes(), [l, b':', b'/', ..] if l.is_ascii_alphabetic()),
        p.get(..2),
        p.get(2..),
    ) {
        // `C:/dir/file` → `file:///C:/dir/file` (keep the drive's colon).
        return format!("file:///{drive}{}", encode(rest));
    }
    if p.starts_with('/') {
        return format!("file://{}", encode(&p));
    }
    encode(&p)
}

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
