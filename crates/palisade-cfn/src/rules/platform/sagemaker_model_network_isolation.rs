use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::encryption::util::require_true;

declare_rule! {
    /// ## What it checks
    /// An `AWS::SageMaker::Model` whose `EnableNetworkIsolation` is absent or `false` (the
    /// default). With network isolation, the model's containers cannot make any outbound
    /// network call, not even to other AWS services; SageMaker itself still downloads the model
    /// artifacts and moves inference data.
    ///
    /// This is the check of checkov CKV_AWS_370. Models whose code needs the network at
    /// inference time (calling another service, fetching features) cannot use isolation:
    /// suppress the finding there.
    ///
    /// ## Why it matters
    /// Model containers often come from third parties or public model hubs, and inference
    /// code runs on untrusted input. Without isolation a malicious or compromised container
    /// can send the inference data it sees, or the credentials it can reach, to any address
    /// its VPC configuration allows, or to the internet when the model runs without a VPC.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Model:
    ///   Type: AWS::SageMaker::Model
    ///   Properties:
    ///     ExecutionRoleArn: !GetAtt ModelRole.Arn
    ///     PrimaryContainer:
    ///       Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:3
    ///       ModelDataUrl: s3://example-models/churn/model.tar.gz
    /// # after
    /// Model:
    ///   Type: AWS::SageMaker::Model
    ///   Properties:
    ///     ExecutionRoleArn: !GetAtt ModelRole.Arn
    ///     EnableNetworkIsolation: true
    ///     PrimaryContainer:
    ///       Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/churn:3
    ///       ModelDataUrl: s3://example-models/churn/model.tar.gz
    /// ```
    ///
    /// ## References
    /// - [AWS::SageMaker::Model](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sagemaker-model.html)
    /// - [AWS Config rule sagemaker-model-isolation-enabled](https://docs.aws.amazon.com/config/latest/developerguide/sagemaker-model-isolation-enabled.html)
    /// - checkov CKV_AWS_370
    ///
    /// ## Unknown values
    /// An `EnableNetworkIsolation` that is not known before deployment is reported at `info`,
    /// naming the value.
    SageMakerModelWithoutNetworkIsolation {
        code: "CFN8217",
        name: "sagemaker-model-network-isolation-disabled",
        severity: Medium,
        group: "ml",
        summary: "SageMaker model containers can make outbound network calls (`EnableNetworkIsolation` absent or false)",
        types: ["AWS::SageMaker::Model"],
        xrefs: [Checkov("CKV_AWS_370")],
    }
}

impl Rule for SageMakerModelWithoutNetworkIsolation {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        require_true(
            cx,
            hits,
            "EnableNetworkIsolation",
            "model containers can make outbound network calls",
        );
    }
}
