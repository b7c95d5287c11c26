//! CloudFormation templates: model, intrinsic functions, rules, and the per-file scan.
//!
//! Values that cannot be known before deployment stay *unknown*: no rule treats them as safe or
//! unsafe silently (see [`value::Tri`] and [`rule::Hits::unknown`]). `Fn::If` on a condition the
//! parameter values do not decide is checked in both branches, and findings say which condition
//! they depend on.
#![deny(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

pub mod custom;
pub mod known_ids;
pub mod policy_lint;
pub mod registry;
pub mod resolve;
pub mod rule;
pub mod rules;
pub mod sam;
pub mod scan;
pub mod suppress;
pub mod template;
pub mod transform;
pub mod value;

pub use registry::{registry, rule_meta};
pub use scan::{scan_text, FileOutcome, ScanOptions};
