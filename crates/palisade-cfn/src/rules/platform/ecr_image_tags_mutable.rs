use super::util::{require_choice, Choice};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// An `AWS::ECR::Repository` whose `ImageTagMutability` is absent, `MUTABLE` (the
    /// default) or `MUTABLE_WITH_EXCLUSION`: pushing an image with an existing tag moves the tag
    /// to the new image. `IMMUTABLE` and `IMMUTABLE_WITH_EXCLUSION` (immutable except for the
    /// tags matched by `ImageTagMutabilityExclusionFilters`) pass.
    ///
    /// checkov CKV_AWS_51 accepts only `IMMUTABLE`; it predates the exclusion modes.
    ///
    /// ## Why it matters
    /// Deployments, task definitions and pipelines refer to images by tag. With mutable tags,
    /// anyone who can push to the repository (a leaked CI credential, a compromised build) can
    /// replace the image behind `v1.4.2` or `prod` without changing any reference, and the
    /// next deployment or scale-out runs it. Immutable tags make each tag name one image for
    /// good.
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
    ///     ImageTagMutability: IMMUTABLE
    /// ```
    ///
    /// ## References
    /// - [AWS::ECR::Repository](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecr-repository.html)
    /// - [PutImageTagMutability (valid values)](https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PutImageTagMutability.html)
    /// - checkov CKV_AWS_51
    ///
    /// ## Unknown values
    /// An `ImageTagMutability` that is not known before deployment is reported at `info`,
    /// naming the value.
    EcrImageTagsMutable {
        code: "CFN8221",
        name: "ecr-image-tags-mutable",
        severity: Low,
        group: "containers",
        summary: "ECR repository allows image tags to be overwritten (`ImageTagMutability` is not `IMMUTABLE`)",
        types: ["AWS::ECR::Repository"],
        xrefs: [Checkov("CKV_AWS_51")],
    }
}

impl Rule for EcrImageTagsMutable {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let mutability = Choice {
            path: "ImageTagMutability",
            good: &["IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION"],
            default: "MUTABLE",
            problem: "image tags can be overwritten",
        };
        require_choice(hits, cx.props, None, &mutability);
    }
}
