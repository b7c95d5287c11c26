use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

use super::util::require_true;

declare_rule! {
    /// ## What it checks
    /// An `AWS::OpenSearchService::Domain` or `AWS::Elasticsearch::Domain` whose
    /// `NodeToNodeEncryptionOptions.Enabled` is absent or `false`; the default is off.
    ///
    /// ## Why it matters
    /// Without node-to-node encryption, documents, queries and results travel between the data
    /// nodes of the domain over plain TCP inside the VPC, where anything able to capture traffic
    /// can read them. It is also required for fine-grained access control.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Search:
    ///   Type: AWS::OpenSearchService::Domain
    ///   Properties:
    ///     NodeToNodeEncryptionOptions:
    ///       Enabled: false
    /// # after
    /// Search:
    ///   Type: AWS::OpenSearchService::Domain
    ///   Properties:
    ///     NodeToNodeEncryptionOptions:
    ///       Enabled: true
    /// ```
    ///
    /// ## References
    /// - [AWS::OpenSearchService::Domain NodeToNodeEncryptionOptions](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-opensearchservice-domain-nodetonodeencryptionoptions.html)
    /// - [Node-to-node encryption for Amazon OpenSearch Service](https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html)
    /// - cfn_nag W85; checkov CKV_AWS_6
    OpenSearchNodeToNodeDisabled {
        code: "CFN4014",
        name: "opensearch-domain-node-to-node-encryption-disabled",
        severity: Medium,
        group: "encryption",
        summary: "OpenSearch/Elasticsearch domain does not encrypt traffic between its nodes",
        types: ["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"],
        xrefs: [CfnNag("W85"), Checkov("CKV_AWS_6")],
    }
}

impl Rule for OpenSearchNodeToNodeDisabled {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        require_true(
            cx,
            hits,
            "NodeToNodeEncryptionOptions.Enabled",
            "domain does not encrypt traffic between its nodes",
        );
    }
}
