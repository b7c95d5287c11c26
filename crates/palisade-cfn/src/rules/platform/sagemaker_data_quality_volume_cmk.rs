use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::encryption::util::require_cmk;

declare_rule! {
    /// ## What it checks
    /// An `AWS::SageMaker::DataQualityJobDefinition` without a customer managed KMS key in
    /// `JobResources.ClusterConfig.VolumeKmsKeyId` (absent, empty, or an AWS managed key
    /// `alias/aws/...`). The key encrypts the ML storage volumes attached to the instances
    /// that run the monitoring job; without it SageMaker encrypts them with a key it manages.
    ///
    /// Instance types with local NVMe instance storage encrypt it in hardware and cannot take
    /// a volume key; for a job on such an instance type the finding cannot be fixed: suppress
    /// it there. checkov CKV_AWS_368 accepts any value, including an AWS managed key.
    ///
    /// ## Why it matters
    /// The processing volumes hold the captured endpoint traffic and the baseline data the job
    /// analyses. A customer managed key lets the account restrict and audit who can use that
    /// data, and revoke access by disabling the key.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// JobResources:
    ///   ClusterConfig:
    ///     InstanceCount: 1
    ///     InstanceType: ml.m5.large
    ///     VolumeSizeInGB: 20
    /// # after
    /// JobResources:
    ///   ClusterConfig:
    ///     InstanceCount: 1
    ///     InstanceType: ml.m5.large
    ///     VolumeSizeInGB: 20
    ///     VolumeKmsKeyId: !Ref MonitoringKey
    /// ```
    ///
    /// ## References
    /// - [AWS::SageMaker::DataQualityJobDefinition ClusterConfig](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-sagemaker-dataqualityjobdefinition-clusterconfig.html)
    /// - checkov CKV_AWS_368
    ///
    /// ## Unknown values
    /// A `VolumeKmsKeyId` from a parameter without a value or an import is reported at `info`;
    /// a `Ref` or `Fn::GetAtt` to a key or alias of this template counts as a customer managed
    /// key.
    DataQualityVolumeWithoutCmk {
        code: "CFN8215",
        name: "sagemaker-data-quality-volume-without-customer-managed-key",
        severity: Low,
        group: "ml",
        summary: "SageMaker data quality job volumes are not encrypted with a customer managed KMS key (`VolumeKmsKeyId`)",
        types: ["AWS::SageMaker::DataQualityJobDefinition"],
        xrefs: [Checkov("CKV_AWS_368")],
    }
}

impl Rule for DataQualityVolumeWithoutCmk {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        require_cmk(
            cx,
            hits,
            "JobResources.ClusterConfig.VolumeKmsKeyId",
            "data quality job",
            "monitoring job volumes are encrypted only with a key managed by SageMaker",
        );
    }
}
