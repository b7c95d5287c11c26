//! A resource's physical name (`BucketName`, `UserName`...), for rules that ask whether a value
//! elsewhere in the template names the resource.

use palisade_doc::Node;

use crate::rule::ResourceCx;
use crate::value::text;

/// What a resource's physical name property holds.
pub(crate) enum PhysicalName {
    /// Not set: CloudFormation generates a name no literal of the template can match.
    Generated,
    /// Known.
    Known(String),
    /// Set, and not known before deployment.
    Unknown,
}

impl PhysicalName {
    /// The name property `prop` of `cx`'s resource.
    pub(crate) fn of(cx: &ResourceCx<'_>, prop: &str) -> Self {
        match cx.prop(prop) {
            None => Self::Generated,
            Some(n) => text(n).map_or(Self::Unknown, Self::Known),
        }
    }

    /// Whether a known literal `value` is this name: `None` when the name is not known.
    pub(crate) fn is(&self, value: &Node) -> Option<bool> {
        match self {
            Self::Generated => Some(false),
            Self::Known(n) => Some(text(value).is_some_and(|t| t == *n)),
            Self::Unknown => None,
        }
    }
}
