use palisade_core::Severity;

use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, truth, Tri};

use super::util::{inherited, missing_with, require_true};

declare_rule! {
    /// ## What it checks
    /// An `AWS::Redshift::Cluster` that is, or may be, unencrypted:
    /// - `Encrypted: false` creates an unencrypted cluster (or decrypts an existing one): reported
    ///   at the rule's severity;
    /// - `Encrypted` absent (and no `KmsKeyId`): reported at `medium`. Amazon Redshift now
    ///   encrypts new provisioned clusters by default, but clusters created before that change
    ///   without the property are unencrypted, and CloudFormation does not touch a property the
    ///   template never set, so the template alone does not guarantee encryption.
    ///
    /// A cluster restored from a snapshot (`SnapshotIdentifier`) takes the snapshot's encryption
    /// unless `Encrypted: true` is given; that case is reported as unknown.
    ///
    /// ## Why it matters
    /// An unencrypted cluster stores every table, its automated and manual snapshots and the
    /// snapshots copied to other regions in the clear. Encrypting an existing cluster migrates all
    /// data to a new cluster, which takes time and capacity.
    ///
    /// ## How to fix
    /// Set `Encrypted: true`, with a customer managed key in `KmsKeyId` (otherwise the AWS managed
    /// key `aws/redshift` is used):
    /// ```yaml
    /// # before
    /// Warehouse:
    ///   Type: AWS::Redshift::Cluster
    ///   Properties:
    ///     ClusterType: single-node
    ///     NodeType: ra3.xlplus
    ///     Encrypted: false
    /// # after
    /// Warehouse:
    ///   Type: AWS::Redshift::Cluster
    ///   Properties:
    ///     ClusterType: single-node
    ///     NodeType: ra3.xlplus
    ///     Encrypted: true
    ///     KmsKeyId: !Ref WarehouseKey
    /// ```
    ///
    /// ## References
    /// - [AWS::Redshift::Cluster](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-redshift-cluster.html)
    /// - [Amazon Redshift database encryption](https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html)
    /// - cfn_nag F28; checkov CKV_AWS_64
    ///
    /// ## Unknown values
    /// An unresolved `Encrypted` is reported at `info`, as is a restore from a snapshot without
    /// `Encrypted: true`.
    RedshiftClusterNotEncrypted {
        code: "CFN4006",
        name: "redshift-cluster-not-encrypted",
        severity: High,
        group: "encryption",
        summary: "Redshift cluster is not encrypted at rest (`Encrypted` false, or absent)",
        types: ["AWS::Redshift::Cluster"],
        xrefs: [CfnNag("F28"), Checkov("CKV_AWS_64")],
    }
}

impl Rule for RedshiftClusterNotEncrypted {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        match cx.prop("Encrypted") {
            Some(v) if truth(v) == Tri::True => {}
            Some(v) if is_unknown(v) => hits.unknown(v, "`Encrypted` is true"),
            _ if inherited(
                cx,
                hits,
                &["SnapshotIdentifier"],
                "the cluster is encrypted",
            ) => {}
            Some(_) => {
                require_true(cx, hits, "Encrypted", "cluster is not encrypted");
            }
            None if cx.prop("KmsKeyId").is_some() => {}
            None => missing_with(
                cx,
                hits,
                "Encrypted",
                Severity::Medium,
                "cluster encryption is left to the service default: `Encrypted` is not set (clusters created before Redshift encrypted by default stay unencrypted)".into(),
            ),
        }
    }
}
