use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::is_unknown;

declare_rule! {
    /// ## What it checks
    /// An `AWS::OpenSearchService::Domain` or `AWS::Elasticsearch::Domain` without `VPCOptions`.
    /// A domain created without `VPCOptions` gets a public endpoint, reachable from the internet,
    /// and this cannot be changed later: moving it into a VPC means creating a new domain.
    ///
    /// cfn_nag W90 knows only the legacy `AWS::Elasticsearch::Domain` type; the same applies to
    /// its replacement `AWS::OpenSearchService::Domain`, so both are checked.
    ///
    /// ## Why it matters
    /// On a public endpoint the domain's access policy and fine-grained access control are the
    /// only barrier between the internet and the data: one overly broad policy statement (a `*`
    /// principal, an IP condition that is too wide) exposes every index, and the endpoint can be
    /// probed and brute-forced from anywhere. Inside a VPC, security groups and the network path
    /// add a layer that a policy mistake alone cannot remove.
    ///
    /// ## How to fix
    /// Create the domain in private subnets:
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
    ///     VPCOptions:
    ///       SubnetIds: [!Ref PrivateSubnetA]
    ///       SecurityGroupIds: [!Ref SearchSecurityGroup]
    /// ```
    ///
    /// ## References
    /// - [Launching your Amazon OpenSearch Service domains within a VPC](https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html)
    /// - [AWS::OpenSearchService::Domain VPCOptions](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-opensearchservice-domain-vpcoptions.html)
    /// - [AWS Config rule opensearch-in-vpc-only](https://docs.aws.amazon.com/config/latest/developerguide/opensearch-in-vpc-only.html)
    /// - cfn_nag W90
    OpenSearchNotInVpc {
        code: "CFN8115",
        name: "opensearch-domain-not-in-vpc",
        severity: Medium,
        group: "database",
        summary: "OpenSearch domain has a public endpoint (no `VPCOptions`)",
        types: ["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"],
        xrefs: [CfnNag("W90")],
    }
}

impl Rule for OpenSearchNotInVpc {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        match cx.prop("VPCOptions") {
            None => hits.missing(
                "VPCOptions",
                "domain has a public endpoint: `VPCOptions` is not set",
            ),
            Some(v) if is_unknown(v) => hits.unknown(v, "the domain is created in a VPC"),
            Some(_) => {}
        }
    }
}
