use palisade_doc::Node;

use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_partial, is_unknown, items, text};

declare_rule! {
    /// ## What it checks
    /// An `AWS::CertificateManager::Certificate` whose `DomainName` or one of whose
    /// `SubjectAlternativeNames` contains a wildcard (`*.example.com`). Each wildcard name is
    /// reported.
    ///
    /// ## Why it matters
    /// A wildcard certificate is valid for every host name at that level of the domain. Where
    /// it is deployed in several places (load balancers, CloudFront, API Gateway), a mistake
    /// in one of them, or a dangling DNS record pointing at a resource someone else can claim,
    /// lets that service present a certificate browsers trust for any sibling name, such as
    /// `login.example.com`. Certificates naming the hosts they serve limit what one misused
    /// deployment can impersonate. ACM certificates are free and renew automatically, so one
    /// per service costs little.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Certificate:
    ///   Type: AWS::CertificateManager::Certificate
    ///   Properties:
    ///     DomainName: "*.example.com"
    ///     ValidationMethod: DNS
    /// # after
    /// Certificate:
    ///   Type: AWS::CertificateManager::Certificate
    ///   Properties:
    ///     DomainName: api.example.com
    ///     SubjectAlternativeNames: [www.example.com]
    ///     ValidationMethod: DNS
    /// ```
    ///
    /// ## References
    /// - [AWS::CertificateManager::Certificate](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-certificatemanager-certificate.html)
    /// - [ACM certificate characteristics](https://docs.aws.amazon.com/acm/latest/userguide/acm-certificate-characteristics.html) (wildcard names)
    /// - checkov CKV2_AWS_71
    AcmCertificateWildcardDomain {
        code: "CFN6113",
        name: "acm-certificate-wildcard-domain",
        severity: Low,
        group: "network",
        summary: "ACM certificate covers a wildcard domain name",
        types: ["AWS::CertificateManager::Certificate"],
        xrefs: [Checkov("CKV2_AWS_71")],
    }
}

fn check_name(prop: &str, node: &Node, hits: &mut Hits) {
    let name = if is_partial(node) {
        node.as_str().map(str::to_string)
    } else if is_unknown(node) {
        None
    } else {
        text(node)
    };
    match name {
        Some(n) if n.contains('*') => hits.at(
            node,
            format!("certificate covers the wildcard name `{n}` in `{prop}`"),
        ),
        Some(_) => {}
        None => hits.unknown(node, "the certificate name is a wildcard"),
    }
}

impl Rule for AcmCertificateWildcardDomain {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        if let Some(domain) = cx.prop("DomainName") {
            check_name("DomainName", domain, hits);
        }
        if let Some(sans) = cx.prop("SubjectAlternativeNames") {
            for san in items(sans) {
                check_name("SubjectAlternativeNames", san, hits);
            }
        }
    }
}
