use palisade_doc::Node;

use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, items, text};

use super::util::require_cmk_in;

declare_rule! {
    /// ## What it checks
    /// An `AWS::EKS::Cluster` whose `EncryptionConfig` has no entry that lists `secrets` in
    /// `Resources` with a customer managed KMS key in `Provider.KeyArn`.
    ///
    /// EKS clusters running Kubernetes 1.28 or later envelope-encrypt all Kubernetes API data by
    /// default, with a key owned by AWS; older clusters rely on the disk encryption of etcd alone.
    /// The rule asks for envelope encryption of secrets with a customer managed key.
    ///
    /// ## Why it matters
    /// Kubernetes secrets hold database passwords, API tokens and TLS keys. With a customer managed
    /// key as the key-encryption key, reading them from etcd also requires the account's KMS key,
    /// whose use is logged in CloudTrail and which the account can disable or restrict; with the
    /// AWS owned key none of that is under the account's control.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Cluster:
    ///   Type: AWS::EKS::Cluster
    ///   Properties:
    ///     RoleArn: !GetAtt ClusterRole.Arn
    ///     ResourcesVpcConfig:
    ///       SubnetIds: !Ref Subnets
    /// # after
    /// Cluster:
    ///   Type: AWS::EKS::Cluster
    ///   Properties:
    ///     RoleArn: !GetAtt ClusterRole.Arn
    ///     ResourcesVpcConfig:
    ///       SubnetIds: !Ref Subnets
    ///     EncryptionConfig:
    ///       - Provider:
    ///           KeyArn: !GetAtt SecretsKey.Arn
    ///         Resources: [secrets]
    /// ```
    ///
    /// ## References
    /// - [AWS::EKS::Cluster EncryptionConfig](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-eks-cluster-encryptionconfig.html)
    /// - [Default envelope encryption for all Kubernetes API data](https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html)
    /// - cfn_nag W82; checkov CKV_AWS_58
    ///
    /// ## Unknown values
    /// An unresolved `EncryptionConfig` entry or `Resources` list, or a `KeyArn` taken from a
    /// parameter without a value or an import, is reported at `info`; a `Fn::GetAtt` to a key of
    /// this template counts as a customer managed key.
    EksSecretsNotEncryptedWithKms {
        code: "CFN4019",
        name: "eks-secrets-not-encrypted-with-kms",
        severity: Medium,
        group: "encryption",
        summary: "EKS cluster does not envelope-encrypt Kubernetes secrets with a customer managed KMS key",
        types: ["AWS::EKS::Cluster"],
        xrefs: [CfnNag("W82"), Checkov("CKV_AWS_58")],
    }
}

const DEFAULT: &str = "Kubernetes secrets are encrypted only with an AWS owned key";

impl Rule for EksSecretsNotEncryptedWithKms {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(config) = cx.prop("EncryptionConfig") else {
            hits.missing(
                "EncryptionConfig",
                format!("{DEFAULT}: `EncryptionConfig` is not set"),
            );
            return;
        };
        if is_unknown(config) {
            hits.unknown(
                config,
                "`EncryptionConfig` encrypts `secrets` with a customer managed KMS key",
            );
            return;
        }
        let mut undecided: Option<&Node> = None;
        for (i, entry) in items(config).into_iter().enumerate() {
            if is_unknown(entry) {
                undecided.get_or_insert(entry);
                continue;
            }
            let Some(resources) = entry.get("Resources") else {
                continue;
            };
            if is_unknown(resources) {
                undecided.get_or_insert(resources);
                continue;
            }
            let list = items(resources);
            if !list
                .iter()
                .any(|r| text(r).is_some_and(|t| t.trim() == "secrets"))
            {
                if let Some(u) = list.into_iter().find(|r| is_unknown(r)) {
                    undecided.get_or_insert(u);
                }
                continue;
            }
            require_cmk_in(
                cx,
                hits,
                entry,
                "Provider.KeyArn",
                &format!("EncryptionConfig[{i}]."),
                "cluster",
                DEFAULT,
            );
            return;
        }
        match undecided {
            Some(n) => hits.unknown(
                n,
                "`EncryptionConfig` encrypts `secrets` with a customer managed KMS key",
            ),
            None => hits.at(
                config,
                format!("{DEFAULT}: no `EncryptionConfig` entry lists `secrets` in `Resources`"),
            ),
        }
    }
}
