pub(crate) mod bucket_access_logging;
pub(crate) mod bucket_default_encryption;
pub(crate) mod bucket_public_access_block;
pub(crate) mod bucket_public_acl;
pub(crate) mod bucket_versioning;

use crate::rule::Rule;

/// This group's rules.
pub(crate) static RULES: &[&dyn Rule] = &[
    &bucket_public_acl::S3BucketPublicReadAcl,
    &bucket_public_access_block::S3BucketPublicAccessBlock,
    &bucket_default_encryption::S3BucketDefaultEncryption,
    &bucket_access_logging::S3BucketAccessLogging,
    &bucket_versioning::S3BucketVersioning,
];
