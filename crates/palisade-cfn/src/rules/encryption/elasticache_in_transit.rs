use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, Tri};

use super::util::{inherited, lower, require_true};

declare_rule! {
    /// ## What it checks
    /// An `AWS::ElastiCache::ReplicationGroup` that accepts unencrypted connections:
    /// `TransitEncryptionEnabled` is absent or `false` (the default is `false` for both Valkey and
    /// Redis OSS), or it is `true` but `TransitEncryptionMode` is `preferred`, which still lets
    /// clients connect without TLS.
    ///
    /// A member of a global datastore (`GlobalReplicationGroupId`) takes its settings from the
    /// global datastore; when that is a resource of this template it is not reported here.
    ///
    /// ## Why it matters
    /// Without TLS, cached data, commands and the `AUTH` token travel in the clear between clients
    /// and nodes and between the nodes themselves, where anyone able to observe or redirect traffic
    /// in the VPC can read or alter them. `AuthToken` can only be used when in-transit encryption is
    /// enabled.
    ///
    /// ## How to fix
    /// Set `TransitEncryptionEnabled: true` and, once all clients use TLS,
    /// `TransitEncryptionMode: required`:
    /// ```yaml
    /// # before
    /// Cache:
    ///   Type: AWS::ElastiCache::ReplicationGroup
    ///   Properties:
    ///     ReplicationGroupDescription: sessions
    ///     TransitEncryptionEnabled: false
    /// # after
    /// Cache:
    ///   Type: AWS::ElastiCache::ReplicationGroup
    ///   Properties:
    ///     ReplicationGroupDescription: sessions
    ///     TransitEncryptionEnabled: true
    ///     TransitEncryptionMode: required
    /// ```
    ///
    /// ## References
    /// - [AWS::ElastiCache::ReplicationGroup](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-replicationgroup.html)
    /// - [ElastiCache in-transit encryption (TLS)](https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html)
    /// - cfn_nag F33; checkov CKV_AWS_30
    ///
    /// ## Unknown values
    /// An unresolved `TransitEncryptionEnabled` or `TransitEncryptionMode` is reported at `info`,
    /// as is membership of a global datastore that this template does not define.
    ElastiCacheNotEncryptedInTransit {
        code: "CFN4005",
        name: "elasticache-replication-group-not-encrypted-in-transit",
        severity: Medium,
        group: "encryption",
        summary: "ElastiCache replication group accepts connections without TLS",
        types: ["AWS::ElastiCache::ReplicationGroup"],
        xrefs: [CfnNag("F33"), Checkov("CKV_AWS_30")],
    }
}

impl Rule for ElastiCacheNotEncryptedInTransit {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        const FLAG: &str = "TransitEncryptionEnabled";
        if cx.prop(FLAG).is_none()
            && inherited(
                cx,
                hits,
                &["GlobalReplicationGroupId"],
                "the replication group requires TLS",
            )
        {
            return;
        }
        let problem = "replication group is not encrypted in transit";
        if require_true(cx, hits, FLAG, problem) != Tri::True {
            return;
        }
        let Some(mode) = cx.prop("TransitEncryptionMode") else {
            return;
        };
        if is_unknown(mode) {
            hits.unknown(mode, "`TransitEncryptionMode` is `required`");
        } else if lower(Some(mode)).as_deref() == Some("preferred") {
            hits.at(
                mode,
                "replication group still accepts unencrypted connections: `TransitEncryptionMode` is `preferred`",
            );
        }
    }
}
