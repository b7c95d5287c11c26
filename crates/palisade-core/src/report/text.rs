//! Human-readable output: findings and input errors grouped by file, each with a code frame
//! (drawn by `codespan-reporting`) when the source text and a region are known, then a summary.
//!
//! ```text
//! templates/app.yaml: 1 finding
//!
//! high[CFN1001 s3-bucket-public-read-acl]: bucket `Assets` grants public read access
//!    ┌─ templates/app.yaml:12:7
//!    │
//! 12 │       AccessControl: PublicRead
//!    │       ^^^^^^^^^^^^^^^^^^^^^^^^^
//!    │
//!    = resource: `Assets` (AWS::S3::Bucket)
//!    = only when condition `IsProd` is false
//!    = help: run `palisade rules CFN1001` for what it checks and how to fix it
//!
//! 1 finding (1 high) in 3 files; 0 suppressed, 0 baselined
//! 1 at or above --fail-on high
//! ```

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::termcolor::{Buffer, Color, ColorSpec, WriteColor};
use codespan_reporting::term::{self, Config};

use super::ReportContext;
use crate::finding::{Finding, InputError, Region, Severity};

/// Findings and errors of one file.
#[derive(Default)]
struct Group<'r> {
    findings: Vec<&'r Finding>,
    errors: Vec<&'r InputError>,
}

pub(super) fn write(ctx: &ReportContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut w = Writer::new(ctx);
    let r = ctx.report;

    // Group by path, keeping the report's order inside each file. Errors without a path
    // (configuration given on the command line) come first, under no file heading.
    let mut groups: BTreeMap<&str, Group<'_>> = BTreeMap::new();
    for f in &r.findings {
        groups
            .entry(f.location.path.as_str())
            .or_default()
            .findings
            .push(f);
    }
    for e in &r.errors {
        groups.entry(e.path.as_str()).or_default().errors.push(e);
    }
    for (path, group) in &groups {
        if !path.is_empty() {
            w.file_heading(path, group)?;
        }
        for e in &group.errors {
            w.error(e)?;
        }
        for f in &group.findings {
            w.finding(f)?;
        }
        out.write_all(w.buf.as_slice())?;
        w.buf.clear();
    }
    w.summary()?;
    out.write_all(w.buf.as_slice())
}

/// The codespan severity whose colours fit ours.
fn codespan_severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Critical | Severity::High => CsSeverity::Error,
        Severity::Medium => CsSeverity::Warning,
        Severity::Low => CsSeverity::Note,
        Severity::Info => CsSeverity::Help,
    }
}

fn severity_color(s: Severity) -> Color {
    match s {
        Severity::Critical | Severity::High => Color::Red,
        Severity::Medium => Color::Yellow,
        Severity::Low => Color::Green,
        Severity::Info => Color::Cyan,
    }
}

fn bold() -> ColorSpec {
    let mut spec = ColorSpec::new();
    spec.set_bold(true).set_intense(true);
    spec
}

fn colored(color: Color, is_bold: bool) -> ColorSpec {
    let mut spec = ColorSpec::new();
    spec.set_fg(Some(color));
    if is_bold {
        spec.set_bold(true).set_intense(true);
    }
    spec
}

