//! Dev-only test helpers shared by the rule crates: fixture discovery and rendering of findings
//! for snapshots.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use palisade_core::Finding;

/// What a fixture must show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// `fail*`: at least one finding of the rule (not merely an `info` "cannot tell").
    Fail,
    /// `pass*`: no finding of the rule.
    Pass,
    /// `unknown*`: only `info` findings of the rule, saying what could not be resolved.
    Unknown,
}

/// One fixture file.
#[derive(Debug, Clone)]
pub struct Fixture {
    /// Its path.
    pub path: PathBuf,
    /// What it must show.
    pub expect: Expect,
}

/// The fixtures in `dir` (sorted), classified by their file-name prefix. Other files are
/// returned as errors so that no fixture is silently ignored.
pub fn fixtures(dir: &Path) -> (Vec<Fixture>, Vec<String>) {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return (
            out,
            vec![format!("{}: missing fixture directory", dir.display())],
        );
    };
    let mut paths: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name == "LICENSE" || name.ends_with(".md") || name.ends_with(".params.json") {
            continue;
        }
        let expect = if name.starts_with("fail") {
            Expect::Fail
        } else if name.starts_with("pass") {
            Expect::Pass
        } else if name.starts_with("unknown") {
            Expect::Unknown
        } else {
            bad.push(format!(
                "{}: fixture name must start with fail, pass or unknown",
                path.display()
            ));
            continue;
        };
        out.push(Fixture { path, expect });
    }
    (out, bad)
}

/// Render findings compactly for a snapshot: `line:col severity CODE resource: message [conditions]`.
pub fn render(findings: &[Finding]) -> String {
    let mut s = String::new();
    for f in findings {
        let (l, c) = f
            .location
            .region
            .map_or((0, 0), |r| (r.start.line, r.start.column));
        let _ = write!(
            s,
            "{l}:{c} {} {} {}: {}",
            f.severity,
            f.rule,
            f.location.resource.as_deref().unwrap_or("-"),
            f.message
        );
        if !f.conditions.is_empty() {
            let _ = write!(s, " [when {}]", f.conditions.join(", "));
        }
        s.push('\n');
    }
    s
}
