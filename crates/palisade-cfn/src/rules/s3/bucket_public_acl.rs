use palisade_core::Severity;

use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, text};

declare_rule! {
    /// ## What it checks
    /// An `AWS::S3::Bucket` whose `AccessControl` canned ACL grants access to everyone or to
    /// every AWS account: `PublicRead`, `PublicReadWrite` or `AuthenticatedRead`.
    ///
    /// ## Why it matters
    /// A public-read ACL lets anyone on the internet list the bucket and, with
    /// `PublicReadWrite`, write and delete its objects; `AuthenticatedRead` is the same for any
    /// AWS account in the world. Accidental public buckets are among the most common causes of
    /// cloud data leaks. AWS now disables ACLs by default (Object Ownership `BucketOwnerEnforced`).
    ///
    /// ## How to fix
    /// Remove `AccessControl` (or use `Private`), keep ACLs disabled, and serve public content
    /// through CloudFront with origin access control:
    /// ```yaml
    /// # before
    /// Bucket:
    ///   Type: AWS::S3::Bucket
    ///   Properties:
    ///     AccessControl: PublicRead
    /// # after
    /// Bucket:
    ///   Type: AWS::S3::Bucket
    ///   Properties:
    ///     OwnershipControls:
    ///       Rules:
    ///         - ObjectOwnership: BucketOwnerEnforced
    /// ```
    ///
    /// ## References
    /// - [Canned ACLs](https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl)
    /// - cfn_nag F14 (PublicReadWrite), W31 (PublicRead); checkov CKV_AWS_20, CKV_AWS_57
    S3BucketPublicReadAcl {
        code: "CFN1001",
        name: "s3-bucket-public-acl",
        severity: High,
        group: "s3",
        summary: "S3 bucket grants a public canned ACL (PublicRead, PublicReadWrite, AuthenticatedRead)",
        types: ["AWS::S3::Bucket"],
        xrefs: [CfnNag("F14"), CfnNag("W31"), Checkov("CKV_AWS_20"), Checkov("CKV_AWS_57")],
    }
}

impl Rule for S3BucketPublicReadAcl {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(acl) = cx.prop("AccessControl") else {
            return;
        };
        if is_unknown(acl) {
            hits.unknown(acl, "`AccessControl` is a public canned ACL");
            return;
        }
        match text(acl).as_deref() {
            Some("PublicReadWrite") => hits.at_severity(
                acl,
                Severity::Critical,
                "bucket `AccessControl` is `PublicReadWrite`: anyone can write and delete objects",
            ),
            Some(v @ ("PublicRead" | "AuthenticatedRead")) => {
                hits.at(acl, format!("bucket `AccessControl` is `{v}`"));
            }
            _ => {}
        }
    }
}
