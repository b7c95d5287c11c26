//! `palisade rules check`: every rule's examples must match it and its near-misses must not.

use palisade_core::Confidence;

use crate::engine::{Engine, Scratch};

/// One broken expectation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckFailure {
    /// Rule code.
    pub code: String,
    /// Where the rule is defined (`file:line`).
    pub at: String,
    /// What went wrong.
    pub message: String,
}

/// Minimum examples and near-misses per rule.
pub const MIN_CASES: usize = 2;

/// Check every rule of the engine against its own examples and near-misses, with every other
/// rule loaded (so keyword sharing and window merging are exercised as in a real scan).
#[must_use]
pub fn check(engine: &Engine) -> Vec<CheckFailure> {
    let mut failures = Vec::new();
    let mut scratch = Scratch::default();
    let mut matches = Vec::new();
    for (i, rule) in engine.rules().iter().enumerate() {
        let mut fail = |message: String| {
            failures.push(CheckFailure {
                code: rule.code.clone(),
                at: format!("{}:{}", rule.source, rule.line),
                message,
            });
        };
        if rule.examples.len() < MIN_CASES {
            fail(format!(
                "has {} example(s); needs {MIN_CASES}",
                rule.examples.len()
            ));
        }
        if rule.near_misses.len() < MIN_CASES {
            fail(format!(
                "has {} near-miss(es); needs {MIN_CASES}",
                rule.near_misses.len()
            ));
        }
        if let Some(e) = rule.regex.error() {
            fail(format!("pattern does not compile: {e}"));
        }
        for (what, lazy) in rule
            .near
            .iter()
            .map(|n| ("near", &n.regex))
            .chain(rule.exclude.iter().map(|x| ("exclude", x)))
        {
            if lazy.get().is_none() {
                fail(format!(
                    "{what} pattern does not compile: {}",
                    lazy.source()
                ));
            }
        }
        if rule.references.is_empty() {
            fail("has no references".into());
        }
        for ex in &rule.examples {
            matches.clear();
            engine.scan(ex.as_bytes(), &mut scratch, &mut matches);
            let hit = matches
                .iter()
                .any(|m| m.rule == i && m.confidence >= Confidence::Medium);
            if !hit {
                let why = if matches.iter().any(|m| m.rule == i) {
                    " (it matches, but reads as a placeholder: low confidence)"
                } else {
                    ""
                };
                fail(format!("example does not match{why}: {ex:?}"));
            }
        }
        for nm in &rule.near_misses {
            matches.clear();
            engine.scan(nm.as_bytes(), &mut scratch, &mut matches);
            if matches
                .iter()
                .any(|m| m.rule == i && m.confidence >= Confidence::Medium)
            {
                fail(format!("near-miss matches: {nm:?}"));
            }
        }
    }
    failures
}
