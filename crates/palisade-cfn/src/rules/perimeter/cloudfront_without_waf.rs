use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::logging::util::is_set;
use crate::value::{is_unknown, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::CloudFront::Distribution` without `DistributionConfig.WebACLId`, or with an
    /// empty one: no AWS WAF web ACL inspects its requests. The value is the ARN of a WAFv2
    /// web ACL with scope `CLOUDFRONT` (or the id of an AWS WAF Classic web ACL); any value
    /// passes.
    ///
    /// ## Why it matters
    /// A distribution is the internet-facing front door of the site or API behind it. Without a
    /// web ACL, CloudFront forwards every request it cannot answer from cache to the origin:
    /// injection attempts, exploit scans, credential stuffing and request floods all reach the
    /// application. A web ACL at the edge filters them before they cost origin capacity, and
    /// its logs show what was attempted.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// DistributionConfig:
    ///   Enabled: true
    ///   DefaultCacheBehavior: {TargetOriginId: site, ViewerProtocolPolicy: redirect-to-https, CachePolicyId: !Ref CachePolicy}
    /// # after
    /// DistributionConfig:
    ///   Enabled: true
    ///   WebACLId: !GetAtt EdgeWebAcl.Arn
    ///   DefaultCacheBehavior: {TargetOriginId: site, ViewerProtocolPolicy: redirect-to-https, CachePolicyId: !Ref CachePolicy}
    /// ```
    ///
    /// ## References
    /// - [AWS::CloudFront::Distribution DistributionConfig](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudfront-distribution-distributionconfig.html) (`WebACLId`)
    /// - [Use AWS WAF protections](https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/distribution-web-awswaf.html)
    /// - checkov CKV_AWS_68
    CloudFrontDistributionWithoutWaf {
        code: "CFN6111",
        name: "cloudfront-distribution-without-waf",
        severity: Medium,
        group: "network",
        summary: "CloudFront distribution has no AWS WAF web ACL (DistributionConfig.WebACLId)",
        types: ["AWS::CloudFront::Distribution"],
        xrefs: [Checkov("CKV_AWS_68")],
    }
}

impl Rule for CloudFrontDistributionWithoutWaf {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let question = "the distribution is protected by AWS WAF";
        let Some(config) = cx.prop("DistributionConfig") else {
            return;
        };
        if is_unknown(config) {
            hits.unknown(config, question);
            return;
        }
        match config.get("WebACLId") {
            None => hits.missing(
                "DistributionConfig.WebACLId",
                "distribution is not protected by AWS WAF: `DistributionConfig.WebACLId` is not set",
            ),
            Some(id) => match is_set(cx, id) {
                Tri::True => {}
                Tri::False => hits.at(
                    id,
                    "distribution is not protected by AWS WAF: `DistributionConfig.WebACLId` is empty",
                ),
                Tri::Unknown => hits.unknown(id, question),
            },
        }
    }
}
