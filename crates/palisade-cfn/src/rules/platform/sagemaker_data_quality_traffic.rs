use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::encryption::util::require_true;
use crate::value::{int, is_unknown, truth_or, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::SageMaker::DataQualityJobDefinition` whose
    /// `NetworkConfig.EnableInterContainerTrafficEncryption` is absent or `false` (the
    /// default), when the job may run on more than one instance. A job whose
    /// `JobResources.ClusterConfig.InstanceCount` is `1` has no traffic between instances and
    /// passes.
    ///
    /// checkov CKV_AWS_369 also fails single-instance jobs.
    ///
    /// ## Why it matters
    /// A distributed monitoring job passes captured endpoint requests and responses between
    /// its instances. Without inter-container traffic encryption that data crosses the network
    /// in clear text, readable by anything that can observe traffic in the job's VPC.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// NetworkConfig:
    ///   VpcConfig:
    ///     SecurityGroupIds: [!Ref MonitoringSecurityGroup]
    ///     Subnets: [!Ref PrivateSubnet]
    /// # after
    /// NetworkConfig:
    ///   EnableInterContainerTrafficEncryption: true
    ///   VpcConfig:
    ///     SecurityGroupIds: [!Ref MonitoringSecurityGroup]
    ///     Subnets: [!Ref PrivateSubnet]
    /// ```
    ///
    /// ## References
    /// - [AWS::SageMaker::DataQualityJobDefinition NetworkConfig](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-sagemaker-dataqualityjobdefinition-networkconfig.html)
    /// - [NetworkConfig (SageMaker API)](https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_NetworkConfig.html)
    /// - checkov CKV_AWS_369
    ///
    /// ## Unknown values
    /// An `EnableInterContainerTrafficEncryption` that is not known before deployment is
    /// reported at `info`. So is an `InstanceCount` that is not known, when the flag is not
    /// known to be `true`.
    DataQualityTrafficNotEncrypted {
        code: "CFN8216",
        name: "sagemaker-data-quality-traffic-not-encrypted",
        severity: Medium,
        group: "ml",
        summary: "SageMaker data quality job does not encrypt traffic between its instances (`EnableInterContainerTrafficEncryption`)",
        types: ["AWS::SageMaker::DataQualityJobDefinition"],
        xrefs: [Checkov("CKV_AWS_369")],
    }
}

impl Rule for DataQualityTrafficNotEncrypted {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let count = cx.prop_path("JobResources.ClusterConfig.InstanceCount");
        if count.and_then(int) == Some(1) {
            return;
        }
        if let Some(count) = count.filter(|c| is_unknown(c)) {
            let flag = cx.prop_path("NetworkConfig.EnableInterContainerTrafficEncryption");
            if truth_or(flag, false) != Tri::True {
                hits.unknown(
                    count,
                    "the job runs on several instances that exchange data unencrypted",
                );
            }
            return;
        }
        require_true(
            cx,
            hits,
            "NetworkConfig.EnableInterContainerTrafficEncryption",
            "traffic between the monitoring job's instances is not encrypted",
        );
    }
}
