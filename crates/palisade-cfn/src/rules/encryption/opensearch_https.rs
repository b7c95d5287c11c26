use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

use super::util::require_true;

declare_rule! {
    /// ## What it checks
    /// An `AWS::OpenSearchService::Domain` or `AWS::Elasticsearch::Domain` whose
    /// `DomainEndpointOptions.EnforceHTTPS` is absent or `false`; by default a domain answers plain
    /// HTTP as well as HTTPS.
    ///
    /// ## Why it matters
    /// Over plain HTTP, queries, indexed documents and the credentials or signed requests of
    /// clients cross the network unencrypted and can be read or altered in transit. Enforcing
    /// HTTPS makes the domain refuse unencrypted requests.
    ///
    /// ## How to fix
    /// Enforce HTTPS and require a modern TLS policy:
    /// ```yaml
    /// # before
    /// Search:
    ///   Type: AWS::OpenSearchService::Domain
    ///   Properties:
    ///     EngineVersion: OpenSearch_2.13
    /// # after
    /// Search:
    ///   Type: AWS::OpenSearchService::Domain
    ///   Properties:
    ///     EngineVersion: OpenSearch_2.13
    ///     DomainEndpointOptions:
    ///       EnforceHTTPS: true
    ///       TLSSecurityPolicy: Policy-Min-TLS-1-2-PFS-2023-10
    /// ```
    ///
    /// ## References
    /// - [AWS::OpenSearchService::Domain DomainEndpointOptions](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-opensearchservice-domain-domainendpointoptions.html)
    /// - checkov CKV_AWS_83
    OpenSearchHttpsNotEnforced {
        code: "CFN4015",
        name: "opensearch-domain-https-not-enforced",
        severity: Medium,
        group: "encryption",
        summary: "OpenSearch/Elasticsearch domain accepts plain HTTP (`EnforceHTTPS` absent or false)",
        types: ["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"],
        xrefs: [Checkov("CKV_AWS_83")],
    }
}

impl Rule for OpenSearchHttpsNotEnforced {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        require_true(
            cx,
            hits,
            "DomainEndpointOptions.EnforceHTTPS",
            "domain accepts unencrypted HTTP requests",
        );
    }
}
