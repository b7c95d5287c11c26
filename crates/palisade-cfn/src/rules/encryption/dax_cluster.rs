use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

use super::util::require_true;

declare_rule! {
    /// ## What it checks
    /// An `AWS::DAX::Cluster` whose `SSESpecification.SSEEnabled` is absent or `false`. DAX does
    /// not encrypt a cluster at rest unless this is set, and it can only be set when the cluster
    /// is created.
    ///
    /// ## Why it matters
    /// A DAX cluster caches DynamoDB items, query results and configuration on its nodes' disks.
    /// Even when the DynamoDB table itself is encrypted, the cached copies are then stored in the
    /// clear.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Cache:
    ///   Type: AWS::DAX::Cluster
    ///   Properties:
    ///     NodeType: dax.r5.large
    ///     ReplicationFactor: 3
    ///     IAMRoleARN: !GetAtt DaxRole.Arn
    /// # after
    /// Cache:
    ///   Type: AWS::DAX::Cluster
    ///   Properties:
    ///     NodeType: dax.r5.large
    ///     ReplicationFactor: 3
    ///     IAMRoleARN: !GetAtt DaxRole.Arn
    ///     SSESpecification:
    ///       SSEEnabled: true
    /// ```
    ///
    /// ## References
    /// - [AWS::DAX::Cluster SSESpecification](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dax-cluster-ssespecification.html)
    /// - [DAX encryption at rest](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionAtRest.html)
    /// - cfn_nag W83; checkov CKV_AWS_47
    DaxClusterNotEncrypted {
        code: "CFN4018",
        name: "dax-cluster-not-encrypted",
        severity: High,
        group: "encryption",
        summary: "DAX cluster is not encrypted at rest (`SSESpecification.SSEEnabled` absent or false)",
        types: ["AWS::DAX::Cluster"],
        xrefs: [CfnNag("W83"), Checkov("CKV_AWS_47")],
    }
}

impl Rule for DaxClusterNotEncrypted {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        require_true(
            cx,
            hits,
            "SSESpecification.SSEEnabled",
            "DAX cluster is not encrypted at rest",
        );
    }
}
