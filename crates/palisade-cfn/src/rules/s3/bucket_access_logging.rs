use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::logging::util::{mentions, resources_of};
use crate::value::{is_unknown, text};

declare_rule! {
    /// ## What it checks
    /// An `AWS::S3::Bucket` without server access logging: `LoggingConfiguration` is absent.
    /// (`LoggingConfiguration` with no `DestinationBucketName` is logging too: S3 then writes
    /// the logs into the bucket itself.)
    ///
    /// Buckets that are themselves log destinations in the same template are not reported:
    /// the `DestinationBucketName` of another bucket's `LoggingConfiguration`, the
    /// `S3BucketName` of a CloudTrail trail or of a classic load balancer's
    /// `AccessLoggingPolicy`, the `access_logs.s3.bucket` attribute of an Application or
    /// Network Load Balancer, the `Logging.Bucket` of a CloudFront distribution, the
    /// `LogDestination` of a VPC flow log, or a bucket whose `AccessControl` is
    /// `LogDeliveryWrite`. Logging a log bucket only produces logs about logs, and AWS advises
    /// against a bucket that logs into itself.
    ///
    /// ## Why it matters
    /// Server access logs record every request made to the bucket: who read, wrote or deleted
    /// which object, from where, and whether it was allowed. CloudTrail records object-level
    /// requests only when data events are enabled (they are not by default), so without access
    /// logs an incident responder often cannot tell which objects were read in a data leak.
    ///
    /// ## How to fix
    /// Send access logs to a dedicated log bucket:
    /// ```yaml
    /// # before
    /// Data:
    ///   Type: AWS::S3::Bucket
    /// # after
    /// Data:
    ///   Type: AWS::S3::Bucket
    ///   Properties:
    ///     LoggingConfiguration:
    ///       DestinationBucketName: !Ref AccessLogs
    ///       LogFilePrefix: data/
    /// ```
    ///
    /// ## References
    /// - [Logging requests with server access logging](https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html)
    /// - [AWS::S3::Bucket LoggingConfiguration](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-loggingconfiguration.html)
    /// - cfn_nag W35; checkov CKV_AWS_18
    S3BucketAccessLogging {
        code: "CFN1004",
        name: "s3-bucket-access-logging-disabled",
        severity: Low,
        group: "s3",
        summary: "S3 bucket has no server access logging (LoggingConfiguration)",
        types: ["AWS::S3::Bucket"],
        xrefs: [CfnNag("W35"), Checkov("CKV_AWS_18")],
    }
}

impl Rule for S3BucketAccessLogging {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        if cx.prop("LoggingConfiguration").is_some() {
            return;
        }
        if let Some(acl) = cx.prop("AccessControl") {
            if is_unknown(acl) {
                hits.unknown(
                    acl,
                    "the bucket is a log bucket (`AccessControl: LogDeliveryWrite`)",
                );
                return;
            }
            if text(acl).as_deref() == Some("LogDeliveryWrite") {
                return;
            }
        }
        if is_log_destination(cx) {
            return;
        }
        hits.missing(
            "LoggingConfiguration",
            "bucket has no server access logging: `LoggingConfiguration` is not set",
        );
    }
}

/// Whether another resource of the template writes its logs into this bucket.
fn is_log_destination(cx: &ResourceCx<'_>) -> bool {
    let id = cx.id();
    let prop = |r: &crate::template::Resource<'_>, path: &str| {
        r.properties
            .and_then(|p| crate::value::path(p, path))
            .is_some_and(|n| mentions(n, id))
    };
    let from_buckets = resources_of(cx, "AWS::S3::Bucket")
        .any(|r| prop(r, "LoggingConfiguration.DestinationBucketName"));
    let from_trails = resources_of(cx, "AWS::CloudTrail::Trail").any(|r| prop(r, "S3BucketName"));
    let from_elb = resources_of(cx, "AWS::ElasticLoadBalancing::LoadBalancer")
        .any(|r| prop(r, "AccessLoggingPolicy.S3BucketName"));
    let from_cloudfront = resources_of(cx, "AWS::CloudFront::Distribution")
        .any(|r| prop(r, "DistributionConfig.Logging.Bucket"));
    let from_flow_logs = resources_of(cx, "AWS::EC2::FlowLog").any(|r| prop(r, "LogDestination"));
    let from_elbv2 = resources_of(cx, "AWS::ElasticLoadBalancingV2::LoadBalancer").any(|r| {
        r.properties
            .and_then(|p| p.get("LoadBalancerAttributes"))
            .and_then(|a| a.as_seq())
            .is_some_and(|attrs| {
                attrs.iter().any(|a| {
                    a.get("Key").and_then(|k| k.as_str()) == Some("access_logs.s3.bucket")
                        && a.get("Value").is_some_and(|v| mentions(v, id))
                })
            })
    });
    from_buckets || from_trails || from_elb || from_cloudfront || from_flow_logs || from_elbv2
}
