use palisade_doc::Node;

use super::util::refers_to;
use crate::declare_rule;
use crate::resolve::describe;
use crate::rule::{Hit, Hits, ResourceCx, Rule};
use crate::rules::names::PhysicalName;
use crate::value::{is_unknown, text};

declare_rule! {
    /// ## What it checks
    /// An `AWS::S3::Bucket` that no `AWS::S3::BucketPolicy` of the template applies to: no
    /// bucket policy has a `Bucket` that is `!Ref` of the bucket (or `!Sub "${Bucket}"`), or the
    /// bucket's literal `BucketName`. A bucket policy whose `Condition` is false in the
    /// scenario does not count.
    ///
    /// A bucket has no bucket policy unless one is attached: access is then decided only by the
    /// identity policies of the account (and by ACLs, where the bucket still enables them), and
    /// nothing in the bucket itself refuses plain-HTTP requests or requests from outside the
    /// expected network or organization.
    ///
    /// This is a hygiene check, not a security finding: it is reported at `low` and the whole
    /// group can be turned off with `--ignore hygiene`.
    ///
    /// ## Why it matters
    /// The bucket policy is where a bucket states its own guardrails, independent of who is
    /// granted what elsewhere: deny requests without TLS (`aws:SecureTransport`), deny access
    /// from outside the organization (`aws:PrincipalOrgID`) or the VPC endpoint
    /// (`aws:SourceVpce`), require encryption headers. A bucket without one relies on every
    /// identity policy in the account being right. Buckets shared with other accounts or
    /// services also need one to grant that access explicitly.
    ///
    /// ## How to fix
    /// Attach a bucket policy, at least one that denies requests without TLS:
    /// ```yaml
    /// # before
    /// DataBucket:
    ///   Type: AWS::S3::Bucket
    /// # after
    /// DataBucket:
    ///   Type: AWS::S3::Bucket
    /// DataBucketPolicy:
    ///   Type: AWS::S3::BucketPolicy
    ///   Properties:
    ///     Bucket: !Ref DataBucket
    ///     PolicyDocument:
    ///       Version: "2012-10-17"
    ///       Statement:
    ///         - Sid: DenyInsecureTransport
    ///           Effect: Deny
    ///           Principal: "*"
    ///           Action: s3:*
    ///           Resource: [!GetAtt DataBucket.Arn, !Sub "${DataBucket.Arn}/*"]
    ///           Condition:
    ///             Bool:
    ///               aws:SecureTransport: false
    /// ```
    ///
    /// ## References
    /// - [AWS::S3::BucketPolicy](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucketpolicy.html)
    /// - [Bucket policies for Amazon S3](https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html)
    /// - cfn_nag W51
    ///
    /// ## Unknown values
    /// When the `Bucket` of a bucket policy is not known before deployment (a parameter
    /// without a value, an `Fn::ImportValue`), or it is a literal name and the bucket's own
    /// `BucketName` is not known, and no other policy certainly applies, the rule reports an
    /// `info` finding on the bucket naming the value. So it does when the only policy that
    /// applies has a `Condition` that is not known before deployment. A policy attached from
    /// another stack cannot be seen.
    BucketWithoutPolicy {
        code: "CFN3111",
        name: "s3-bucket-without-bucket-policy",
        severity: Low,
        group: "hygiene",
        summary: "S3 bucket has no `AWS::S3::BucketPolicy` in the template",
        types: ["AWS::S3::Bucket"],
        xrefs: [CfnNag("W51")],
    }
}

/// Whether a resolved `Bucket` value names the bucket `id`: `Some(true)` yes, `Some(false)`
/// no, `None` cannot tell.
fn names_bucket(cx: &ResourceCx<'_>, value: &Node, name: &PhysicalName) -> Option<bool> {
    if refers_to(value, cx.id()) {
        return Some(true);
    }
    if is_unknown(value) {
        // A reference to another resource of the template names another bucket.
        let other = cx
            .template
            .resources
            .iter()
            .any(|r| r.logical_id != cx.id() && refers_to(value, r.logical_id));
        return if other { Some(false) } else { None };
    }
    name.is(value)
}

impl Rule for BucketWithoutPolicy {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let name = PhysicalName::of(cx, "BucketName");
        let mut unknown: Option<String> = None;
        for other in cx.others("AWS::S3::BucketPolicy") {
            let (res, only_when) = (other.resource, other.only_when);
            let Some(bucket) = other.props.get("Bucket") else {
                continue;
            };
            match (names_bucket(cx, bucket, &name), only_when) {
                (Some(true), None) => return,
                (Some(true), Some(c)) => {
                    unknown.get_or_insert_with(|| {
                        format!(
                            "`{}` applies to it only when condition `{c}` is true",
                            res.logical_id
                        )
                    });
                }
                (Some(false), _) => {}
                (None, _) => {
                    unknown.get_or_insert_with(|| match (text(bucket), cx.prop("BucketName")) {
                        (Some(listed), Some(own)) => format!(
                            "`{}` applies to bucket `{listed}` and the bucket's `BucketName` is `{}`",
                            res.logical_id,
                            describe(own)
                        ),
                        _ => format!(
                            "the `Bucket` of `{}` is `{}`",
                            res.logical_id,
                            describe(bucket)
                        ),
                    });
                }
            }
        }
        match unknown {
            Some(what) => hits.push(Hit {
                span: cx.resource.id_span,
                path: Some(String::new()),
                message: format!(
                    "cannot tell whether a bucket policy applies to the bucket: {what}, which is not known before deployment"
                ),
                unknown: true,
                severity: None,
            }),
            None => hits.resource(
                "bucket has no bucket policy: no `AWS::S3::BucketPolicy` in the template applies to it",
            ),
        }
    }
}
