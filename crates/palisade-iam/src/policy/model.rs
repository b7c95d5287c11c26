//! Plain syntax types of an IAM policy document, each with the byte span it was read from.
//!
//! These types say what the document *says*, not what it means: values that were not strings
//! (unresolved template intrinsics) are kept as [`PolicyString::Unknown`], and invalid values are
//! kept as far as they could be read (the problems are reported by [`parse_policy`]).
//!
//! [`parse_policy`]: crate::parse_policy

use std::fmt;

use palisade_core::Span;

/// A value together with where it was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it is in the source.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Pair a value with its span.
    #[must_use]
    pub fn new(value: T, span: Span) -> Self {
        Self { value, span }
    }
}

/// A policy document: `Version`, `Id` and its statements.
#[derive(Clone, Debug, PartialEq)]
pub struct PolicyDocument {
    /// `Version`, if present (`2012-10-17` or `2008-10-17`; other values are reported).
    pub version: Option<Spanned<String>>,
    /// `Id`, if present.
    pub id: Option<Spanned<String>>,
    /// The statements in source order (a single-object `Statement` gives one).
    pub statements: Vec<Statement>,
    /// The whole document node.
    pub span: Span,
}

impl PolicyDocument {
    /// The statements whose effect is `Allow`.
    pub fn allow_statements(&self) -> impl Iterator<Item = &Statement> {
        self.statements.iter().filter(|s| s.is_allow())
    }

    /// The statements whose effect is `Deny`.
    pub fn deny_statements(&self) -> impl Iterator<Item = &Statement> {
        self.statements.iter().filter(|s| s.is_deny())
    }
}

/// One statement of a policy.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// `Sid`, if present.
    pub sid: Option<Spanned<String>>,
    /// `Effect` (when missing: [`Effect::Missing`] with the statement's span).
    pub effect: Spanned<Effect>,
    /// `Action` or `NotAction` (see [`ValueBlock::negated`]).
    pub action: Option<ActionBlock>,
    /// `Resource` or `NotResource`.
    pub resource: Option<ResourceBlock>,
    /// `Principal` or `NotPrincipal`.
    pub principal: Option<PrincipalBlock>,
    /// `Condition`.
    pub condition: Option<ConditionBlock>,
    /// The whole statement node.
    pub span: Span,
    /// Position in the `Statement` list (0 for a single-object `Statement`).
    pub index: usize,
}

/// The `Effect` of a statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Effect {
    /// `"Allow"`.
    Allow,
    /// `"Deny"`.
    Deny,
    /// Not a string: an unresolved template intrinsic (e.g. `{"Fn::If": ...}`).
    Unknown,
    /// Any other value, including a wrong case such as `"allow"` (AWS compares case-sensitively).
    /// Reported as an issue.
    Invalid,
    /// The statement has no `Effect`. Reported as an issue.
    Missing,
}

impl fmt::Display for Effect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
            Effect::Unknown => "unknown",
            Effect::Invalid => "invalid",
            Effect::Missing => "missing",
        })
    }
}

/// A string-valued policy element (an action, a resource, a principal).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicyString {
    /// Text (a string, or a number as CloudFormation coerces it, e.g. a YAML account id).
    Known {
        /// The text.
        text: String,
        /// Where the value is.
        span: Span,
    },
    /// Not a string: an unresolved template intrinsic such as `{"Ref": ...}` or
    /// `{"Fn::GetAtt": ...}`, or a non-CloudFormation YAML tag. It could be anything.
    Unknown {
        /// Where the value is.
        span: Span,
    },
}

impl PolicyString {
    /// The text, if known.
    #[must_use]
    pub fn known(&self) -> Option<&str> {
        match self {
            PolicyString::Known { text, .. } => Some(text),
            PolicyString::Unknown { .. } => None,
        }
    }

    /// Where the value is.
    #[must_use]
    pub fn span(&self) -> Span {
        match self {
            PolicyString::Known { span, .. } | PolicyString::Unknown { span } => *span,
        }
    }

