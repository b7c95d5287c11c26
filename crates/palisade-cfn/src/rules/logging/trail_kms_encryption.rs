use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::logging::util::is_set;
use crate::value::Tri;

declare_rule! {
    /// ## What it checks
    /// An `AWS::CloudTrail::Trail` without `KMSKeyId` (or with an empty one): its log files
    /// are encrypted only with the log bucket's own encryption (SSE-S3 by default), not with
    /// a KMS key that CloudTrail uses for SSE-KMS.
    ///
    /// ## Why it matters
    /// CloudTrail logs describe everything done in the account and are valuable to an
    /// attacker mapping it. With SSE-KMS, reading a log file needs both `s3:GetObject` on the
    /// bucket and `kms:Decrypt` on the key, so a bucket policy mistake alone does not expose
    /// the logs; the key policy restricts who may decrypt, every decryption is itself logged,
    /// and disabling the key cuts off access at once.
    ///
    /// ## How to fix
    /// Create a KMS key whose policy allows CloudTrail to encrypt (`kms:GenerateDataKey*` with
    /// the `aws:SourceArn` of the trail) and your auditors to decrypt, then reference it:
    /// ```yaml
    /// # before
    /// Trail:
    ///   Type: AWS::CloudTrail::Trail
    ///   Properties:
    ///     IsLogging: true
    ///     S3BucketName: !Ref TrailBucket
    /// # after
    /// Trail:
    ///   Type: AWS::CloudTrail::Trail
    ///   Properties:
    ///     IsLogging: true
    ///     S3BucketName: !Ref TrailBucket
    ///     KMSKeyId: !GetAtt TrailKey.Arn
    /// ```
    ///
    /// ## References
    /// - [Encrypting CloudTrail log files with AWS KMS keys (SSE-KMS)](https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html)
    /// - [AWS::CloudTrail::Trail](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudtrail-trail.html)
    /// - checkov CKV_AWS_35
    ///
    /// ## Unknown values
    /// A `KMSKeyId` that refers to a resource (`!Ref Key`, `!GetAtt Key.Arn`, an alias
    /// resource) or comes from `Fn::ImportValue` counts as set. A `Ref` to a parameter without
    /// a value may still be empty at deployment, so it is reported as an `info` finding.
    TrailKmsEncryption {
        code: "CFN5003",
        name: "cloudtrail-logs-not-kms-encrypted",
        severity: Medium,
        group: "logging",
        summary: "CloudTrail trail does not encrypt its log files with a KMS key (KMSKeyId)",
        types: ["AWS::CloudTrail::Trail"],
        xrefs: [Checkov("CKV_AWS_35")],
    }
}

impl Rule for TrailKmsEncryption {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        match cx.prop("KMSKeyId") {
            None => hits.missing(
                "KMSKeyId",
                "trail log files are not encrypted with a KMS key: `KMSKeyId` is not set",
            ),
            Some(v) => match is_set(cx, v) {
                Tri::True => {}
                Tri::False => hits.at(
                    v,
                    "trail log files are not encrypted with a KMS key: `KMSKeyId` is empty",
                ),
                Tri::Unknown => hits.unknown(v, "the trail encrypts its logs with a KMS key"),
            },
        }
    }
}
