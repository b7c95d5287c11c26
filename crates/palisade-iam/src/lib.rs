//! IAM: the policy model parsed from a document node.
#![deny(clippy::print_stdout, clippy::print_stderr, clippy::exit)]
