//! The YAML parser never panics, on any UTF-8 input (`proptest` drives the same function in
//! `crates/palisade-doc/tests/yaml.rs`).
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| drop(palisade_doc::parse(text, palisade_doc::Format::Yaml)));
