use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

use super::util::require_cmk;

declare_rule! {
    /// ## What it checks
    /// An `AWS::SageMaker::NotebookInstance` without a customer managed KMS key in `KmsKeyId`.
    ///
    /// When no key is given, SageMaker encrypts the notebook's OS and ML storage volumes with a
    /// key it manages itself, so the volumes are encrypted but not under the account's control.
    /// The rule asks for a customer managed key.
    ///
    /// ## Why it matters
    /// The ML storage volume (`/home/ec2-user/SageMaker`) keeps notebooks, downloaded training data
    /// and credentials written by users, and its snapshot survives stopping the instance. A
    /// customer managed key lets the account restrict and audit who can use the data, and revoke
    /// access by disabling the key.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Notebook:
    ///   Type: AWS::SageMaker::NotebookInstance
    ///   Properties:
    ///     InstanceType: ml.t3.medium
    ///     RoleArn: !GetAtt NotebookRole.Arn
    /// # after
    /// Notebook:
    ///   Type: AWS::SageMaker::NotebookInstance
    ///   Properties:
    ///     InstanceType: ml.t3.medium
    ///     RoleArn: !GetAtt NotebookRole.Arn
    ///     KmsKeyId: !Ref NotebookKey
    /// ```
    ///
    /// ## References
    /// - [AWS::SageMaker::NotebookInstance](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sagemaker-notebookinstance.html)
    /// - [Notebook instances, SageMaker AI jobs, and endpoints: encryption at rest](https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest-nbi.html)
    /// - cfn_nag W1201; checkov CKV_AWS_187
    ///
    /// ## Unknown values
    /// A `KmsKeyId` taken from a parameter without a value or an import is reported at `info`; a
    /// `Ref` or `Fn::GetAtt` to a key or alias of this template counts as a customer managed key.
    SageMakerNotebookWithoutCmk {
        code: "CFN4020",
        name: "sagemaker-notebook-without-customer-managed-key",
        severity: Medium,
        group: "encryption",
        summary: "SageMaker notebook instance storage is not encrypted with a customer managed KMS key (`KmsKeyId`)",
        types: ["AWS::SageMaker::NotebookInstance"],
        xrefs: [CfnNag("W1201"), Checkov("CKV_AWS_187")],
    }
}

impl Rule for SageMakerNotebookWithoutCmk {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        require_cmk(
            cx,
            hits,
            "KmsKeyId",
            "notebook instance",
            "notebook storage is encrypted only with a key managed by SageMaker",
        );
    }
}
