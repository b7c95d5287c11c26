//! The IAM policy model: plain syntax types read from a [`palisade_doc::Node`], the reader that
//! reports structural problems, AWS wildcard matching, and the queries rules ask of a statement.

mod model;
mod parse;
mod query;
pub(crate) mod wildcard;

pub use model::{
    ActionBlock, BaseOperator, ConditionBlock, ConditionClause, ConditionEntry, ConditionOperator,
    ConditionValue, Effect, PolicyDocument, PolicyIssue, PolicyString, PrincipalBlock,
    PrincipalEntry, PrincipalKind, PrincipalValue, ResourceBlock, SetQualifier, Spanned, Statement,
    ValueBlock,
};
pub use parse::{parse_policy, ParsedPolicy};
pub use wildcard::{action_matches, glob_match, has_wildcard, resource_matches, CaseSensitivity};