    /// Whether the value is unknown.
    #[must_use]
    pub fn is_unknown(&self) -> bool {
        matches!(self, PolicyString::Unknown { .. })
    }
}

/// The values of `Action`/`NotAction` or `Resource`/`NotResource` (a string or a list of strings).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueBlock {
    /// `true` for `NotAction` / `NotResource`.
    pub negated: bool,
    /// The values in source order (one for the single-string form).
    pub values: Vec<PolicyString>,
    /// Where the key (`Action`, `NotAction`, ...) is.
    pub key_span: Span,
    /// Where the value (string or list) is.
    pub span: Span,
}

impl ValueBlock {
    /// The known values with their spans.
    pub fn known(&self) -> impl Iterator<Item = (&str, Span)> {
        self.values
            .iter()
            .filter_map(|v| v.known().map(|t| (t, v.span())))
    }

    /// Whether some value is unknown.
    #[must_use]
    pub fn has_unknown(&self) -> bool {
        self.values.iter().any(PolicyString::is_unknown)
    }
}

/// `Action` (or `NotAction`, when [`ValueBlock::negated`]).
pub type ActionBlock = ValueBlock;

/// `Resource` (or `NotResource`, when [`ValueBlock::negated`]).
pub type ResourceBlock = ValueBlock;

/// `Principal` or `NotPrincipal`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrincipalBlock {
    /// `true` for `NotPrincipal`.
    pub negated: bool,
    /// What it names.
    pub value: PrincipalValue,
    /// Where the key is.
    pub key_span: Span,
    /// Where the value is.
    pub span: Span,
}

/// The value of a `Principal`/`NotPrincipal` element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrincipalValue {
    /// The string `"*"`: everyone, including anonymous callers.
    Wildcard,
    /// A mapping such as `{"AWS": [...], "Service": "..."}`, in source order.
    Map(Vec<PrincipalEntry>),
    /// Not readable: an unresolved template intrinsic, or an invalid value (reported).
    Unknown,
}

/// One `kind: value(s)` entry of a principal mapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrincipalEntry {
    /// `AWS`, `Service`, `Federated`, `CanonicalUser`, or something else (reported).
    pub kind: PrincipalKind,
    /// Where the key is.
    pub key_span: Span,
    /// The values (one for the single-string form).
    pub values: Vec<PolicyString>,
    /// Where the value (string or list) is.
    pub span: Span,
}

/// The key of a principal mapping entry.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PrincipalKind {
    /// `AWS`: accounts, users, roles, sessions, or `*`.
    Aws,
    /// `Service`: AWS service principals such as `lambda.amazonaws.com`.
    Service,
    /// `Federated`: identity providers.
    Federated,
    /// `CanonicalUser`: S3 canonical user ids.
    CanonicalUser,
    /// Any other key, verbatim (reported as an issue).
    Other(String),
}

impl PrincipalKind {
    /// The key as written in a policy.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            PrincipalKind::Aws => "AWS",
            PrincipalKind::Service => "Service",
            PrincipalKind::Federated => "Federated",
            PrincipalKind::CanonicalUser => "CanonicalUser",
            PrincipalKind::Other(s) => s,
        }
    }
}

/// The `Condition` element: operator → key → values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConditionBlock {
    /// One clause per operator, in source order.
    pub clauses: Vec<ConditionClause>,
    /// Parts that could not be read because they are unresolved template intrinsics (the whole
    /// block, or one operator's value). When not empty the condition holds more than `clauses`.
    pub unresolved: Vec<Span>,
    /// Where the `Condition` key is.
    pub key_span: Span,
    /// Where the value is.
    pub span: Span,
}

impl ConditionBlock {
    /// Whether the block holds nothing at all (`Condition: {}`).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty() && self.unresolved.is_empty()
    }
}

