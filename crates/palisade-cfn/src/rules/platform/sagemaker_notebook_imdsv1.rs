use super::util::{require_choice, Choice};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// An `AWS::SageMaker::NotebookInstance` whose
    /// `InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion` is absent
    /// or `1`. When a notebook instance is created without a value, SageMaker uses `1`: the
    /// instance answers both IMDSv1 and IMDSv2 requests. Only `2` requires session tokens.
    ///
    /// This is the check of checkov CKV_AWS_371.
    ///
    /// ## Why it matters
    /// A notebook instance runs arbitrary user code, downloaded packages and Jupyter
    /// extensions, usually with a broad execution role. IMDSv1 answers plain `GET` requests, so
    /// a server-side request forgery in anything running on the instance (or a malicious
    /// package) can read the role's temporary credentials from `http://169.254.169.254/`.
    /// IMDSv2 needs a session token obtained with a `PUT` request, which such flaws cannot
    /// forge.
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
    ///     InstanceMetadataServiceConfiguration:
    ///       MinimumInstanceMetadataServiceVersion: "2"
    /// ```
    ///
    /// ## References
    /// - [AWS::SageMaker::NotebookInstance InstanceMetadataServiceConfiguration](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-sagemaker-notebookinstance-instancemetadataserviceconfiguration.html)
    /// - [Configure the Instance Metadata Service options](https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-options.html)
    /// - checkov CKV_AWS_371
    ///
    /// ## Unknown values
    /// A minimum version (or a configuration block) that is not known before deployment is
    /// reported at `info`, naming the value.
    SageMakerNotebookImdsv1Allowed {
        code: "CFN8218",
        name: "sagemaker-notebook-imdsv1-allowed",
        severity: Medium,
        group: "ml",
        summary: "SageMaker notebook instance accepts IMDSv1 requests (`MinimumInstanceMetadataServiceVersion` is not 2)",
        types: ["AWS::SageMaker::NotebookInstance"],
        xrefs: [Checkov("CKV_AWS_371")],
    }
}

impl Rule for SageMakerNotebookImdsv1Allowed {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let version = Choice {
            path: "InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion",
            good: &["2"],
            default: "1",
            problem: "notebook instance accepts IMDSv1 requests",
        };
        require_choice(hits, cx.props, None, &version);
    }
}
