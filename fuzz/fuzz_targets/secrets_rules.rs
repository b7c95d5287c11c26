//! Loading a rule file never panics, whatever the text; errors carry a position inside it; any
//! rule that loads can be compiled into an engine and run on its own examples.
#![no_main]

use palisade_secrets::{Engine, Scratch};

libfuzzer_sys::fuzz_target!(|text: &str| {
    let (rules, errors) = palisade_secrets::rules::parse_file("fuzz.yaml", text);
    let lines = text.lines().count().max(1) as u32 + 1;
    for e in &errors {
        assert!(e.line <= lines, "{e}");
    }
    if let Ok(engine) = Engine::new(rules) {
        let _ = palisade_secrets::check::check(&engine);
        let mut out = Vec::new();
        engine.scan(text.as_bytes(), &mut Scratch::default(), &mut out);
    }
});
