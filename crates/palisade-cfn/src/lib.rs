//! CloudFormation templates: model, intrinsic functions, rules.
#![deny(clippy::print_stdout, clippy::print_stderr, clippy::exit)]
