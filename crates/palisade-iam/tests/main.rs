//! Integration tests of palisade-iam.

mod policy_issues;
mod policy_parse;
mod policy_query;
mod support;
mod wildcard;
