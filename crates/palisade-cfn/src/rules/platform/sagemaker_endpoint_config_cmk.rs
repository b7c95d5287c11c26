use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::encryption::util::require_cmk;

declare_rule! {
    /// ## What it checks
    /// An `AWS::SageMaker::EndpointConfig` without a customer managed KMS key in `KmsKeyId`
    /// (absent, empty, or an AWS managed key `alias/aws/...`). `KmsKeyId` is the key SageMaker
    /// uses for the storage volumes attached to the instances that host the endpoint; without
    /// it the volumes are encrypted with a key SageMaker manages.
    ///
    /// Instance types with local NVMe instance storage encrypt it in hardware and cannot take
    /// a `KmsKeyId` at all (SageMaker rejects the configuration). For an endpoint that uses
    /// only such instance types the finding cannot be fixed: suppress it there.
    ///
    /// ## Why it matters
    /// The hosting volumes hold the model artifacts and, with data capture or asynchronous
    /// inference, request and response payloads. A customer managed key lets the account
    /// restrict and audit who can use that data, and revoke access by disabling the key.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Config:
    ///   Type: AWS::SageMaker::EndpointConfig
    ///   Properties:
    ///     ProductionVariants:
    ///       - ModelName: !GetAtt Model.ModelName
    ///         VariantName: main
    ///         InitialInstanceCount: 1
    ///         InstanceType: ml.m5.large
    /// # after
    /// Config:
    ///   Type: AWS::SageMaker::EndpointConfig
    ///   Properties:
    ///     KmsKeyId: !Ref EndpointKey
    ///     ProductionVariants:
    ///       - ModelName: !GetAtt Model.ModelName
    ///         VariantName: main
    ///         InitialInstanceCount: 1
    ///         InstanceType: ml.m5.large
    /// ```
    ///
    /// ## References
    /// - [AWS::SageMaker::EndpointConfig](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sagemaker-endpointconfig.html)
    /// - [CreateEndpointConfig: KmsKeyId and instances with local storage](https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html)
    /// - cfn_nag W1200
    ///
    /// ## Unknown values
    /// A `KmsKeyId` from a parameter without a value or an import is reported at `info`; a
    /// `Ref` or `Fn::GetAtt` to a key or alias of this template counts as a customer managed
    /// key.
    SageMakerEndpointConfigWithoutCmk {
        code: "CFN8205",
        name: "sagemaker-endpoint-config-without-customer-managed-key",
        severity: Medium,
        group: "ml",
        summary: "SageMaker endpoint storage is not encrypted with a customer managed KMS key (`KmsKeyId`)",
        types: ["AWS::SageMaker::EndpointConfig"],
        xrefs: [CfnNag("W1200")],
    }
}

impl Rule for SageMakerEndpointConfigWithoutCmk {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        require_cmk(
            cx,
            hits,
            "KmsKeyId",
            "endpoint configuration",
            "endpoint storage volumes are encrypted only with a key managed by SageMaker",
        );
    }
}
