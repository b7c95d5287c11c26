//! Validating a policy never panics, whatever the text, read as JSON or YAML, for every policy
//! type; and every finding points inside the text.
#![no_main]

use palisade_iam::lint::{lint_text, PolicyType};

libfuzzer_sys::fuzz_target!(|text: &str| {
    for format in [palisade_doc::Format::Json, palisade_doc::Format::Yaml] {
        for t in PolicyType::ALL {
            for f in lint_text(text, format, t) {
                assert!(f.span.start <= f.span.end && f.span.end as usize <= text.len());
                assert!(f.path.starts_with('$'));
            }
        }
    }
});
