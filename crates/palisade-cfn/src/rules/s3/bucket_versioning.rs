use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, text};

declare_rule! {
    /// ## What it checks
    /// An `AWS::S3::Bucket` whose versioning is not enabled: `VersioningConfiguration` is
    /// absent (versioning is off for a new bucket), or its `Status` is `Suspended`.
    ///
    /// ## Why it matters
    /// Without versioning an overwrite or a delete destroys the object for good: a mistaken
    /// sync, a buggy job or an attacker (ransomware that rewrites objects encrypted, or simply
    /// `s3:DeleteObject`) leaves nothing to restore. With versioning every overwrite and
    /// delete keeps the previous version, which can be recovered; it is also a prerequisite
    /// for S3 Object Lock, MFA delete and replication. Pair it with a lifecycle rule that
    /// expires noncurrent versions to bound the cost.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Data:
    ///   Type: AWS::S3::Bucket
    /// # after
    /// Data:
    ///   Type: AWS::S3::Bucket
    ///   Properties:
    ///     VersioningConfiguration:
    ///       Status: Enabled
    ///     LifecycleConfiguration:
    ///       Rules:
    ///         - Id: expire-old-versions
    ///           Status: Enabled
    ///           NoncurrentVersionExpiration:
    ///             NoncurrentDays: 90
    /// ```
    ///
    /// ## References
    /// - [Retaining multiple versions of objects with S3 Versioning](https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html)
    /// - [AWS::S3::Bucket VersioningConfiguration](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-versioningconfiguration.html)
    /// - checkov CKV_AWS_21
    S3BucketVersioning {
        code: "CFN1005",
        name: "s3-bucket-versioning-disabled",
        severity: Low,
        group: "s3",
        summary: "S3 bucket does not have versioning enabled (VersioningConfiguration.Status: Enabled)",
        types: ["AWS::S3::Bucket"],
        xrefs: [Checkov("CKV_AWS_21")],
    }
}

impl Rule for S3BucketVersioning {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(cfg) = cx.prop("VersioningConfiguration") else {
            hits.missing(
                "VersioningConfiguration",
                "bucket versioning is not enabled: `VersioningConfiguration` is not set",
            );
            return;
        };
        if is_unknown(cfg) {
            hits.unknown(cfg, "bucket versioning is enabled");
            return;
        }
        let Some(status) = cfg.get("Status") else {
            hits.at(
                cfg,
                "bucket versioning is not enabled: `VersioningConfiguration` has no `Status`",
            );
            return;
        };
        if is_unknown(status) {
            hits.unknown(status, "bucket versioning is enabled");
            return;
        }
        match text(status).as_deref() {
            Some("Enabled") => {}
            Some(v) => hits.at(
                status,
                format!("bucket versioning is not enabled: `VersioningConfiguration.Status` is `{v}`"),
            ),
            None => hits.at(status, "bucket versioning is not enabled: `VersioningConfiguration.Status` is not a string"),
        }
    }
}
