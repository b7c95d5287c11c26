use palisade_doc::Node;

use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, text};

declare_rule! {
    /// ## What it checks
    /// Instance metadata options that do not require IMDSv2 (session tokens):
    /// - `AWS::EC2::LaunchTemplate`: `LaunchTemplateData.MetadataOptions.HttpTokens`;
    /// - `AWS::EC2::Instance`: `MetadataOptions.HttpTokens` (an instance without
    ///   `MetadataOptions` that is launched from a `LaunchTemplate` takes the launch
    ///   template's options and is not reported; the launch template is checked instead);
    /// - `AWS::AutoScaling::LaunchConfiguration`: `MetadataOptions.HttpTokens`.
    ///
    /// It fails when `HttpTokens` is absent or `optional`, unless `HttpEndpoint` is `disabled`
    /// (no metadata service at all). When `HttpTokens` is absent the effective value depends
    /// on the AMI (`ImdsSupport`) and on account-level defaults, not on the template; for
    /// launch configurations the documented default is `optional`.
    ///
    /// ## Why it matters
    /// IMDSv1 answers plain `GET` requests, so a server-side request forgery (SSRF) flaw, an
    /// open reverse proxy or a misconfigured firewall in any application on the instance lets
    /// an attacker read the instance role's temporary credentials from
    /// `http://169.254.169.254/`. IMDSv2 requires a session token obtained with a `PUT`
    /// request, which such flaws cannot forge, and (with a hop limit of 1) cannot be reached
    /// from containers behind extra network hops.
    ///
    /// ## How to fix
    /// Set `HttpTokens: required` (after checking that the software on the instances uses an
    /// IMDSv2-capable SDK or agent):
    /// ```yaml
    /// # before
    /// LaunchTemplateData:
    ///   ImageId: !Ref ImageId
    /// # after
    /// LaunchTemplateData:
    ///   ImageId: !Ref ImageId
    ///   MetadataOptions:
    ///     HttpTokens: required
    ///     HttpPutResponseHopLimit: 1
    /// ```
    ///
    /// ## References
    /// - [AWS::EC2::LaunchTemplate MetadataOptions](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-launchtemplate-metadataoptions.html)
    /// - [AWS::EC2::Instance MetadataOptions](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-instance-metadataoptions.html)
    /// - [AWS::AutoScaling::LaunchConfiguration MetadataOptions](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-autoscaling-launchconfiguration-metadataoptions.html)
    /// - [Configure the Instance Metadata Service options](https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-options.html)
    /// - checkov CKV_AWS_79
    ///
    /// ## Unknown values
    /// When `HttpTokens` is not known before deployment (and `HttpEndpoint` is not known to be
    /// `disabled`), or `HttpEndpoint` is unknown while `HttpTokens` is not `required`, or the
    /// whole `MetadataOptions` is unknown, the rule reports an `info` finding naming the value.
    Imdsv2NotRequired {
        code: "CFN2013",
        name: "imdsv2-not-required",
        severity: Medium,
        group: "ec2",
        summary: "instance metadata service does not require IMDSv2 (HttpTokens is not required)",
        types: [
            "AWS::EC2::LaunchTemplate",
            "AWS::EC2::Instance",
            "AWS::AutoScaling::LaunchConfiguration",
        ],
        xrefs: [Checkov("CKV_AWS_79")],
    }
}

impl Rule for Imdsv2NotRequired {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let path = if cx.resource.ty == "AWS::EC2::LaunchTemplate" {
            if let Some(data) = cx.prop("LaunchTemplateData") {
                if is_unknown(data) {
                    hits.unknown(data, "the launch template requires IMDSv2");
                    return;
                }
            }
            "LaunchTemplateData.MetadataOptions"
        } else {
            "MetadataOptions"
        };
        let default = if cx.resource.ty == "AWS::AutoScaling::LaunchConfiguration" {
            "defaults to `optional`"
        } else {
            "depends on the AMI and account-level defaults"
        };
        let Some(opts) = cx.prop_path(path) else {
            if cx.resource.ty == "AWS::EC2::Instance" && cx.prop("LaunchTemplate").is_some() {
                return;
            }
            hits.missing(
                &format!("{path}.HttpTokens"),
                format!("IMDSv2 is not required: `{path}` is not set, so `HttpTokens` {default}"),
            );
            return;
        };
        if is_unknown(opts) {
            hits.unknown(opts, "IMDSv2 is required");
            return;
        }
        check_options(hits, opts, default);
    }
}

fn check_options(hits: &mut Hits, opts: &Node, default: &str) {
    let tokens = opts.get("HttpTokens");
    let endpoint = opts.get("HttpEndpoint");
    let value = |n: Option<&Node>| n.and_then(text).map(|t| t.trim().to_ascii_lowercase());
    if value(tokens).as_deref() == Some("required") {
        return;
    }
    if value(endpoint).as_deref() == Some("disabled") {
        return;
    }
    if let Some(t) = tokens.filter(|t| is_unknown(t)) {
        hits.unknown(t, "IMDSv2 is required");
        return;
    }
    if let Some(e) = endpoint.filter(|e| is_unknown(e)) {
        hits.unknown(e, "the instance metadata endpoint is disabled");
        return;
    }
    match tokens {
        None => hits.at(
            opts,
            format!("IMDSv2 is not required: `HttpTokens` is not set, so it {default}"),
        ),
        Some(t) => hits.at(
            t,
            format!(
                "IMDSv2 is not required: `HttpTokens` is `{}`, so instances also answer IMDSv1 requests",
                text(t).unwrap_or_default()
            ),
        ),
    }
}
