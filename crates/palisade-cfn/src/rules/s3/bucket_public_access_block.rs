use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::logging::util::backticked;
use crate::value::{is_unknown, truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::S3::Bucket` whose `PublicAccessBlockConfiguration` is absent, or does not set
    /// all four of `BlockPublicAcls`, `BlockPublicPolicy`, `IgnorePublicAcls` and
    /// `RestrictPublicBuckets` to `true`. Each flag that is `false` is reported where it is
    /// written; flags left out of the configuration are named together (an omitted flag is
    /// `false`).
    ///
    /// Since April 2023 S3 turns on all four settings for every *new* bucket by default, so a
    /// template without the property usually gets a blocked bucket at creation. What the
    /// template then does not do is *keep* it that way: anyone with `s3:PutBucketPublicAccessBlock`
    /// can switch the settings off later and CloudFormation will not notice or restore them
    /// (drift), and buckets created before April 2023, or through tools that clear the
    /// settings, are not covered at all. Writing the four flags in the template makes the
    /// intended state explicit, reviewable and enforced on every stack update; that is what
    /// this rule checks.
    ///
    /// ## Why it matters
    /// The four settings are the last line of defence against a public bucket:
    /// `BlockPublicAcls` and `IgnorePublicAcls` stop new and existing public ACLs from granting
    /// access to everyone; `BlockPublicPolicy` rejects bucket policies that grant public
    /// access; `RestrictPublicBuckets` limits an already public policy to AWS service
    /// principals and the bucket owner's account. Without them, one careless ACL or policy
    /// statement (`"Principal": "*"`) exposes every object in the bucket to the internet.
    ///
    /// A bucket that must be public (a static website without CloudFront) is a deliberate
    /// exception: suppress the finding on that bucket with a reason.
    ///
    /// ## How to fix
    /// Set all four flags to `true`:
    /// ```yaml
    /// # before
    /// Data:
    ///   Type: AWS::S3::Bucket
    ///   Properties:
    ///     PublicAccessBlockConfiguration:
    ///       BlockPublicAcls: true
    /// # after
    /// Data:
    ///   Type: AWS::S3::Bucket
    ///   Properties:
    ///     PublicAccessBlockConfiguration:
    ///       BlockPublicAcls: true
    ///       BlockPublicPolicy: true
    ///       IgnorePublicAcls: true
    ///       RestrictPublicBuckets: true
    /// ```
    ///
    /// ## References
    /// - [Blocking public access to your Amazon S3 storage](https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html)
    /// - [AWS::S3::Bucket PublicAccessBlockConfiguration](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-publicaccessblockconfiguration.html)
    /// - checkov CKV_AWS_53, CKV_AWS_54, CKV_AWS_55, CKV_AWS_56
    S3BucketPublicAccessBlock {
        code: "CFN1002",
        name: "s3-bucket-public-access-not-blocked",
        severity: Medium,
        group: "s3",
        summary: "S3 bucket does not set all four S3 Block Public Access flags to true",
        types: ["AWS::S3::Bucket"],
        xrefs: [
            Checkov("CKV_AWS_53"),
            Checkov("CKV_AWS_54"),
            Checkov("CKV_AWS_55"),
            Checkov("CKV_AWS_56"),
        ],
    }
}

const FLAGS: [&str; 4] = [
    "BlockPublicAcls",
    "BlockPublicPolicy",
    "IgnorePublicAcls",
    "RestrictPublicBuckets",
];

impl Rule for S3BucketPublicAccessBlock {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(cfg) = cx.prop("PublicAccessBlockConfiguration") else {
            hits.missing(
                "PublicAccessBlockConfiguration",
                "bucket has no `PublicAccessBlockConfiguration`: the template does not keep public access blocked",
            );
            return;
        };
        if is_unknown(cfg) || !cfg.is_map() {
            hits.unknown(cfg, "the bucket blocks all public access");
            return;
        }
        let mut unset = Vec::new();
        for flag in FLAGS {
            match cfg.get(flag) {
                None => unset.push(flag),
                Some(v) => match truth(v) {
                    Tri::True => {}
                    Tri::False => hits.at(
                        v,
                        format!("`PublicAccessBlockConfiguration.{flag}` is false"),
                    ),
                    Tri::Unknown => hits.unknown(v, &format!("`{flag}` is true")),
                },
            }
        }
        if !unset.is_empty() {
            let pronoun = if unset.len() == 1 {
                "it is"
            } else {
                "they are"
            };
            hits.at(
                cfg,
                format!(
                    "`PublicAccessBlockConfiguration` leaves {} unset: {pronoun} false",
                    backticked(&unset)
                ),
            );
        }
    }
}
