use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::encryption::util::require_cmk;

declare_rule! {
    /// ## What it checks
    /// An `AWS::SageMaker::DataQualityJobDefinition` without a customer managed KMS key in
    /// `DataQualityJobOutputConfig.KmsKeyId` (absent, empty, or an AWS managed key
    /// `alias/aws/...`). The key is the one SageMaker uses to encrypt the monitoring results it
    /// uploads to S3; without it the objects get only the destination bucket's default
    /// encryption.
    ///
    /// checkov CKV_AWS_367 accepts any value, including an AWS managed key; this rule asks for
    /// a customer managed key, like the other `-without-customer-managed-key` rules.
    ///
    /// ## Why it matters
    /// Data quality monitoring writes statistics, constraint violations and samples computed
    /// from the live traffic of an endpoint, which reveal the distribution (and sometimes the
    /// values) of production inputs. A customer managed key keeps that output readable only to
    /// principals the key policy allows, wherever the objects are copied.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// DataQualityJobOutputConfig:
    ///   MonitoringOutputs:
    ///     - S3Output:
    ///         LocalPath: /opt/ml/processing/output
    ///         S3Uri: s3://example-monitoring/quality
    /// # after
    /// DataQualityJobOutputConfig:
    ///   KmsKeyId: !GetAtt MonitoringKey.Arn
    ///   MonitoringOutputs:
    ///     - S3Output:
    ///         LocalPath: /opt/ml/processing/output
    ///         S3Uri: s3://example-monitoring/quality
    /// ```
    ///
    /// ## References
    /// - [AWS::SageMaker::DataQualityJobDefinition MonitoringOutputConfig](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-sagemaker-dataqualityjobdefinition-monitoringoutputconfig.html)
    /// - checkov CKV_AWS_367
    ///
    /// ## Unknown values
    /// A `KmsKeyId` from a parameter without a value or an import is reported at `info`; a
    /// `Ref` or `Fn::GetAtt` to a key or alias of this template counts as a customer managed
    /// key.
    DataQualityOutputWithoutCmk {
        code: "CFN8214",
        name: "sagemaker-data-quality-output-without-customer-managed-key",
        severity: Low,
        group: "ml",
        summary: "SageMaker data quality job output is not encrypted with a customer managed KMS key (`DataQualityJobOutputConfig.KmsKeyId`)",
        types: ["AWS::SageMaker::DataQualityJobDefinition"],
        xrefs: [Checkov("CKV_AWS_367")],
    }
}

impl Rule for DataQualityOutputWithoutCmk {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        require_cmk(
            cx,
            hits,
            "DataQualityJobOutputConfig.KmsKeyId",
            "data quality job",
            "monitoring output is encrypted only with the bucket's default encryption",
        );
    }
}
