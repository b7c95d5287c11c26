use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::logging::util::{is_set, mentions, resources_of};
use crate::value::{is_unknown, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::CloudFront::Distribution` without standard (access) logging:
    /// `DistributionConfig.Logging` is absent, or its `Bucket` is missing or empty.
    ///
    /// A distribution that has no `Logging` but is the `ResourceArn` of an
    /// `AWS::Logs::DeliverySource` in the same template uses standard logging v2 (delivery to
    /// CloudWatch Logs, S3 or Firehose) and is not reported.
    ///
    /// ## Why it matters
    /// CloudFront is the front door of the application: its access logs are the only record of
    /// which client fetched which URL, when, from which IP address and with which result.
    /// Without them you cannot investigate scraping, credential-stuffing or exfiltration
    /// through the CDN, nor tell which objects were served after a misconfiguration.
    ///
    /// ## How to fix
    /// Log to an S3 bucket with ACLs enabled for the `awslogsdelivery` account, or configure
    /// standard logging v2 with `AWS::Logs::DeliverySource`, `DeliveryDestination` and
    /// `Delivery`:
    /// ```yaml
    /// # before
    /// Cdn:
    ///   Type: AWS::CloudFront::Distribution
    ///   Properties:
    ///     DistributionConfig:
    ///       Enabled: true
    /// # after
    /// Cdn:
    ///   Type: AWS::CloudFront::Distribution
    ///   Properties:
    ///     DistributionConfig:
    ///       Enabled: true
    ///       Logging:
    ///         Bucket: !GetAtt CdnLogs.DomainName
    ///         Prefix: cdn/
    /// ```
    ///
    /// ## References
    /// - [Standard logging (access logs)](https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html)
    /// - [AWS::CloudFront::Distribution Logging](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudfront-distribution-logging.html)
    /// - [AWS::Logs::DeliverySource](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-logs-deliverysource.html)
    /// - cfn_nag W10; checkov CKV_AWS_86
    CloudFrontAccessLogging {
        code: "CFN5004",
        name: "cloudfront-access-logging-disabled",
        severity: Low,
        group: "logging",
        summary: "CloudFront distribution has no access logging (DistributionConfig.Logging)",
        types: ["AWS::CloudFront::Distribution"],
        xrefs: [CfnNag("W10"), Checkov("CKV_AWS_86")],
    }
}

impl Rule for CloudFrontAccessLogging {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(config) = cx.prop("DistributionConfig") else {
            return;
        };
        if is_unknown(config) {
            hits.unknown(config, "the distribution has access logging");
            return;
        }
        match config.get("Logging") {
            Some(logging) if is_unknown(logging) => {
                hits.unknown(logging, "the distribution has access logging");
            }
            Some(logging) => match logging.get("Bucket") {
                None => hits.at(
                    logging,
                    "distribution has no access logging: `Logging` has no `Bucket`",
                ),
                Some(bucket) => match is_set(cx, bucket) {
                    Tri::True => {}
                    Tri::False => hits.at(
                        bucket,
                        "distribution has no access logging: `Logging.Bucket` is empty",
                    ),
                    Tri::Unknown => hits.unknown(bucket, "the distribution has access logging"),
                },
            },
            None => {
                let id = cx.id();
                let v2 = resources_of(cx, "AWS::Logs::DeliverySource").any(|r| {
                    r.properties
                        .and_then(|p| p.get("ResourceArn"))
                        .is_some_and(|arn| mentions(arn, id))
                });
                if !v2 {
                    hits.missing(
                        "DistributionConfig.Logging",
                        "distribution has no access logging: `DistributionConfig.Logging` is not set",
                    );
                }
            }
        }
    }
}