/// One operator of a condition block with its keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConditionClause {
    /// The operator (its span is the key's).
    pub operator: Spanned<ConditionOperator>,
    /// The condition keys under it, in source order.
    pub entries: Vec<ConditionEntry>,
    /// Where the operator's value (the key mapping) is.
    pub span: Span,
}

/// One `condition-key: value(s)` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConditionEntry {
    /// The condition key as written (AWS compares key names case-insensitively).
    pub key: Spanned<String>,
    /// The values (one for the single-value form).
    pub values: Vec<Spanned<ConditionValue>>,
    /// Where the value (scalar or list) is.
    pub span: Span,
}

/// A condition value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConditionValue {
    /// A string.
    String(String),
    /// A number, with its source text.
    Number(String),
    /// A boolean.
    Bool(bool),
    /// An unresolved template intrinsic.
    Unknown,
}

impl ConditionValue {
    /// The value as text, as AWS compares it (`true`/`false` for booleans); `None` if unknown.
    #[must_use]
    pub fn as_text(&self) -> Option<&str> {
        match self {
            ConditionValue::String(s) | ConditionValue::Number(s) => Some(s),
            ConditionValue::Bool(true) => Some("true"),
            ConditionValue::Bool(false) => Some("false"),
            ConditionValue::Unknown => None,
        }
    }
}

/// A condition operator name split into its parts, e.g. `ForAllValues:StringLikeIfExists`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConditionOperator {
    /// `ForAnyValue:` or `ForAllValues:` prefix.
    pub set: Option<SetQualifier>,
    /// The operator proper.
    pub base: BaseOperator,
    /// `...IfExists` suffix.
    pub if_exists: bool,
}

impl ConditionOperator {
    /// Split an operator name. Never fails: a name that is not a known operator gives
    /// [`BaseOperator::Unknown`] holding the name without its set prefix, and `if_exists` false.
    /// Operator names are case-sensitive.
    ///
    /// ```
    /// use palisade_iam::{BaseOperator, ConditionOperator, SetQualifier};
    /// let op = ConditionOperator::parse("ForAllValues:StringLikeIfExists");
    /// assert_eq!(op.set, Some(SetQualifier::ForAllValues));
    /// assert_eq!(op.base, BaseOperator::StringLike);
    /// assert!(op.if_exists);
    /// ```
    #[must_use]
    pub fn parse(name: &str) -> Self {
        let (set, rest) = if let Some(rest) = name.strip_prefix("ForAnyValue:") {
            (Some(SetQualifier::ForAnyValue), rest)
        } else if let Some(rest) = name.strip_prefix("ForAllValues:") {
            (Some(SetQualifier::ForAllValues), rest)
        } else {
            (None, name)
        };
        if let Some(base) = BaseOperator::from_name(rest) {
            return Self {
                set,
                base,
                if_exists: false,
            };
        }
        // `IfExists` applies to every operator except `Null`.
        if let Some(base) = rest
            .strip_suffix("IfExists")
            .and_then(BaseOperator::from_name)
            .filter(|b| *b != BaseOperator::Null)
        {
            return Self {
                set,
                base,
                if_exists: true,
            };
        }
        Self {
            set,
            base: BaseOperator::Unknown(rest.to_owned()),
            if_exists: false,
        }
    }

    /// Whether the base operator is a known one.
    #[must_use]
    pub fn is_known(&self) -> bool {
        !matches!(self.base, BaseOperator::Unknown(_))
    }
}

impl fmt::Display for ConditionOperator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.set {
            Some(SetQualifier::ForAnyValue) => f.write_str("ForAnyValue:")?,
            Some(SetQualifier::ForAllValues) => f.write_str("ForAllValues:")?,
            None => {}
        }
        f.write_str(self.base.name())?;
        if self.if_exists {
            f.write_str("IfExists")?;
        }
        Ok(())
    }
}