/// `n thing` or `n things`.
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The byte range of `region` in `text`, clamped to the text and widened to char boundaries.
fn byte_range(text: &str, region: &Region) -> Range<usize> {
    let len = text.len();
    let mut start = (region.span.start as usize).min(len);
    let mut end = (region.span.end as usize).clamp(start, len);
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    while end < len && !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// Writes into a colour (ANSI) or plain buffer; the caller copies it to the real output.
struct Writer<'c, 'a> {
    ctx: &'c ReportContext<'a>,
    buf: Buffer,
    files: SimpleFiles<&'a str, &'a str>,
    file_ids: HashMap<&'a str, Option<usize>>,
    config: Config,
}

impl<'c, 'a> Writer<'c, 'a> {
    fn new(ctx: &'c ReportContext<'a>) -> Self {
        Self {
            ctx,
            buf: Self::buffer(ctx.color),
            files: SimpleFiles::new(),
            file_ids: HashMap::new(),
            config: Config::default(),
        }
    }

    fn buffer(color: bool) -> Buffer {
        if color {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        }
    }

    fn styled(&mut self, spec: &ColorSpec, text: &str) -> io::Result<()> {
        self.buf.set_color(spec)?;
        self.buf.write_all(text.as_bytes())?;
        self.buf.reset()
    }

    fn file_heading(&mut self, path: &str, group: &Group<'_>) -> io::Result<()> {
        let mut parts = Vec::new();
        if !group.findings.is_empty() {
            parts.push(count(group.findings.len(), "finding", "findings"));
        }
        if !group.errors.is_empty() {
            parts.push(count(group.errors.len(), "error", "errors"));
        }
        self.styled(&colored(Color::Magenta, true), path)?;
        writeln!(self.buf, ": {}", parts.join(", "))?;
        writeln!(self.buf)
    }

    /// The codespan file id of `path`, adding its source on first use.
    fn file_id(&mut self, path: &'a str) -> Option<usize> {
        if let Some(id) = self.file_ids.get(path) {
            return *id;
        }
        let id = self
            .ctx
            .sources
            .source(path)
            .map(|text| self.files.add(path, text));
        self.file_ids.insert(path, id);
        id
    }

    /// The code frame for `region` of `path` (locus, underlined source, notes), without
    /// codespan's own header line; `None` when the source is unavailable or the region does
    /// not fit it.
    fn frame(
        &mut self,
        path: &'a str,
        region: Option<&Region>,
        severity: CsSeverity,
        notes: Vec<String>,
    ) -> Option<Vec<u8>> {
        let region = region?;
        let id = self.file_id(path)?;
        let text = self.ctx.sources.source(path)?;
        let diagnostic = Diagnostic::new(severity)
            .with_labels(vec![Label::primary(id, byte_range(text, region))])
            .with_notes(notes);
        let mut frame = Self::buffer(self.ctx.color);
        term::emit_to_write_style(&mut frame, &self.config, &self.files, &diagnostic).ok()?;
        // Drop the first line: codespan's header, with an empty message (ours is written
        // separately, with our severity names).
        let bytes = frame.as_slice();
        let newline = bytes.iter().position(|&b| b == b'\n')?;
        bytes.get(newline + 1..).map(<[u8]>::to_vec)
    }

    /// A location without a frame, then notes, in the same layout as a frame.
    fn plain_locus(&mut self, locus: &str, notes: &[String]) -> io::Result<()> {
        let border = colored(Color::Cyan, false);
        if !locus.is_empty() {
            write!(self.buf, "  ")?;
            self.styled(&border, "┌─")?;
            writeln!(self.buf, " {locus}")?;
        }
        for note in notes {
            write!(self.buf, "  ")?;
            self.styled(&border, "=")?;
            writeln!(self.buf, " {note}")?;
        }
        writeln!(self.buf)
    }

    fn finding(&mut self, f: &'a Finding) -> io::Result<()> {
        let color = severity_color(f.severity);
        self.styled(
            &colored(color, true),
            &format!("{}[{} {}]", f.severity, f.rule, f.rule_name),
        )?;
        self.styled(&bold(), &format!(": {}", f.message))?;
        writeln!(self.buf)?;

        let loc = &f.location;
        let mut notes = Vec::new();
        if !f.conditions.is_empty() {
            notes.push(format!("only when {}", f.conditions.join(" and ")));
        }
        if let Some(evidence) = &f.evidence {
            notes.push(format!("evidence: {evidence}"));
        }
        if let Some(c) = f.confidence {
            notes.push(format!("confidence: {c}"));
        }
        if let Some(p) = &f.provenance {
            if p.commit.is_empty() {
                notes.push(format!("staged: blob {}", p.blob));
            } else {
                notes.push(format!(
                    "introduced in commit {} by {} on {}",
                    p.commit, p.author, p.date
                ));
            }
        }
        notes.push(format!(
            "help: run `palisade rules {}` for what it checks and how to fix it",
            f.rule
        ));

        let resource_note = loc.resource.as_ref().map(|r| match &loc.resource_type {
            Some(t) => format!("resource: `{r}` ({t})"),
            None => format!("resource: `{r}`"),
        });
        let mut frame_notes = notes.clone();
        if let Some(note) = &resource_note {
            frame_notes.insert(0, note.clone());
        }
        let severity = codespan_severity(f.severity);
        match self.frame(&loc.path, loc.region.as_ref(), severity, frame_notes) {
            Some(frame) => self.buf.write_all(&frame),
            None => {
                let mut locus = match loc.region {
                    Some(r) if !loc.path.is_empty() => {
                        format!("{}:{}:{}", loc.path, r.start.line, r.start.column)
                    }
                    _ => loc.path.clone(),
                };
                if let Some(r) = &loc.resource {
                    if !locus.is_empty() {
                        locus.push_str(": ");
                    }
                    locus.push_str(r);
                }
                self.plain_locus(&locus, &notes)
            }
        }
    }

    fn error(&mut self, e: &'a InputError) -> io::Result<()> {
        self.styled(&colored(Color::Red, true), "error")?;
        self.styled(&bold(), &format!(": {}", e.message))?;
        writeln!(self.buf)?;
        let notes: Vec<String> = e.help.iter().map(|h| format!("help: {h}")).collect();
        match self.frame(&e.path, e.region.as_ref(), CsSeverity::Error, notes.clone()) {
            Some(frame) => self.buf.write_all(&frame),
            None => {
                let locus = match e.region {
                    Some(r) if !e.path.is_empty() => {
                        format!("{}:{}:{}", e.path, r.start.line, r.start.column)
                    }
                    _ => e.path.clone(),
                };
                self.plain_locus(&locus, &notes)
            }
        }
    }

    fn summary(&mut self) -> io::Result<()> {
        let r = self.ctx.report;
        let files = count(r.files_scanned, "file", "files");
        let mut line = if r.findings.is_empty() {
            format!("no findings in {files}")
        } else {
            let by_severity: Vec<String> = Severity::ALL
                .iter()
                .rev()
                .filter_map(|&s| {
                    let n = r.findings.iter().filter(|f| f.severity == s).count();
                    (n > 0).then(|| format!("{n} {s}"))
                })
                .collect();
            format!(
                "{} ({}) in {files}",
                count(r.findings.len(), "finding", "findings"),
                by_severity.join(", ")
            )
        };
        if !r.errors.is_empty() {
            line.push_str(&format!(", {}", count(r.errors.len(), "error", "errors")));
        }
        if !r.findings.is_empty() || r.suppressed > 0 || r.baselined > 0 {
            line.push_str(&format!(
                "; {} suppressed, {} baselined",
                r.suppressed, r.baselined
            ));
        }
        self.styled(&bold(), &line)?;
        writeln!(self.buf)?;
        let failing = r
            .findings
            .iter()
            .filter(|f| f.severity >= self.ctx.fail_on)
            .count();
        if failing > 0 {
            writeln!(
                self.buf,
                "{failing} at or above --fail-on {}",
                self.ctx.fail_on
            )?;
        }
        Ok(())
    }
}
