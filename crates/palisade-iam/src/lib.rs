//! IAM: the policy model parsed from a document node, and ARNs ([`arn`]).
//!
//! [`parse_policy`] reads a [`PolicyDocument`] from a [`palisade_doc::Node`] and reports every
//! structural problem as a [`PolicyIssue`]; every element keeps its byte [`palisade_core::Span`].
//! [`action_matches`] and [`resource_matches`] match names against policy patterns as AWS does,
//! and [`Statement`] answers the questions rules ask (`is_allow`, `has_full_wildcard_action`,
//! `grants_action`, ...).
#![deny(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

pub mod account;
pub mod arn;
pub mod catalog;
pub mod diff;
pub mod escalation;
pub mod eval;
pub mod lint;
pub mod policy;

pub use policy::{
    action_matches, glob_match, has_wildcard, parse_policy, resource_matches, ActionBlock,
    BaseOperator, CaseSensitivity, ConditionBlock, ConditionClause, ConditionEntry,
    ConditionOperator, ConditionValue, Effect, ParsedPolicy, PolicyDocument, PolicyIssue,
    PolicyString, PrincipalBlock, PrincipalEntry, PrincipalKind, PrincipalValue, ResourceBlock,
    SetQualifier, Spanned, Statement, ValueBlock,
};
