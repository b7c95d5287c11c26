use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, items, text, truth, Tri};

declare_rule! {
    /// ## What it checks
    /// EBS volumes declared in the `BlockDeviceMappings` of an
    /// `AWS::AutoScaling::LaunchConfiguration` whose `Ebs.Encrypted` is absent or `false`.
    /// Mappings without `Ebs` are not EBS volumes and are skipped: instance store volumes
    /// (`VirtualName: ephemeral0`) and mappings that suppress a device of the AMI
    /// (`NoDevice: true`). Volumes that come only from the AMI's own block device mapping are
    /// not declared in the template and are not checked.
    ///
    /// ## Why it matters
    /// Every instance the Auto Scaling group launches gets these volumes; unencrypted, their
    /// data and every snapshot taken from them are stored in the clear, and anyone who can
    /// copy or share a snapshot can read it. Launch configurations cannot name a KMS key, so
    /// `Encrypted: true` (with the account's default EBS key) is the only control the template
    /// has; without it, encryption depends on an account setting or on the source snapshot.
    ///
    /// ## How to fix
    /// Set `Encrypted: true` on every EBS mapping (better: move to an
    /// `AWS::EC2::LaunchTemplate`, which supports customer managed keys; AWS no longer adds
    /// features to launch configurations):
    /// ```yaml
    /// # before
    /// BlockDeviceMappings:
    ///   - DeviceName: /dev/xvda
    ///     Ebs:
    ///       VolumeSize: 50
    /// # after
    /// BlockDeviceMappings:
    ///   - DeviceName: /dev/xvda
    ///     Ebs:
    ///       VolumeSize: 50
    ///       Encrypted: true
    /// ```
    ///
    /// ## References
    /// - [AWS::AutoScaling::LaunchConfiguration BlockDeviceMapping](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-autoscaling-launchconfiguration-blockdevicemapping.html)
    /// - [AWS::AutoScaling::LaunchConfiguration BlockDevice](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-autoscaling-launchconfiguration-blockdevice.html)
    /// - [Amazon EBS encryption](https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html)
    /// - checkov CKV_AWS_8
    LaunchConfigurationEbsNotEncrypted {
        code: "CFN2012",
        name: "launch-configuration-ebs-not-encrypted",
        severity: Medium,
        group: "ec2",
        summary: "launch configuration block device mapping declares an unencrypted EBS volume",
        types: ["AWS::AutoScaling::LaunchConfiguration"],
        xrefs: [Checkov("CKV_AWS_8")],
    }
}

impl Rule for LaunchConfigurationEbsNotEncrypted {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(list) = cx.prop("BlockDeviceMappings") else {
            return;
        };
        let question = "the launch configuration's EBS volumes are encrypted";
        if is_unknown(list) {
            hits.unknown(list, question);
            return;
        }
        for mapping in items(list) {
            if is_unknown(mapping) {
                hits.unknown(mapping, question);
                continue;
            }
            if mapping
                .get("NoDevice")
                .is_some_and(|n| truth(n) == Tri::True)
            {
                continue;
            }
            let Some(ebs) = mapping.get("Ebs") else {
                continue;
            };
            let device = match mapping.get("DeviceName").and_then(text) {
                Some(d) => format!("EBS volume `{d}`"),
                None => "EBS volume".to_string(),
            };
            if is_unknown(ebs) {
                hits.unknown(ebs, &format!("the {device} is encrypted"));
                continue;
            }
            match ebs.get("Encrypted") {
                None => hits.at(
                    ebs,
                    format!("{device} is not encrypted: `Encrypted` is not set"),
                ),
                Some(v) => match truth(v) {
                    Tri::True => {}
                    Tri::False => hits.at(
                        v,
                        format!("{device} is not encrypted: `Encrypted` is false"),
                    ),
                    Tri::Unknown => hits.unknown(v, &format!("the {device} is encrypted")),
                },
            }
        }
    }
}
