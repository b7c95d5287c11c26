use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

use super::util::require_true;

declare_rule! {
    /// ## What it checks
    /// An `AWS::OpenSearchService::Domain` or `AWS::Elasticsearch::Domain` whose
    /// `EncryptionAtRestOptions.Enabled` is absent or `false`. Through the API and CloudFormation a
    /// domain is not encrypted at rest unless this is set (the console's defaults differ).
    ///
    /// ## Why it matters
    /// Encryption at rest covers the indices, swap files, logs, application directory and automated
    /// snapshots of the domain. Search clusters frequently hold copies of application data and
    /// logs with personal data. It is also a prerequisite for fine-grained access control.
    ///
    /// ## How to fix
    /// Enable it, optionally with a customer managed key in `KmsKeyId` (otherwise the AWS managed
    /// key `aws/es` is used):
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
    ///     EncryptionAtRestOptions:
    ///       Enabled: true
    ///       KmsKeyId: !Ref SearchKey
    /// ```
    ///
    /// ## References
    /// - [AWS::OpenSearchService::Domain EncryptionAtRestOptions](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-opensearchservice-domain-encryptionatrestoptions.html)
    /// - [Encryption of data at rest for Amazon OpenSearch Service](https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html)
    /// - cfn_nag W54; checkov CKV_AWS_5
    OpenSearchNotEncryptedAtRest {
        code: "CFN4013",
        name: "opensearch-domain-not-encrypted-at-rest",
        severity: High,
        group: "encryption",
        summary: "OpenSearch/Elasticsearch domain is not encrypted at rest",
        types: ["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"],
        xrefs: [CfnNag("W54"), Checkov("CKV_AWS_5")],
    }
}

impl Rule for OpenSearchNotEncryptedAtRest {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        require_true(
            cx,
            hits,
            "EncryptionAtRestOptions.Enabled",
            "domain is not encrypted at rest",
        );
    }
}
