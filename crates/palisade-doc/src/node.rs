//! The document tree: every node carries the byte span it came from.

use std::fmt;

pub use palisade_core::Span;

/// The kind of a scalar before any CloudFormation interpretation.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`, `~`, or an empty YAML value.
    Null,
    /// `true` / `false` (YAML 1.2 core schema; JSON literals).
    Bool(bool),
    /// An integer or float, with its source text kept (CloudFormation treats many numbers as strings).
    Number(String),
    /// A string (quoted, or a plain YAML scalar that is not null/bool/number).
    String(String),
    /// A sequence / JSON array.
    Seq(Vec<Node>),
    /// A mapping / JSON object, in source order. Keys are unique (duplicates are reported as errors
    /// and the *last* value is kept, as most YAML loaders do).
    Map(Vec<Entry>),
}

/// One `key: value` pair of a mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The key text.
    pub key: String,
    /// Where the key is.
    pub key_span: Span,
    /// The value.
    pub value: Node,
}

/// A node of the document tree.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Where the node is in the source (for a normalised short-form tag, the whole tagged node).
    pub span: Span,
    /// What it holds.
    pub value: Value,
    /// A YAML tag that is not a CloudFormation short form (e.g. `!Rain::Embed`), kept verbatim.
    pub tag: Option<String>,
}

impl Node {
    /// A node with no tag.
    #[must_use]
    pub fn new(span: Span, value: Value) -> Self {
        Self {
            span,
            value,
            tag: None,
        }
    }

    /// The value under `key` if this is a mapping.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|e| e.key == key).map(|e| &e.value),
            _ => None,
        }
    }

    /// The entry (with key span) under `key` if this is a mapping.
    #[must_use]
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }

    /// The mapping entries, if this is a mapping.
    #[must_use]
    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items, if this is a sequence.
    #[must_use]
    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The text if this is a string.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// A scalar as text: strings, numbers and booleans (`"true"`), as CloudFormation coerces them.
    #[must_use]
    pub fn scalar_text(&self) -> Option<std::borrow::Cow<'_, str>> {
        use std::borrow::Cow;
        match &self.value {
            Value::String(s) | Value::Number(s) => Some(Cow::Borrowed(s.as_str())),
            Value::Bool(true) => Some(Cow::Borrowed("true")),
            Value::Bool(false) => Some(Cow::Borrowed("false")),
            _ => None,
        }
    }

    /// If this mapping has exactly one key, that entry (how intrinsic functions look).
    #[must_use]
    pub fn single_entry(&self) -> Option<&Entry> {
        match &self.value {
            Value::Map(entries) if entries.len() == 1 => entries.first(),
            _ => None,
        }
    }

    /// Whether this node is a mapping.
    #[must_use]
    pub fn is_map(&self) -> bool {
        matches!(self.value, Value::Map(_))
    }
}

/// The format a document was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// JSON (strict: no comments, no trailing commas).
    Json,
    /// YAML 1.2.
    Yaml,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Json => "JSON",
            Format::Yaml => "YAML",
        })
    }
}
