//! Secret scanning: credential rules as YAML data, a keyword-prefiltered matcher, redaction,
//! per-secret fingerprints, inline allow comments, and readers for files and git history.
#![deny(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

pub mod archive;
pub mod check;
pub mod engine;
pub mod git;

pub mod rules;
pub mod score;
#[cfg(feature = "vectorscan")]
mod vectorscan;

use palisade_core::{Confidence, Finding, Location, Position, Provenance, Region, Span};

pub use engine::{Engine, Match, Scratch};
pub use rules::{Rule, RuleError};

/// Default largest file scanned, in bytes.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// How findings are made from matches.
#[derive(Debug)]
pub struct Scanner {
    /// The compiled rules.
    pub engine: Engine,
    /// Matches below this confidence are dropped.
    pub min_confidence: Confidence,
    /// Print secrets in full (never by default).
    pub show_secrets: bool,
}

/// The built-in rules' scanner with the default settings, compiled once per process and shared
/// by everything that searches with exactly those rules (`palisade scan`'s secret search and the
/// template rules that look for secrets in property values), so the rules' patterns and keyword
/// automaton are built once.
#[must_use]
pub fn builtin_scanner() -> Option<&'static Scanner> {
    static SCANNER: std::sync::OnceLock<Option<Scanner>> = std::sync::OnceLock::new();
    SCANNER
        .get_or_init(|| {
            Engine::new(rules::builtin().0.clone())
                .ok()
                .map(Scanner::new)
        })
        .as_ref()
}

/// Why a file or blob was not scanned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skip {
    /// It contains NUL bytes in its first 8 KiB.
    Binary,
    /// It is larger than the size limit.
    TooLarge,
}

/// What scanning one input produced.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Findings, in position order.
    pub findings: Vec<Finding>,
    /// Findings hidden by `palisade:allow` comments.
    pub suppressed: usize,
    /// Set when the input was not scanned.
    pub skipped: Option<Skip>,
}

/// Whether content looks binary: a NUL byte in its first 8 KiB.
#[must_use]
pub fn is_binary(data: &[u8]) -> bool {
    let head = data.get(..8192).unwrap_or(data);
    memchr::memchr(0, head).is_some()
}

/// The redacted form of a secret: a short prefix (enough to tell a key id's type and to find
/// it again) and a fixed mask that does not reveal the length.
#[must_use]
pub fn redact(secret: &[u8]) -> String {
    let text = String::from_utf8_lossy(secret);
    let n = text.chars().count();
    let keep = if n >= 20 {
        4
    } else if n >= 10 {
        2
    } else {
        0
    };
    let mut out: String = text.chars().take(keep).collect();
    out.push_str("********");
    out
}

/// 1-based position of byte `off` in `hay` (columns in characters and UTF-16 units).
#[must_use]
pub fn position(hay: &[u8], off: usize) -> Position {
    Positions::new(hay).at(off)
}

/// Positions of increasing offsets in one input, each found from the last one: a file with
/// many findings (or one long minified line) is walked once, not once per finding.
#[derive(Debug)]
pub struct Positions<'a> {
    hay: &'a [u8],
    off: usize,
    line: usize,
    column: usize,
    utf16: usize,
}

impl<'a> Positions<'a> {
    /// A cursor at the start of `hay`.
    #[must_use]
    pub fn new(hay: &'a [u8]) -> Self {
        Self {
            hay,
            off: 0,
            line: 1,
            column: 1,
            utf16: 1,
        }
    }

    /// The position of byte `off`. Offsets before the last one asked for restart the walk.
    pub fn at(&mut self, off: usize) -> Position {
        let off = off.min(self.hay.len());
        if off < self.off {
            *self = Self::new(self.hay);
        }
        let seg = self.hay.get(self.off..off).unwrap_or(&[]);
        let tail = match memchr::memrchr(b'\n', seg) {
            Some(nl) => {
                self.line += memchr::memchr_iter(b'\n', seg).count();
                self.column = 1;
                self.utf16 = 1;
                seg.get(nl + 1..).unwrap_or(&[])
            }
            None => seg,
        };
        let (chars, utf16) = width(tail);
        self.column += chars;
        self.utf16 += utf16;
        self.off = off;
        Position {
            line: u32::try_from(self.line).unwrap_or(u32::MAX),
            column: u32::try_from(self.column).unwrap_or(u32::MAX),
            utf16_column: u32::try_from(self.utf16).unwrap_or(u32::MAX),
        }
    }
}

