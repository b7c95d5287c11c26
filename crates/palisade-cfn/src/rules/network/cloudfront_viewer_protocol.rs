use palisade_doc::Node;

use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, items, text};

declare_rule! {
    /// ## What it checks
    /// An `AWS::CloudFront::Distribution` whose `DefaultCacheBehavior` or any of its
    /// `CacheBehaviors` has `ViewerProtocolPolicy: allow-all`, i.e. serves viewers over plain
    /// HTTP. `redirect-to-https` and `https-only` pass.
    ///
    /// ## Why it matters
    /// With `allow-all` CloudFront answers HTTP requests as they come: content, cookies and
    /// any tokens in headers or query strings cross the network unencrypted and can be read or
    /// altered (script injection into pages, session theft) by anyone on the path. Browsers do
    /// not switch to HTTPS on their own unless the site sends HSTS, which it cannot do for the
    /// first plain request.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// DefaultCacheBehavior:
    ///   TargetOriginId: site
    ///   ViewerProtocolPolicy: allow-all
    /// # after
    /// DefaultCacheBehavior:
    ///   TargetOriginId: site
    ///   ViewerProtocolPolicy: redirect-to-https
    /// ```
    ///
    /// ## References
    /// - [Require HTTPS for communication between viewers and CloudFront](https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html)
    /// - [AWS::CloudFront::Distribution DefaultCacheBehavior](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudfront-distribution-defaultcachebehavior.html)
    /// - checkov CKV_AWS_34
    CloudFrontViewerProtocol {
        code: "CFN6004",
        name: "cloudfront-viewer-protocol-allows-http",
        severity: Medium,
        group: "network",
        summary: "CloudFront cache behavior serves viewers over plain HTTP (ViewerProtocolPolicy: allow-all)",
        types: ["AWS::CloudFront::Distribution"],
        xrefs: [Checkov("CKV_AWS_34")],
    }
}

fn check_behavior(behavior: &Node, what: &str, hits: &mut Hits) {
    if is_unknown(behavior) {
        hits.unknown(behavior, "the cache behavior requires HTTPS");
        return;
    }
    let Some(policy) = behavior.get("ViewerProtocolPolicy") else {
        return;
    };
    if is_unknown(policy) {
        hits.unknown(policy, "the cache behavior requires HTTPS");
        return;
    }
    if text(policy).is_some_and(|p| p.eq_ignore_ascii_case("allow-all")) {
        hits.at(
            policy,
            format!("{what} serves viewers over plain HTTP: `ViewerProtocolPolicy` is `allow-all`"),
        );
    }
}

impl Rule for CloudFrontViewerProtocol {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(config) = cx.prop("DistributionConfig") else {
            return;
        };
        if is_unknown(config) {
            hits.unknown(config, "the distribution requires HTTPS");
            return;
        }
        if let Some(default) = config.get("DefaultCacheBehavior") {
            check_behavior(default, "default cache behavior", hits);
        }
        if let Some(behaviors) = config.get("CacheBehaviors") {
            for b in items(behaviors) {
                let what = match b.get("PathPattern").and_then(text) {
                    Some(p) => format!("cache behavior `{p}`"),
                    None => "cache behavior".to_string(),
                };
                check_behavior(b, &what, hits);
            }
        }
    }
}
