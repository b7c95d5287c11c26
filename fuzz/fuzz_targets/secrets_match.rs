//! Scanning arbitrary bytes with every built-in rule never panics; every match lies inside the
//! input with its secret inside the match; findings are redacted by default.
#![no_main]

use std::sync::OnceLock;

use palisade_secrets::{Engine, Scanner, Scratch};

fn scanner() -> &'static Scanner {
    static S: OnceLock<Scanner> = OnceLock::new();
    S.get_or_init(|| {
        let rules = palisade_secrets::rules::builtin().0.clone();
        let mut s = Scanner::new(Engine::new(rules).expect("builtin rules compile"));
        s.min_confidence = palisade_core::Confidence::Low;
        s
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let s = scanner();
    let mut matches = Vec::new();
    s.engine.scan(data, &mut Scratch::default(), &mut matches);
    for m in &matches {
        assert!(m.start <= m.secret_start && m.secret_end <= m.end);
        assert!(m.secret_start < m.secret_end && m.secret_end <= data.len());
    }
    let out = s.scan("fuzz", data, None, &mut Scratch::default());
    for f in &out.findings {
        let ev = f.evidence.as_deref().unwrap_or("");
        assert!(ev.ends_with("********"));
    }
});
