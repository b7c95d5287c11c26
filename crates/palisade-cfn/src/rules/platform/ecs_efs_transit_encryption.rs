use super::util::{list_items, require_choice, Choice};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::is_unknown;

declare_rule! {
    /// ## What it checks
    /// An `AWS::ECS::TaskDefinition` with an EFS volume (a `Volumes[]` entry with
    /// `EFSVolumeConfiguration`) whose `TransitEncryption` is absent or `DISABLED` (the
    /// default). Every EFS volume is reported on its own.
    ///
    /// checkov CKV_AWS_97 looks at the first EFS volume only; this rule checks all of them.
    ///
    /// ## Why it matters
    /// Without transit encryption, file data and metadata travel between the container host
    /// and the EFS mount target in clear text, readable by anything that can observe traffic
    /// in the VPC. EFS IAM authorization (`AuthorizationConfig.IAM`) also needs transit
    /// encryption, so without it the file system cannot tell tasks apart by their role.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Volumes:
    ///   - Name: shared
    ///     EFSVolumeConfiguration:
    ///       FilesystemId: !Ref SharedFiles
    /// # after
    /// Volumes:
    ///   - Name: shared
    ///     EFSVolumeConfiguration:
    ///       FilesystemId: !Ref SharedFiles
    ///       TransitEncryption: ENABLED
    ///       AuthorizationConfig:
    ///         IAM: ENABLED
    /// ```
    ///
    /// ## References
    /// - [AWS::ECS::TaskDefinition EFSVolumeConfiguration](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecs-taskdefinition-efsvolumeconfiguration.html)
    /// - [AWS::ECS::TaskDefinition AuthorizationConfig](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecs-taskdefinition-authorizationconfig.html)
    /// - [Specify an Amazon EFS file system in an Amazon ECS task definition](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specify-efs-config.html)
    /// - checkov CKV_AWS_97
    ///
    /// ## Unknown values
    /// A `Volumes` list or entry, an `EFSVolumeConfiguration` or a `TransitEncryption` that is
    /// not known before deployment is reported at `info`, naming the value.
    EcsEfsTransitEncryptionDisabled {
        code: "CFN8225",
        name: "ecs-efs-volume-transit-encryption-disabled",
        severity: Medium,
        group: "containers",
        summary: "ECS task definition mounts an EFS volume without transit encryption (`TransitEncryption`)",
        types: ["AWS::ECS::TaskDefinition"],
        xrefs: [Checkov("CKV_AWS_97")],
    }
}

const QUESTION: &str = "the task definition's EFS volumes use transit encryption";

impl Rule for EcsEfsTransitEncryptionDisabled {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        for (volume, prefix) in list_items(hits, cx.props, "Volumes", "", QUESTION) {
            let Some(efs) = volume.get("EFSVolumeConfiguration") else {
                continue;
            };
            if is_unknown(efs) {
                hits.unknown(efs, QUESTION);
                continue;
            }
            let item_prefix = format!("{prefix}EFSVolumeConfiguration.");
            let transit = Choice {
                path: "TransitEncryption",
                good: &["ENABLED"],
                default: "DISABLED",
                problem: "EFS volume traffic is not encrypted in transit",
            };
            require_choice(hits, efs, Some((efs, &item_prefix)), &transit);
        }
    }
}
