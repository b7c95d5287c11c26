//! Span-preserving document tree for YAML (with CloudFormation short-form tags) and JSON.
//!
//! Every [`Node`] knows its byte [`Span`]; line and column are computed at the edge with
//! [`LineIndex`] (both live in `palisade-core`, which every crate shares). Parsers never panic: they return what they could read plus all errors.
#![deny(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

mod error;
mod json;
mod node;
mod yaml;

pub use error::{DocError, Parsed};
pub use node::{Entry, Format, Node, Span, Value};
pub use palisade_core::{LineIndex, Position};

/// Hard limits that keep hostile input from exhausting the stack or memory.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Maximum nesting depth of sequences/mappings.
    pub max_depth: usize,
    /// Maximum number of nodes produced by alias expansion in one document.
    pub max_alias_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_depth: 128,
            max_alias_nodes: 100_000,
        }
    }
}

/// Parse text as the given format.
#[must_use]
pub fn parse(text: &str, format: Format) -> Parsed {
    parse_with(text, format, Limits::default())
}

/// Parse with explicit limits.
#[must_use]
#[allow(unused)]
pub fn parse_with(text: &str, format: Format, limits: Limits) -> Parsed {
    match format {
        Format::Json => json::parse(text, limits),
        Format::Yaml => yaml::parse(text, limits),
    }
}

/// Guess the format from content: JSON when the first non-blank character is `{` or `[`.
#[must_use]
pub fn sniff(text: &str) -> Format {
    match text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .as_bytes()
        .first()
    {
        Some(b'{' | b'[') => Format::Json,
        _ => Format::Yaml,
    }
}
