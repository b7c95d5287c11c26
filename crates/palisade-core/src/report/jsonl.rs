//! JSON Lines: one finding per line (`"type":"finding"`), then errors, then one summary line.

use std::io::{self, Write};

use serde::Serialize;

use super::ReportContext;
use crate::finding::{Finding, InputError};

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Line<'a> {
    Finding(&'a Finding),
    Error(&'a InputError),
    Summary {
        files_scanned: usize,
        files_skipped: usize,
        findings: usize,
        errors: usize,
        suppressed: usize,
        baselined: usize,
    },
}

pub(super) fn write(ctx: &ReportContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    let r = ctx.report;
    let mut emit = |line: &Line<'_>| -> io::Result<()> {
        serde_json::to_writer(&mut *out, line).map_err(io::Error::other)?;
        out.write_all(b"\n")
    };
    for f in &r.findings {
        emit(&Line::Finding(f))?;
    }
    for e in &r.errors {
        emit(&Line::Error(e))?;
    }
    emit(&Line::Summary {
        files_scanned: r.files_scanned,
        files_skipped: r.files_skipped,
        findings: r.findings.len(),
        errors: r.errors.len(),
        suppressed: r.suppressed,
        baselined: r.baselined,
    })
}
