//! Palisade's shared model: findings, locations, rule metadata, configuration, baselines,
//! reporters and the exit-code policy. Domain crates produce [`Finding`]s; only the CLI prints.
#![deny(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

pub mod baseline;
pub mod config;
pub mod exit;
pub mod finding;
pub mod fingerprint;
pub mod location;
pub mod report;
pub mod rule;

pub use finding::{
    Confidence, Finding, InputError, Location, Provenance, Region, Report, Severity,
};
pub use location::{LineIndex, Position, Span};
pub use rule::{RuleMeta, Tool, Xref};

/// Build a [`Region`] from a span, using the source text and its line index.
#[must_use]
pub fn region(text: &str, index: &LineIndex, span: Span) -> Region {
    Region {
        span,
        start: index.position(text, span.start),
        end: index.position(text, span.end),
    }
}
