//! Parse errors: data, not panics.

use crate::node::Span;

/// What went wrong while reading a document.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DocError {
    /// Lowercase, one line, user input in backticks.
    pub message: String,
    /// Where (byte span; may be empty at the point of failure).
    pub span: Span,
    /// Advice, if any.
    pub help: Option<String>,
    /// Whether the tree is unusable (syntax error) or still usable (e.g. a duplicate key).
    pub fatal: bool,
}

/// A parsed document: the tree (when one could be built) and every error found.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    /// The root node; `None` when the syntax was too broken to build a tree.
    pub root: Option<crate::node::Node>,
    /// Every problem found, fatal or not, in source order.
    pub errors: Vec<DocError>,
}
