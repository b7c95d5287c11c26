use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, items, text};

use super::super::encryption::util::inherited;

declare_rule! {
    /// ## What it checks
    /// An `AWS::ElastiCache::ReplicationGroup` (Valkey or Redis OSS) that lets clients in without
    /// authenticating: neither `AuthToken` (the `AUTH` password, which ElastiCache accepts only
    /// with `TransitEncryptionEnabled: true`) nor `UserGroupIds` (role-based access control with
    /// ElastiCache users) is set. An empty `AuthToken` or `UserGroupIds` list counts as absent.
    ///
    /// checkov CKV_AWS_31 requires `TransitEncryptionEnabled: true` together with `AuthToken`.
    /// In-transit encryption on its own is checked by CFN4005; this rule reports the missing
    /// authentication, and accepts a user group, which is the access control AWS recommends for
    /// Valkey and Redis OSS 6 and later.
    ///
    /// A member of a global datastore (`GlobalReplicationGroupId`) takes its settings from the
    /// primary; when the global datastore is a resource of this template it is not reported here.
    ///
    /// ## Why it matters
    /// Without authentication anything that can reach the cluster's port can read every key,
    /// overwrite or flush the data, and run administrative commands. Security groups are then the
    /// only control, and any compromised host or misconfigured rule inside the VPC gets full
    /// access to cached sessions, tokens and application data.
    ///
    /// ## How to fix
    /// Enable in-transit encryption and an `AUTH` token kept in Secrets Manager (or attach
    /// `UserGroupIds`):
    /// ```yaml
    /// # before
    /// Cache:
    ///   Type: AWS::ElastiCache::ReplicationGroup
    ///   Properties:
    ///     ReplicationGroupDescription: sessions
    ///     Engine: valkey
    ///     CacheNodeType: cache.t4g.small
    ///     NumCacheClusters: 2
    /// # after
    /// Cache:
    ///   Type: AWS::ElastiCache::ReplicationGroup
    ///   Properties:
    ///     ReplicationGroupDescription: sessions
    ///     Engine: valkey
    ///     CacheNodeType: cache.t4g.small
    ///     NumCacheClusters: 2
    ///     TransitEncryptionEnabled: true
    ///     AuthToken: '{{resolve:secretsmanager:cache-auth:SecretString:token}}'
    /// ```
    ///
    /// ## References
    /// - [AWS::ElastiCache::ReplicationGroup](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticache-replicationgroup.html) (`AuthToken`, `UserGroupIds`)
    /// - [Authenticating with the Valkey and Redis OSS AUTH command](https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html)
    /// - [Role-Based Access Control (RBAC)](https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html)
    /// - checkov CKV_AWS_31
    ///
    /// ## Unknown values
    /// An `AuthToken` taken from a parameter or a dynamic reference counts as set. An unresolved
    /// `UserGroupIds` list is reported at `info`, as is membership of a global datastore that this
    /// template does not define.
    ElastiCacheWithoutAuth {
        code: "CFN8111",
        name: "elasticache-replication-group-without-authentication",
        severity: High,
        group: "database",
        summary: "ElastiCache replication group does not require clients to authenticate",
        types: ["AWS::ElastiCache::ReplicationGroup"],
        xrefs: [Checkov("CKV_AWS_31")],
    }
}

impl Rule for ElastiCacheWithoutAuth {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        // A token from a parameter or `{{resolve:...}}` is a token; only a known empty string
        // is no token.
        let token = cx
            .prop("AuthToken")
            .is_some_and(|t| is_unknown(t) || text(t).is_some_and(|s| !s.trim().is_empty()));
        if token {
            return;
        }
        if let Some(groups) = cx.prop("UserGroupIds") {
            if is_unknown(groups) {
                hits.unknown(groups, "`UserGroupIds` attaches a user group");
                return;
            }
            if !items(groups).is_empty() {
                return;
            }
        }
        if inherited(
            cx,
            hits,
            &["GlobalReplicationGroupId"],
            "the replication group requires authentication",
        ) {
            return;
        }
        hits.missing(
            "AuthToken",
            "replication group lets clients in without authenticating: neither `AuthToken` nor `UserGroupIds` is set",
        );
    }
}