/// Characters and UTF-16 units in `bytes` (invalid sequences count as one replacement
/// character each, as `from_utf8_lossy` shows them).
fn width(bytes: &[u8]) -> (usize, usize) {
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            let chars = text.chars().count();
            // Characters outside the BMP (4-byte sequences) take two UTF-16 units.
            let astral = bytes.iter().filter(|&&b| b >= 0xF0).count();
            (chars, chars + astral)
        }
        Err(_) => {
            let text = String::from_utf8_lossy(bytes);
            let chars = text.chars().count();
            (chars, text.chars().map(char::len_utf16).sum())
        }
    }
}

/// The line containing byte `off`, and the one before it.
fn this_and_previous_line(hay: &[u8], off: usize) -> (&[u8], &[u8]) {
    let off = off.min(hay.len());
    let before = hay.get(..off).unwrap_or(hay);
    let start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let end = hay
        .get(off..)
        .and_then(|rest| memchr::memchr(b'\n', rest))
        .map_or(hay.len(), |i| off + i);
    let line = hay.get(start..end).unwrap_or(&[]);
    let prev = if start == 0 {
        &[][..]
    } else {
        let pe = start - 1;
        let ps = hay
            .get(..pe)
            .and_then(|b| memchr::memrchr(b'\n', b))
            .map_or(0, |i| i + 1);
        hay.get(ps..pe).unwrap_or(&[])
    };
    (line, prev)
}

/// Whether a line holds only a comment (so that an allow comment on it speaks for the next
/// line).
fn is_comment_line(line: &[u8]) -> bool {
    let t = String::from_utf8_lossy(line);
    let t = t.trim_start();
    [
        "#", "//", "--", ";", "/*", "*", "<!--", "%", "'", "rem ", "REM ",
    ]
    .iter()
    .any(|m| t.starts_with(m))
}

/// Whether a `palisade:allow <rule> <reason>` comment in `line` names the rule (by code or
/// name) and gives a reason.
#[must_use]
pub fn allows(line: &[u8], code: &str, name: &str) -> bool {
    const MARK: &[u8] = b"palisade:allow";
    let mut rest = line;
    while let Some(i) = memchr::memmem::find(rest, MARK) {
        let after = rest.get(i + MARK.len()..).unwrap_or(&[]);
        let text = String::from_utf8_lossy(after);
        let mut words = text.split_whitespace();
        if let (Some(rule), Some(_reason)) = (words.next(), words.next()) {
            let rule = rule.trim_end_matches(',');
            if rule.eq_ignore_ascii_case(code) || rule == name {
                return true;
            }
        }
        rest = after;
    }
    false
}

impl Scanner {
    /// A scanner with the default confidence threshold (medium) and redaction on.
    #[must_use]
    pub fn new(engine: Engine) -> Self {
        Self {
            engine,
            min_confidence: Confidence::Medium,
            show_secrets: false,
        }
    }

    /// Scan one input. `path` is how findings name it.
    #[must_use]
    pub fn scan(
        &self,
        path: &str,
        data: &[u8],
        provenance: Option<&Provenance>,
        scratch: &mut Scratch,
    ) -> Outcome {
        let mut out = Outcome::default();
        if is_binary(data) {
            out.skipped = Some(Skip::Binary);
            return out;
        }
        let mut matches = Vec::new();
        self.engine.scan(data, scratch, &mut matches);
        matches.retain(|m| m.confidence >= self.min_confidence);
        let matches = self.best_of_overlapping(matches);
        let mut positions = Positions::new(data);
        for m in matches {
            let Some(rule) = self.engine.rules().get(m.rule) else {
                continue;
            };
            let (line, prev) = this_and_previous_line(data, m.secret_start);
            if allows(line, &rule.code, &rule.name)
                || (is_comment_line(prev) && allows(prev, &rule.code, &rule.name))
            {
                out.suppressed += 1;
                continue;
            }
            out.findings.push(self.finding(
                rule,
                path,
                data,
                &m,
                &mut positions,
                provenance.cloned(),
            ));
        }
        out
    }

