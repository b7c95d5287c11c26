//! JUnit XML: one `<testsuite>` per file (named by its path) with one failing `<testcase>` per
//! finding (`classname` = rule code) and one erroring `<testcase>` per input error. A run with
//! neither still yields one passing test case, so CI shows the scan ran.
//!
//! Text is escaped for XML 1.0; characters XML 1.0 cannot carry (most C0 controls, U+FFFE,
//! U+FFFF) are replaced with U+FFFD.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::ReportContext;
use crate::finding::{Finding, InputError};

/// Suite name for errors that concern no file (configuration given on the command line).
const NO_FILE_SUITE: &str = "(configuration)";

#[derive(Default)]
struct Suite<'r> {
    findings: Vec<&'r Finding>,
    errors: Vec<&'r InputError>,
}

pub(super) fn write(ctx: &ReportContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(render(ctx).as_bytes())
}

fn render(ctx: &ReportContext<'_>) -> String {
    let r = ctx.report;
    let mut suites: BTreeMap<&str, Suite<'_>> = BTreeMap::new();
    for f in &r.findings {
        suites
            .entry(f.location.path.as_str())
            .or_default()
            .findings
            .push(f);
    }
    for e in &r.errors {
        suites.entry(e.path.as_str()).or_default().errors.push(e);
    }

    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if suites.is_empty() {
        let name = format!(
            "{} scanned, no findings",
            if r.files_scanned == 1 {
                "1 file".to_owned()
            } else {
                format!("{} files", r.files_scanned)
            }
        );
        x.push_str("<testsuites name=\"palisade\" tests=\"1\" failures=\"0\" errors=\"0\">\n");
        x.push_str("  <testsuite name=\"palisade\" tests=\"1\" failures=\"0\" errors=\"0\">\n");
        let _ = writeln!(
            x,
            "    <testcase classname=\"palisade\" name=\"{}\"/>",
            escape(&name, true)
        );
        x.push_str("  </testsuite>\n</testsuites>\n");
        return x;
    }

    let _ = writeln!(
        x,
        "<testsuites name=\"palisade\" tests=\"{}\" failures=\"{}\" errors=\"{}\">",
        r.findings.len() + r.errors.len(),
        r.findings.len(),
        r.errors.len()
    );
    for (path, suite) in &suites {
        let name = if path.is_empty() { NO_FILE_SUITE } else { path };
        let _ = writeln!(
            x,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">",
            escape(name, true),
            suite.findings.len() + suite.errors.len(),
            suite.findings.len(),
            suite.errors.len()
        );
        for e in &suite.errors {
            error_case(&mut x, e);
        }
        for f in &suite.findings {
            finding_case(&mut x, f);
        }
        x.push_str("  </testsuite>\n");
    }
    x.push_str("</testsuites>\n");
    x
}

fn finding_case(x: &mut String, f: &Finding) {
    let loc = &f.location;
    let name = match (&loc.resource, &loc.region) {
        (Some(r), _) => format!("{r}: {}", f.message),
        (None, Some(region)) => format!("line {}: {}", region.start.line, f.message),
        (None, None) => f.message.clone(),
    };
    let mut body = match &loc.region {
        Some(region) => format!("{}:{}:{}", loc.path, region.start.line, region.start.column),
        None => loc.path.clone(),
    };
    if let Some(resource) = &loc.resource {
        let _ = match &loc.resource_type {
            Some(t) => write!(body, "\nresource: {resource} ({t})"),
            None => write!(body, "\nresource: {resource}"),
        };
    }
    if let Some(path) = &loc.json_path {
        let _ = write!(body, "\njson path: {path}");
    }
    if !f.conditions.is_empty() {
        let _ = write!(body, "\nonly when {}", f.conditions.join(" and "));
    }
    if let Some(evidence) = &f.evidence {
        let _ = write!(body, "\nevidence: {evidence}");
    }
    let _ = write!(
        body,
        "\nrule: {} {} ({})\nhelp: run `palisade rules {}` for what it checks and how to fix it",
        f.rule, f.rule_name, f.severity, f.rule
    );
    let _ = writeln!(
        x,
        "    <testcase classname=\"{}\" name=\"{}\">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>",
        escape(&f.rule, true),
        escape(&name, true),
        escape(&f.message, true),
        f.severity,
        escape(body.trim_start(), false)
    );
}

fn error_case(x: &mut String, e: &InputError) {
    let mut body = match &e.region {
        Some(region) if !e.path.is_empty() => {
            format!("{}:{}:{}", e.path, region.start.line, region.start.column)
        }
        _ => e.path.clone(),
    };
    if let Some(help) = &e.help {
        let _ = write!(body, "\nhelp: {help}");
    }
    let _ = writeln!(
        x,
        "    <testcase classname=\"palisade.input\" name=\"{}\">\n      <error message=\"{}\" type=\"input-error\">{}</error>\n    </testcase>",
        escape(&e.message, true),
        escape(&e.message, true),
        escape(body.trim_start(), false)
    );
}

/// Whether XML 1.0 allows `c` (`Char` production; Rust `char`s are never surrogates).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escape text for an XML 1.0 attribute value (`attr`) or element content. In attributes,
/// tab, newline and carriage return become character references so parsers keep them.
fn escape(s: &str, attr: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attr => out.push_str("&#10;"),
            '\t' if attr => out.push_str("&#9;"),
            c if xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}
