use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, items};

declare_rule! {
    /// ## What it checks
    /// An `AWS::S3::Bucket` without a default encryption configuration: `BucketEncryption` is
    /// absent, or its `ServerSideEncryptionConfiguration` list is missing or empty.
    ///
    /// Since January 2023 Amazon S3 encrypts every new object with SSE-S3 (S3-managed AES-256
    /// keys) when the bucket declares nothing, so a bucket without `BucketEncryption` does not
    /// store plaintext. The finding is therefore about the template not stating the bucket's
    /// encryption: the choice of key (SSE-S3, SSE-KMS with a customer managed key, DSSE-KMS)
    /// and S3 Bucket Keys are left to a service default instead of being reviewed and kept
    /// under change control. Severity is low for that reason.
    ///
    /// ## Why it matters
    /// Only an explicit configuration lets you choose SSE-KMS with your own key, which adds a
    /// second, separately audited permission (`kms:Decrypt`) between a leaked S3 credential
    /// and the data, and lets you revoke access by disabling the key. Declaring the encryption
    /// also documents the requirement for reviewers and compliance checks that read the
    /// template rather than the account.
    ///
    /// ## How to fix
    /// Declare the default encryption, preferably with a KMS key:
    /// ```yaml
    /// # before
    /// Data:
    ///   Type: AWS::S3::Bucket
    /// # after
    /// Data:
    ///   Type: AWS::S3::Bucket
    ///   Properties:
    ///     BucketEncryption:
    ///       ServerSideEncryptionConfiguration:
    ///         - ServerSideEncryptionByDefault:
    ///             SSEAlgorithm: aws:kms
    ///             KMSMasterKeyID: !Ref DataKey
    ///           BucketKeyEnabled: true
    /// ```
    ///
    /// ## References
    /// - [Setting default server-side encryption behavior for Amazon S3 buckets](https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-encryption.html)
    /// - [Default encryption FAQ (SSE-S3 for all new objects since January 5, 2023)](https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html)
    /// - [AWS::S3::Bucket BucketEncryption](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-bucketencryption.html)
    /// - cfn_nag W41; checkov CKV_AWS_19
    S3BucketDefaultEncryption {
        code: "CFN1003",
        name: "s3-bucket-encryption-not-declared",
        severity: Low,
        group: "s3",
        summary: "S3 bucket does not declare default encryption (BucketEncryption); only the implicit SSE-S3 default applies",
        types: ["AWS::S3::Bucket"],
        xrefs: [CfnNag("W41"), Checkov("CKV_AWS_19")],
    }
}

impl Rule for S3BucketDefaultEncryption {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(enc) = cx.prop("BucketEncryption") else {
            hits.missing(
                "BucketEncryption",
                "bucket does not declare default encryption: `BucketEncryption` is not set",
            );
            return;
        };
        if is_unknown(enc) {
            hits.unknown(enc, "the bucket declares default encryption");
            return;
        }
        let Some(rules) = enc.get("ServerSideEncryptionConfiguration") else {
            hits.at(
                enc,
                "`BucketEncryption` has no `ServerSideEncryptionConfiguration`",
            );
            return;
        };
        if is_unknown(rules) {
            hits.unknown(rules, "the bucket declares default encryption");
            return;
        }
        if items(rules).is_empty() {
            hits.at(
                rules,
                "`BucketEncryption.ServerSideEncryptionConfiguration` is empty",
            );
        }
    }
}