/// The set-operator prefix of a condition operator (for multivalued keys).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SetQualifier {
    /// `ForAnyValue:`: some request value satisfies the operator.
    ForAnyValue,
    /// `ForAllValues:`: every request value satisfies the operator (true when there is none).
    ForAllValues,
}

macro_rules! base_operators {
    ($( $(#[$doc:meta])* $name:ident, )*) => {
        /// A condition operator without its set prefix and `IfExists` suffix. Variant names are
        /// the AWS operator names.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum BaseOperator {
            $( $(#[$doc])* $name, )*
            /// A name that is not a known operator, verbatim (without a set prefix).
            Unknown(String),
        }

        impl BaseOperator {
            fn from_name(name: &str) -> Option<Self> {
                match name {
                    $( stringify!($name) => Some(Self::$name), )*
                    _ => None,
                }
            }

            /// The operator name as written in a policy.
            #[must_use]
            pub fn name(&self) -> &str {
                match self {
                    $( Self::$name => stringify!($name), )*
                    Self::Unknown(name) => name,
                }
            }
        }
    };
}

base_operators! {
    /// Exact, case-sensitive string equality.
    StringEquals,
    /// Negated [`BaseOperator::StringEquals`].
    StringNotEquals,
    /// Case-insensitive string equality.
    StringEqualsIgnoreCase,
    /// Negated [`BaseOperator::StringEqualsIgnoreCase`].
    StringNotEqualsIgnoreCase,
    /// Case-sensitive glob (`*`, `?`).
    StringLike,
    /// Negated [`BaseOperator::StringLike`].
    StringNotLike,
    /// Numeric equality.
    NumericEquals,
    /// Negated [`BaseOperator::NumericEquals`].
    NumericNotEquals,
    /// Numeric `<`.
    NumericLessThan,
    /// Numeric `<=`.
    NumericLessThanEquals,
    /// Numeric `>`.
    NumericGreaterThan,
    /// Numeric `>=`.
    NumericGreaterThanEquals,
    /// Date equality.
    DateEquals,
    /// Negated [`BaseOperator::DateEquals`].
    DateNotEquals,
    /// Date `<`.
    DateLessThan,
    /// Date `<=`.
    DateLessThanEquals,
    /// Date `>`.
    DateGreaterThan,
    /// Date `>=`.
    DateGreaterThanEquals,
    /// Boolean equality.
    Bool,
    /// Byte-wise equality of base64 values.
    BinaryEquals,
    /// IP address or CIDR range.
    IpAddress,
    /// Negated [`BaseOperator::IpAddress`].
    NotIpAddress,
    /// ARN equality (with wildcards, like `ArnLike`).
    ArnEquals,
    /// ARN glob.
    ArnLike,
    /// Negated [`BaseOperator::ArnEquals`].
    ArnNotEquals,
    /// Negated [`BaseOperator::ArnLike`].
    ArnNotLike,
    /// Key presence: `true` means absent.
    Null,
}

impl BaseOperator {
    /// Whether this is a negated operator (`StringNotEquals`, `NotIpAddress`, ...): a request
    /// value must match none of the policy values, and an absent key makes it true.
    #[must_use]
    pub fn is_negated(&self) -> bool {
        matches!(
            self,
            Self::StringNotEquals
                | Self::StringNotEqualsIgnoreCase
                | Self::StringNotLike
                | Self::NumericNotEquals
                | Self::DateNotEquals
                | Self::ArnNotEquals
                | Self::ArnNotLike
                | Self::NotIpAddress
        )
    }
}

impl fmt::Display for BaseOperator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A structural problem found while reading a policy. Lowercase, one line, user input in
/// backticks; `help` holds advice.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct PolicyIssue {
    /// The IAM Access Analyzer issue code of the problem (`MISSING_EFFECT`, `INVALID_VERSION`,
    /// ...), so that users can map it to what `ValidatePolicy` reports.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// Where.
    pub span: Span,
    /// How to fix it, if there is something to say.
    pub help: Option<String>,
}
