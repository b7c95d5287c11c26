use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::CloudTrail::Trail` whose `EnableLogFileValidation` is absent (it defaults to
    /// `false`) or `false`.
    ///
    /// ## Why it matters
    /// With log file validation CloudTrail delivers, every hour, a digest file that is signed
    /// with a CloudTrail key and chains the SHA-256 hashes of the log files delivered. It is
    /// the only way to prove that a log file was not modified, deleted or forged after
    /// delivery. An attacker who gains write access to the log bucket can otherwise remove the
    /// records of their own actions without leaving a trace, and the logs lose their value as
    /// evidence.
    ///
    /// ## How to fix
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
    ///     EnableLogFileValidation: true
    /// ```
    ///
    /// ## References
    /// - [Validating CloudTrail log file integrity](https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html)
    /// - [AWS::CloudTrail::Trail](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudtrail-trail.html)
    /// - checkov CKV_AWS_36
    TrailLogFileValidation {
        code: "CFN5001",
        name: "cloudtrail-log-file-validation-disabled",
        severity: Medium,
        group: "logging",
        summary: "CloudTrail trail does not enable log file integrity validation (EnableLogFileValidation)",
        types: ["AWS::CloudTrail::Trail"],
        xrefs: [Checkov("CKV_AWS_36")],
    }
}

impl Rule for TrailLogFileValidation {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        match cx.prop("EnableLogFileValidation") {
            None => hits.missing(
                "EnableLogFileValidation",
                "trail does not validate log file integrity: `EnableLogFileValidation` is not set (default false)",
            ),
            Some(v) => match truth(v) {
                Tri::True => {}
                Tri::False => hits.at(
                    v,
                    "trail does not validate log file integrity: `EnableLogFileValidation` is false",
                ),
                Tri::Unknown => hits.unknown(v, "log file validation is enabled"),
            },
        }
    }
}
