//! Exit-code policy (DESIGN.md): 0 clean, 1 findings at or above `fail-on`, 2 unreadable input or bad configuration.

use crate::finding::{Report, Severity};

/// No finding at or above the threshold, and every input read.
pub const EXIT_OK: i32 = 0;
/// At least one finding at or above the threshold.
pub const EXIT_FINDINGS: i32 = 1;
/// Some input could not be read or parsed, or the configuration is invalid.
pub const EXIT_INPUT_ERROR: i32 = 2;

/// The exit code for a report. Input errors win over findings: a run that could not read
/// everything must not look like a clean or ordinary failing run.
#[must_use]
pub fn exit_code(report: &Report, fail_on: Severity) -> i32 {
    if !report.errors.is_empty() {
        EXIT_INPUT_ERROR
    } else if report.findings.iter().any(|f| f.severity >= fail_on) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
