use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::CloudTrail::Trail` whose `IsMultiRegionTrail` is absent (it defaults to
    /// `false`) or `false`: the trail records events only in the Region where the stack is
    /// deployed.
    ///
    /// ## Why it matters
    /// Attackers with stolen credentials routinely work in Regions the account does not use
    /// (launching instances for crypto mining, creating resources to persist), precisely
    /// because nobody watches them. A single-Region trail does not see any of that activity.
    /// A multi-Region trail also records new Regions automatically when they are enabled, and
    /// it receives the global-service events (IAM, STS, CloudFront) once, from US East.
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
    ///     IsMultiRegionTrail: true
    ///     IncludeGlobalServiceEvents: true
    /// ```
    ///
    /// ## References
    /// - [Receiving CloudTrail log files from multiple Regions](https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html)
    /// - [AWS::CloudTrail::Trail](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudtrail-trail.html)
    /// - checkov CKV_AWS_67
    TrailMultiRegion {
        code: "CFN5002",
        name: "cloudtrail-not-multi-region",
        severity: Medium,
        group: "logging",
        summary: "CloudTrail trail records only one Region (IsMultiRegionTrail is not true)",
        types: ["AWS::CloudTrail::Trail"],
        xrefs: [Checkov("CKV_AWS_67")],
    }
}

impl Rule for TrailMultiRegion {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        match cx.prop("IsMultiRegionTrail") {
            None => hits.missing(
                "IsMultiRegionTrail",
                "trail records only its own Region: `IsMultiRegionTrail` is not set (default false)",
            ),
            Some(v) => match truth(v) {
                Tri::True => {}
                Tri::False => hits.at(
                    v,
                    "trail records only its own Region: `IsMultiRegionTrail` is false",
                ),
                Tri::Unknown => hits.unknown(v, "the trail records all Regions"),
            },
        }
    }
}
