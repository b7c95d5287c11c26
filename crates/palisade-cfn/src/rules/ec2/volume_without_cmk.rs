use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{text, truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An encrypted `AWS::EC2::Volume` (`Encrypted: true`) without a customer managed KMS key:
    /// `KmsKeyId` is absent, so EBS uses the AWS managed key `aws/ebs`, or it names that key
    /// explicitly (`alias/aws/ebs`). Unencrypted volumes are reported by `CFN2010`.
    ///
    /// ## Why it matters
    /// The AWS managed key's policy cannot be changed: every principal in the account that
    /// may use EBS can use it, so it gives no separate control over who can read the volume
    /// and its snapshots, and snapshots encrypted with it cannot be shared with other accounts.
    /// A customer managed key lets you restrict decryption to specific roles, disable or
    /// schedule deletion of the key, and audit its use.
    ///
    /// ## How to fix
    /// Create an `AWS::KMS::Key` (with rotation enabled) and reference it:
    /// ```yaml
    /// # before
    /// DataVolume:
    ///   Type: AWS::EC2::Volume
    ///   Properties:
    ///     AvailabilityZone: !Select [0, !GetAZs ""]
    ///     Size: 100
    ///     Encrypted: true
    /// # after
    /// DataVolume:
    ///   Type: AWS::EC2::Volume
    ///   Properties:
    ///     AvailabilityZone: !Select [0, !GetAZs ""]
    ///     Size: 100
    ///     Encrypted: true
    ///     KmsKeyId: !GetAtt VolumeKey.Arn
    /// ```
    ///
    /// ## References
    /// - [AWS::EC2::Volume](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-volume.html)
    /// - [AWS managed keys and customer managed keys](https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-mgmt)
    /// - cfn_nag W37
    ///
    /// ## Unknown values
    /// When `Encrypted` is not known before deployment and `KmsKeyId` is absent, the rule
    /// reports an `info` finding naming the `Encrypted` value. A `KmsKeyId` that is not known
    /// before deployment (a parameter without a value, `!GetAtt Key.Arn`, `!ImportValue`)
    /// counts as a customer managed key; only the literal AWS managed alias is reported.
    EbsVolumeWithoutCustomerKey {
        code: "CFN2011",
        name: "ebs-volume-without-customer-managed-key",
        severity: Low,
        group: "ec2",
        summary: "encrypted EBS volume does not use a customer managed KMS key (KmsKeyId)",
        types: ["AWS::EC2::Volume"],
        xrefs: [CfnNag("W37")],
    }
}

impl Rule for EbsVolumeWithoutCustomerKey {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(encrypted) = cx.prop("Encrypted") else {
            return;
        };
        let key = cx.prop("KmsKeyId");
        match truth(encrypted) {
            Tri::False => {}
            Tri::Unknown => {
                if key.is_none() {
                    hits.unknown(
                        encrypted,
                        "the volume is encrypted without a customer managed key",
                    );
                }
            }
            Tri::True => match key {
                None => hits.missing(
                    "KmsKeyId",
                    "volume is encrypted with the AWS managed key `aws/ebs`: `KmsKeyId` is not set",
                ),
                Some(k) => {
                    if let Some(t) = text(k) {
                        if t.trim().ends_with("alias/aws/ebs") {
                            hits.at(
                                k,
                                format!("volume is encrypted with the AWS managed key: `KmsKeyId` is `{}`", t.trim()),
                            );
                        }
                    }
                }
            },
        }
    }
}
