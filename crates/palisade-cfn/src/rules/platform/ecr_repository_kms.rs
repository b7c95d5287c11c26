use super::util::{require_choice, Choice};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// An `AWS::ECR::Repository` whose `EncryptionConfiguration.EncryptionType` is absent or
    /// `AES256`. ECR always encrypts images; without `KMS` or `KMS_DSSE` it uses server-side
    /// encryption with Amazon S3 managed keys, which the account cannot control or audit. The
    /// encryption type can only be chosen when the repository is created.
    ///
    /// This follows checkov CKV_AWS_136 as first written ("encrypted using KMS"); later checkov
    /// versions accept any `EncryptionType`, which every repository meets.
    ///
    /// ## Why it matters
    /// Images carry application code, configuration and often embedded credentials. With KMS
    /// encryption each use of the key to read the stored layers is logged in CloudTrail, and
    /// with a customer managed key the account controls the key policy and can make every image
    /// unreadable at once by disabling the key. S3 managed keys offer none of these controls.
    /// `KMS` without `KmsKey` uses the AWS managed key `aws/ecr` and passes.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Images:
    ///   Type: AWS::ECR::Repository
    ///   Properties:
    ///     RepositoryName: payments-api
    /// # after
    /// Images:
    ///   Type: AWS::ECR::Repository
    ///   Properties:
    ///     RepositoryName: payments-api
    ///     EncryptionConfiguration:
    ///       EncryptionType: KMS
    ///       KmsKey: !GetAtt ImagesKey.Arn
    /// ```
    ///
    /// ## References
    /// - [AWS::ECR::Repository EncryptionConfiguration](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecr-repository-encryptionconfiguration.html)
    /// - [Amazon ECR encryption at rest](https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html)
    /// - checkov CKV_AWS_136
    ///
    /// ## Unknown values
    /// An `EncryptionType` (or `EncryptionConfiguration`) that is not known before deployment
    /// is reported at `info`, naming the value.
    EcrRepositoryWithoutKms {
        code: "CFN8222",
        name: "ecr-repository-not-encrypted-with-kms",
        severity: Low,
        group: "containers",
        summary: "ECR repository is encrypted only with S3 managed keys (`EncryptionConfiguration.EncryptionType` is not `KMS`)",
        types: ["AWS::ECR::Repository"],
        xrefs: [Checkov("CKV_AWS_136")],
    }
}

impl Rule for EcrRepositoryWithoutKms {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let encryption = Choice {
            path: "EncryptionConfiguration.EncryptionType",
            good: &["KMS", "KMS_DSSE"],
            default: "AES256",
            problem: "repository images are encrypted only with S3 managed keys",
        };
        require_choice(hits, cx.props, None, &encryption);
    }
}
