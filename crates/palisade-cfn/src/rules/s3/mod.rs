pub(crate) mod bucket_public_acl;

use crate::rule::Rule;

/// This group's rules.
pub(crate) static RULES: &[&dyn Rule] = &[&bucket_public_acl::S3BucketPublicReadAcl];
