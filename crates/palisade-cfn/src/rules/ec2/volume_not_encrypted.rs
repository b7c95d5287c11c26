use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::EC2::Volume` whose `Encrypted` property is absent or `false`.
    ///
    /// ## Why it matters
    /// An unencrypted EBS volume stores its data, and every snapshot taken from it, in the
    /// clear. Snapshots are easily copied or shared with other accounts (or made public by
    /// mistake), and anyone who can read them reads the data; access to an encrypted volume
    /// additionally requires permission to use its KMS key, and every use is logged in
    /// CloudTrail. Without `Encrypted: true`, whether the volume is encrypted depends on an
    /// account setting (EBS encryption by default) or on the snapshot it is restored from,
    /// neither of which the template controls.
    ///
    /// ## How to fix
    /// Set `Encrypted: true`, preferably with a customer managed key (see `CFN2011`):
    /// ```yaml
    /// # before
    /// DataVolume:
    ///   Type: AWS::EC2::Volume
    ///   Properties:
    ///     AvailabilityZone: !Select [0, !GetAZs ""]
    ///     Size: 100
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
    /// - [Amazon EBS encryption](https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html)
    /// - cfn_nag F1; checkov CKV_AWS_3
    EbsVolumeNotEncrypted {
        code: "CFN2010",
        name: "ebs-volume-not-encrypted",
        severity: High,
        group: "ec2",
        summary: "EBS volume is not encrypted (Encrypted missing or false)",
        types: ["AWS::EC2::Volume"],
        xrefs: [CfnNag("F1"), Checkov("CKV_AWS_3")],
    }
}

impl Rule for EbsVolumeNotEncrypted {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        match cx.prop("Encrypted") {
            None => hits.missing(
                "Encrypted",
                "volume is not encrypted: `Encrypted` is not set",
            ),
            Some(v) => match truth(v) {
                Tri::True => {}
                Tri::False => hits.at(v, "volume is not encrypted: `Encrypted` is false"),
                Tri::Unknown => hits.unknown(v, "the volume is encrypted"),
            },
        }
    }
}
