//! Scanning a template never panics, whatever the text, read as YAML and as JSON.
#![no_main]

use palisade_cfn::{scan_text, ScanOptions};
use palisade_doc::Format;

libfuzzer_sys::fuzz_target!(|text: &str| {
    let opts = ScanOptions::default();
    drop(scan_text("fuzz.yaml", text, Format::Yaml, &opts));
    drop(scan_text("fuzz.json", text, Format::Json, &opts));
});
