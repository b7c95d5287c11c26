use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, text, truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::CloudFront::Distribution` whose viewer connections may use TLS below 1.2:
    /// - `DistributionConfig.ViewerCertificate` is absent, or has
    ///   `CloudFrontDefaultCertificate: true`: the distribution uses the `*.cloudfront.net`
    ///   certificate, and CloudFront then applies the `TLSv1` security policy whatever
    ///   `MinimumProtocolVersion` says;
    /// - a custom certificate (`AcmCertificateArn` or `IamCertificateId`) without
    ///   `MinimumProtocolVersion` (the CloudFormation reference documents that it then
    ///   specifies `SSLv3`, or `TLSv1` with `SslSupportMethod: sni-only`), or with `SSLv3`,
    ///   `TLSv1`, `TLSv1_2016` or `TLSv1.1_2016`.
    ///
    /// `TLSv1.2_2018`, `TLSv1.2_2019`, `TLSv1.2_2021`, `TLSv1.2_2025` and `TLSv1.3_2025` (any
    /// `TLSv1.2_*` or `TLSv1.3_*` policy) pass.
    ///
    /// ## Why it matters
    /// SSLv3, TLS 1.0 and TLS 1.1 are deprecated (RFC 7568, RFC 8996) and have practical
    /// attacks against their CBC and SHA-1 constructions; PCI DSS forbids them. While the
    /// distribution accepts them, clients can be downgraded and their traffic exposed. The
    /// default certificate cannot be given a stricter policy, so serving content under your
    /// own domain with an ACM certificate is the only way to enforce TLS 1.2.
    ///
    /// ## How to fix
    /// Use an ACM certificate (in `us-east-1`) for an alternate domain name and a TLS 1.2+
    /// security policy:
    /// ```yaml
    /// # before
    /// ViewerCertificate:
    ///   CloudFrontDefaultCertificate: true
    /// # after
    /// ViewerCertificate:
    ///   AcmCertificateArn: !Ref SiteCertificate
    ///   SslSupportMethod: sni-only
    ///   MinimumProtocolVersion: TLSv1.2_2021
    /// ```
    ///
    /// ## References
    /// - [Supported protocols and ciphers between viewers and CloudFront](https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html)
    /// - [AWS::CloudFront::Distribution ViewerCertificate](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudfront-distribution-viewercertificate.html)
    /// - cfn_nag W70; checkov CKV_AWS_174
    CloudFrontViewerTls {
        code: "CFN6005",
        name: "cloudfront-viewer-tls-below-1-2",
        severity: Medium,
        group: "network",
        summary: "CloudFront distribution accepts viewer TLS below 1.2 (default certificate or old MinimumProtocolVersion)",
        types: ["AWS::CloudFront::Distribution"],
        xrefs: [CfnNag("W70"), Checkov("CKV_AWS_174")],
    }
}

const OLD_POLICIES: [&str; 4] = ["SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016"];

impl Rule for CloudFrontViewerTls {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(config) = cx.prop("DistributionConfig") else {
            return;
        };
        if is_unknown(config) {
            hits.unknown(config, "the distribution requires TLS 1.2");
            return;
        }
        let Some(cert) = config.get("ViewerCertificate") else {
            hits.missing(
                "DistributionConfig.ViewerCertificate",
                "distribution uses the default CloudFront certificate, which allows TLS 1.0: `ViewerCertificate` is not set",
            );
            return;
        };
        if is_unknown(cert) {
            hits.unknown(cert, "the distribution requires TLS 1.2");
            return;
        }
        if let Some(default) = cert.get("CloudFrontDefaultCertificate") {
            match truth(default) {
                Tri::True => {
                    hits.at(
                        default,
                        "distribution uses the default CloudFront certificate, which allows TLS 1.0: `CloudFrontDefaultCertificate` is true",
                    );
                    return;
                }
                Tri::False => {}
                Tri::Unknown => {
                    hits.unknown(
                        default,
                        "the distribution uses its own certificate with TLS 1.2",
                    );
                    return;
                }
            }
        }
        let custom = cert
            .get("AcmCertificateArn")
            .or_else(|| cert.get("IamCertificateId"));
        if custom.is_none() {
            hits.at(
                cert,
                "distribution has no custom certificate (`AcmCertificateArn` or `IamCertificateId`): the default CloudFront certificate allows TLS 1.0",
            );
            return;
        }
        let Some(version) = cert.get("MinimumProtocolVersion") else {
            hits.at(
                cert,
                "viewer certificate has no `MinimumProtocolVersion`: CloudFormation then specifies `SSLv3` (`TLSv1` with `sni-only`), below TLS 1.2",
            );
            return;
        };
        if is_unknown(version) {
            hits.unknown(version, "the minimum viewer protocol is TLS 1.2");
            return;
        }
        let v = text(version).unwrap_or_default();
        if OLD_POLICIES.contains(&v.as_str()) {
            hits.at(
                version,
                format!("`MinimumProtocolVersion` is `{v}`: viewers may connect with protocols below TLS 1.2"),
            );
        } else if !(v.starts_with("TLSv1.2_") || v.starts_with("TLSv1.3_")) {
            hits.at(
                version,
                format!("`MinimumProtocolVersion` `{v}` is not a known TLS 1.2+ security policy"),
            );
        }
    }
}
