pub(crate) mod invalid_suppression;

use crate::rule::Rule;

/// This group's rules.
pub(crate) static RULES: &[&dyn Rule] = &[&invalid_suppression::InvalidSuppression];