    /// Where several rules found the same secret (overlapping spans), keep the most telling
    /// one: highest confidence, then a provider rule over a generic one, then the highest
    /// severity, then the rule loaded first.
    fn best_of_overlapping(&self, matches: Vec<Match>) -> Vec<Match> {
        let rank = |m: &Match| {
            let r = self.engine.rules().get(m.rule);
            (
                m.confidence,
                r.is_some_and(|r| r.provider != "Generic"),
                r.map(|r| r.severity),
                std::cmp::Reverse(m.rule),
            )
        };
        // Matches are sorted by start, so rivals are neighbours; look a bounded distance
        // either way so that a file full of matches stays linear.
        const REACH: usize = 16;
        let keep: Vec<bool> = (0..matches.len())
            .map(|i| {
                let Some(m) = matches.get(i) else {
                    return false;
                };
                let lo = i.saturating_sub(REACH);
                let hi = (i + REACH + 1).min(matches.len());
                !(lo..hi).any(|j| {
                    j != i
                        && matches.get(j).is_some_and(|o| {
                            o.secret_start < m.secret_end
                                && m.secret_start < o.secret_end
                                && rank(o) > rank(m)
                        })
                })
            })
            .collect();
        matches
            .into_iter()
            .zip(keep)
            .filter_map(|(m, k)| k.then_some(m))
            .collect()
    }

    fn finding(
        &self,
        rule: &Rule,
        path: &str,
        data: &[u8],
        m: &Match,
        positions: &mut Positions<'_>,
        provenance: Option<Provenance>,
    ) -> Finding {
        let secret = data.get(m.secret_start..m.secret_end).unwrap_or(&[]);
        let shown = if self.show_secrets {
            String::from_utf8_lossy(secret).into_owned()
        } else {
            redact(secret)
        };
        let span = Span::new(m.secret_start, m.secret_end);
        let region = Region {
            span,
            start: positions.at(m.secret_start),
            end: positions.at(m.secret_end),
        };
        let fingerprint = palisade_core::fingerprint::fingerprint(&[
            &rule.code,
            &String::from_utf8_lossy(secret),
        ]);
        Finding {
            rule: rule.code.clone(),
            rule_name: rule.name.clone(),
            severity: rule.severity,
            message: format!("{} `{shown}`", rule.title),
            location: Location {
                path: path.to_string(),
                region: Some(region),
                resource: None,
                resource_type: None,
                json_path: None,
            },
            conditions: Vec::new(),
            evidence: Some(shown),
            confidence: Some(m.confidence),
            provenance,
            xrefs: Vec::new(),
            fingerprint,
        }
    }
}

/// A copy of `data` with every finding's secret masked (`*` for each character after the
/// redaction prefix), so that a source excerpt in a report shows where a secret is without
/// revealing it. Columns stay valid.
#[must_use]
pub fn mask_source(data: &[u8], findings: &[Finding]) -> String {
    let mut bytes = data.to_vec();
    for f in findings {
        let Some(r) = f.location.region else { continue };
        let (s, e) = (r.span.start as usize, r.span.end as usize);
        let Some(secret) = data.get(s..e) else {
            continue;
        };
        let keep = redact(secret).trim_end_matches('*').chars().count();
        let text = String::from_utf8_lossy(secret);
        let masked: String = text
            .chars()
            .enumerate()
            .map(|(i, c)| if i < keep { c } else { '*' })
            .collect();
        if masked.len() == e - s {
            if let Some(dst) = bytes.get_mut(s..e) {
                dst.copy_from_slice(masked.as_bytes());
            }
        } else if let Some(dst) = bytes.get_mut(s..e) {
            dst.fill(b'*');
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}
