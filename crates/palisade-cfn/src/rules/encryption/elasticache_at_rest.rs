use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::is_unknown;

use super::util::{inherited, lower, require_true};

declare_rule! {
    /// ## What it checks
    /// An `AWS::ElastiCache::ReplicationGroup` (Valkey or Redis OSS) that is not encrypted at
    /// rest: `AtRestEncryptionEnabled` is `false`, or it is absent and the engine is Redis OSS.
    /// The default depends on the engine: `true` for Valkey, `false` for Redis OSS, and `Engine`
    /// itself defaults to `redis`.
    ///
    /// A member of a global datastore (`GlobalReplicationGroupId`) takes its settings from the
    /// global datastore; when that is a resource of this template it is not reported here.
    ///
    /// ## Why it matters
    /// Without encryption at rest, the data that the cache persists (swap, append-only files,
    /// backups and snapshots exported to Amazon S3) is stored in the clear. Caches often hold
    /// session tokens and copies of database rows. The setting cannot be changed after the
    /// replication group is created.
    ///
    /// ## How to fix
    /// Set `AtRestEncryptionEnabled: true` (optionally with a customer managed key in `KmsKeyId`),
    /// or use the Valkey engine, which encrypts by default:
    /// ```yaml
    /// # before
    /// Cache:
    ///   Type: AWS::ElastiCache::ReplicationGroup
    ///   Properties:
    ///     ReplicationGroupDescription: sessions
    ///     Engine: redis
    /// # after
    /// Cache:
    ///   Type: AWS::ElastiCache::ReplicationGroup
    ///   Properties:
    ///     ReplicationGroupDescription: sessions
    ///     Engine: redis
    ///     AtRestEncryptionEnabled: true
    ///     KmsKeyId: !Ref CacheKey
    /// ```
    ///
    /// ## References
    /// - [AWS::ElastiCache::ReplicationGroup](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-replicationgroup.html)
    /// - [CreateReplicationGroup: AtRestEncryptionEnabled](https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html) (default `true` for Valkey, `false` for Redis OSS)
    /// - [At-rest encryption in ElastiCache](https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html)
    /// - cfn_nag F25; checkov CKV_AWS_29
    ///
    /// ## Unknown values
    /// An unresolved `AtRestEncryptionEnabled`, or an absent one with an unresolved `Engine`, is
    /// reported at `info`, as is membership of a global datastore that this template does not
    /// define.
    ElastiCacheNotEncryptedAtRest {
        code: "CFN4004",
        name: "elasticache-replication-group-not-encrypted-at-rest",
        severity: High,
        group: "encryption",
        summary: "ElastiCache replication group is not encrypted at rest",
        types: ["AWS::ElastiCache::ReplicationGroup"],
        xrefs: [CfnNag("F25"), Checkov("CKV_AWS_29")],
    }
}

impl Rule for ElastiCacheNotEncryptedAtRest {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        const FLAG: &str = "AtRestEncryptionEnabled";
        if cx.prop(FLAG).is_none() {
            if inherited(
                cx,
                hits,
                &["GlobalReplicationGroupId"],
                "the replication group is encrypted at rest",
            ) {
                return;
            }
            match cx.prop("Engine") {
                Some(engine) if is_unknown(engine) => {
                    hits.unknown(
                        engine,
                        "the engine is Valkey (encrypted at rest by default)",
                    );
                    return;
                }
                _ if lower(cx.prop("Engine")).as_deref() == Some("valkey") => return,
                _ => {}
            }
        }
        require_true(cx, hits, FLAG, "replication group is not encrypted at rest");
    }
}
