//! Integration tests of palisade-iam.
// Helpers outside `#[test]` functions (the JSON reader, the reference matcher) count as non-test
// code for clippy; panicking on bad test input is what they should do.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod account;
mod arn;
mod catalog;
mod doc_parsers;
mod eval;
mod lint_checks;
mod policy_issues;
mod policy_parse;
mod policy_query;
mod support;
mod wildcard;
