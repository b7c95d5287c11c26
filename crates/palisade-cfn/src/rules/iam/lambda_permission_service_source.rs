use super::util::may_be;
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::text;

declare_rule! {
    /// ## What it checks
    /// An `AWS::Lambda::Permission` for an AWS service principal (a `Principal` ending in
    /// `.amazonaws.com`, such as `s3.amazonaws.com` or `events.amazonaws.com`) with neither
    /// `SourceArn` nor `SourceAccount`.
    ///
    /// ## Why it matters
    /// A service principal stands for the service acting on behalf of *any* customer. Without a
    /// source, a bucket, rule or topic in someone else's account can be configured to invoke
    /// your function (the confused deputy problem): feeding it crafted events and running it at
    /// your cost.
    ///
    /// ## How to fix
    /// Set `SourceArn` to the resource that invokes the function, and `SourceAccount` for
    /// services whose ARNs carry no account (S3):
    /// ```yaml
    /// # before
    /// Principal: events.amazonaws.com
    /// # after
    /// Principal: events.amazonaws.com
    /// SourceArn: !GetAtt NightlyRule.Arn
    /// ```
    ///
    /// ## References
    /// - [AWS::Lambda::Permission](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-permission.html)
    /// - [The confused deputy problem](https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html)
    /// - checkov CKV_AWS_364
    ///
    /// ## Unknown values
    /// When there is no source and the `Principal` is not known before deployment and might be a
    /// service principal (a parameter without a value, an `Fn::ImportValue`), the rule reports an
    /// `info` finding naming it. `SourceArn`/`SourceAccount` count when present, known or not.
    LambdaPermissionServiceWithoutSource {
        code: "CFN3018",
        name: "lambda-permission-service-without-source",
        severity: Medium,
        group: "iam",
        summary: "Lambda permission for an AWS service principal sets neither `SourceArn` nor `SourceAccount`",
        types: ["AWS::Lambda::Permission"],
        xrefs: [Checkov("CKV_AWS_364")],
    }
}

/// `name.amazonaws.com` (also `.amazonaws.com.cn`).
fn is_service(p: &str) -> bool {
    let p = p.to_ascii_lowercase();
    p.ends_with(".amazonaws.com") || p.ends_with(".amazonaws.com.cn")
}

/// Whether a pattern (unknown parts as `*`) might be a service principal.
fn might_be_service(g: &str) -> bool {
    ["x.amazonaws.com", "x.amazonaws.com.cn"]
        .iter()
        .any(|s| palisade_iam::glob_match(g, s, palisade_iam::CaseSensitivity::AsciiInsensitive))
}

impl Rule for LambdaPermissionServiceWithoutSource {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        if cx.prop("SourceArn").is_some() || cx.prop("SourceAccount").is_some() {
            return;
        }
        let Some(principal) = cx.prop("Principal") else {
            return;
        };
        match text(principal) {
            Some(p) if is_service(&p) => hits.at(
                principal,
                format!("permission for service principal `{p}` sets neither `SourceArn` nor `SourceAccount`: resources in any account can invoke the function through the service"),
            ),
            Some(_) => {}
            None => {
                if may_be(cx.template, principal, &might_be_service) {
                    hits.unknown(
                        principal,
                        "`Principal` is an AWS service principal (the permission sets no `SourceArn` or `SourceAccount`)",
                    );
                }
            }
        }
    }
}
