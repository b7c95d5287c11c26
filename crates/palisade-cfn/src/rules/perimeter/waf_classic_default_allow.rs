use palisade_core::Severity;

use super::util::known_text;
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, items};

declare_rule! {
    /// ## What it checks
    /// An AWS WAF Classic web ACL, `AWS::WAF::WebACL` (CloudFront) or `AWS::WAFRegional::WebACL`
    /// (load balancers, API Gateway), whose `DefaultAction.Type` is `ALLOW`: requests that
    /// match none of its rules are let through. Both resource types have the same
    /// `DefaultAction` property (`ALLOW` or `BLOCK`), so both are checked; cfn_nag F665 covers
    /// only `AWS::WAF::WebACL`. A web ACL that allows by default and has no rules at all lets
    /// every request through and is reported at `medium`.
    ///
    /// ## Why it matters
    /// With a default of `ALLOW` the web ACL is a blocklist: only requests matching a `BLOCK`
    /// rule are stopped, and any attack its rules do not describe reaches the application. A
    /// default of `BLOCK` with rules that allow the expected traffic fails closed. For public
    /// sites a blocklist is often a deliberate choice; then the rules that block must be kept
    /// current, and the finding can be suppressed with that reason. AWS WAF Classic is
    /// superseded by AWS WAF (`AWS::WAFv2::WebACL`), which new templates should use.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// WebAcl:
    ///   Type: AWS::WAFRegional::WebACL
    ///   Properties:
    ///     Name: app
    ///     MetricName: app
    ///     DefaultAction: {Type: ALLOW}
    /// # after
    /// WebAcl:
    ///   Type: AWS::WAFRegional::WebACL
    ///   Properties:
    ///     Name: app
    ///     MetricName: app
    ///     DefaultAction: {Type: BLOCK}
    ///     Rules:
    ///       - {Action: {Type: ALLOW}, Priority: 1, RuleId: !Ref AllowKnownClients}
    /// ```
    ///
    /// ## References
    /// - [AWS::WAF::WebACL](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-waf-webacl.html) (`DefaultAction`)
    /// - [AWS::WAFRegional::WebACL Action](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-wafregional-webacl-action.html)
    /// - [AWS WAF Classic](https://docs.aws.amazon.com/waf/latest/developerguide/classic-waf-chapter.html)
    /// - cfn_nag F665
    WafClassicWebAclDefaultAllow {
        code: "CFN6108",
        name: "waf-classic-web-acl-default-allow",
        severity: Low,
        group: "network",
        summary: "AWS WAF Classic web ACL allows requests that match no rule (DefaultAction ALLOW)",
        types: ["AWS::WAF::WebACL", "AWS::WAFRegional::WebACL"],
        xrefs: [CfnNag("F665")],
    }
}

impl Rule for WafClassicWebAclDefaultAllow {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let question = "the web ACL allows requests by default";
        let Some(action) = cx.prop("DefaultAction") else {
            return;
        };
        if is_unknown(action) {
            hits.unknown(action, question);
            return;
        }
        let Some(ty) = action.get("Type") else {
            return;
        };
        match known_text(ty) {
            Err(n) => hits.unknown(n, question),
            Ok(t) if t.eq_ignore_ascii_case("ALLOW") => {
                let no_rules = match cx.prop("Rules") {
                    None => true,
                    Some(r) => !is_unknown(r) && items(r).is_empty(),
                };
                if no_rules {
                    hits.at_severity(
                        ty,
                        Severity::Medium,
                        "web ACL has no rules and allows every request: `DefaultAction` is `ALLOW`",
                    );
                } else {
                    hits.at(
                        ty,
                        "web ACL allows requests that match none of its rules: `DefaultAction` is `ALLOW`",
                    );
                }
            }
            Ok(_) => {}
        }
    }
}
