use palisade_doc::Node;

use super::util::known_text;
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_partial, is_unknown, items, truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::CloudFront::Distribution` with an origin in `DistributionConfig.Origins` whose
    /// `CustomOriginConfig.OriginProtocolPolicy` is `http-only` or `match-viewer` rather than
    /// `https-only`. Origins without `CustomOriginConfig` (S3 bucket origins) and disabled
    /// distributions (`Enabled: false`) pass, as in checkov. Origins whose `DomainName` is an
    /// S3 website endpoint (`*.s3-website-*` / `*.s3-website.*`) pass too: those endpoints do
    /// not support HTTPS, and the fix is an S3 origin with origin access control instead.
    ///
    /// checkov CKV2_AWS_72 only fails origins whose `DomainName` contains `.elb.`,
    /// `.mediastore.` or `.mediapackage.`. We report every other custom origin as well: any
    /// origin reached over HTTP receives the viewers' requests, cookies and tokens in the
    /// clear.
    ///
    /// ## Why it matters
    /// The connection from CloudFront to a custom origin crosses the internet (or the AWS
    /// network to a public load balancer). With `http-only`, and with `match-viewer` whenever
    /// a viewer uses HTTP, requests and responses on that leg are unencrypted and
    /// unauthenticated even if viewers use HTTPS: anyone on the path can read session cookies
    /// and data or alter responses, and the origin cannot tell CloudFront from an impostor.
    ///
    /// ## How to fix
    /// Serve HTTPS on the origin (an ACM certificate on the load balancer) and require it:
    /// ```yaml
    /// # before
    /// CustomOriginConfig:
    ///   OriginProtocolPolicy: http-only
    /// # after
    /// CustomOriginConfig:
    ///   OriginProtocolPolicy: https-only
    ///   OriginSSLProtocols: [TLSv1.2]
    /// ```
    ///
    /// ## References
    /// - [AWS::CloudFront::Distribution CustomOriginConfig](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudfront-distribution-customoriginconfig.html)
    /// - [Require HTTPS for communication between CloudFront and your custom origin](https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html)
    /// - [Website endpoints](https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html) (no HTTPS)
    /// - checkov CKV2_AWS_72
    CloudFrontOriginNotHttpsOnly {
        code: "CFN6112",
        name: "cloudfront-origin-not-https-only",
        severity: Medium,
        group: "network",
        summary: "CloudFront custom origin may be reached over HTTP (OriginProtocolPolicy not https-only)",
        types: ["AWS::CloudFront::Distribution"],
        xrefs: [Checkov("CKV2_AWS_72")],
    }
}

/// Whether an origin's `DomainName` (known or partly known text) is an S3 website endpoint,
/// which serves HTTP only.
fn is_s3_website(domain: &Node) -> bool {
    let text = if is_partial(domain) {
        domain.as_str().map(str::to_string)
    } else {
        known_text(domain).ok()
    };
    text.is_some_and(|t| t.to_ascii_lowercase().contains(".s3-website"))
}

impl Rule for CloudFrontOriginNotHttpsOnly {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let question = "the origin is reached over HTTPS only";
        let Some(config) = cx.prop("DistributionConfig") else {
            return;
        };
        if is_unknown(config) {
            hits.unknown(config, question);
            return;
        }
        if config.get("Enabled").map(truth) == Some(Tri::False) {
            return;
        }
        let Some(origins) = config.get("Origins") else {
            return;
        };
        for origin in items(origins) {
            if is_unknown(origin) {
                hits.unknown(origin, question);
                continue;
            }
            let Some(custom) = origin.get("CustomOriginConfig") else {
                continue;
            };
            if is_unknown(custom) {
                hits.unknown(custom, question);
                continue;
            }
            let Some(policy) = custom.get("OriginProtocolPolicy") else {
                continue;
            };
            let value = match known_text(policy) {
                Ok(v) => v,
                Err(n) => {
                    hits.unknown(n, question);
                    continue;
                }
            };
            if value.eq_ignore_ascii_case("https-only") {
                continue;
            }
            if origin.get("DomainName").is_some_and(is_s3_website) {
                continue;
            }
            let id = origin
                .get("Id")
                .and_then(|i| known_text(i).ok())
                .map(|i| format!("origin `{i}`"))
                .unwrap_or_else(|| "origin".into());
            let when = if value.eq_ignore_ascii_case("match-viewer") {
                "whenever the viewer uses HTTP"
            } else {
                "always"
            };
            hits.at(
                policy,
                format!("CloudFront reaches {id} over plain HTTP ({when}): `OriginProtocolPolicy` is `{value}`"),
            );
        }
    }
}
