use palisade_core::Severity;

use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, items, truth, Tri};

use super::util::require_cmk;

declare_rule! {
    /// ## What it checks
    /// An `AWS::CodeBuild::Project` without a customer managed KMS key in `EncryptionKey`, and
    /// projects that switch encryption off for their S3 output.
    ///
    /// CodeBuild encrypts build output artifacts, caches, logs and test reports by default with the
    /// AWS managed key for Amazon S3 (`aws/s3`), so a missing `EncryptionKey` is a hygiene finding
    /// (`low`). `EncryptionDisabled: true` on `Artifacts`, an item of `SecondaryArtifacts` or
    /// `LogsConfig.S3Logs` stores that output unencrypted and is reported at `medium`.
    ///
    /// ## Why it matters
    /// Build output contains the deployable application and sometimes credentials baked into it.
    /// The `aws/s3` key's policy cannot be changed, so cross-account pipelines cannot use it and
    /// access to the artifacts cannot be separated from access to the bucket; a customer managed
    /// key adds a KMS permission, CloudTrail records of every use, and the ability to revoke.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Build:
    ///   Type: AWS::CodeBuild::Project
    ///   Properties:
    ///     Artifacts:
    ///       Type: S3
    ///       Location: !Ref ArtifactBucket
    ///       EncryptionDisabled: true
    /// # after
    /// Build:
    ///   Type: AWS::CodeBuild::Project
    ///   Properties:
    ///     EncryptionKey: !GetAtt BuildKey.Arn
    ///     Artifacts:
    ///       Type: S3
    ///       Location: !Ref ArtifactBucket
    /// ```
    ///
    /// ## References
    /// - [AWS::CodeBuild::Project](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-codebuild-project.html)
    /// - [Data encryption in CodeBuild](https://docs.aws.amazon.com/codebuild/latest/userguide/security-encryption.html)
    /// - [Encrypt build outputs using a customer managed key](https://docs.aws.amazon.com/codebuild/latest/userguide/setting-up-kms.html)
    /// - cfn_nag W32; checkov CKV_AWS_78 (encryption disabled)
    ///
    /// ## Unknown values
    /// An `EncryptionKey` taken from a parameter without a value or an import, or an unresolved
    /// `EncryptionDisabled`, is reported at `info`; a `Ref` or `Fn::GetAtt` to a key or alias of
    /// this template counts as a customer managed key.
    CodeBuildProjectWithoutCmk {
        code: "CFN4021",
        name: "codebuild-project-without-customer-managed-key",
        severity: Low,
        group: "encryption",
        summary: "CodeBuild project output is not encrypted with a customer managed KMS key (`EncryptionKey`)",
        types: ["AWS::CodeBuild::Project"],
        xrefs: [CfnNag("W32"), Checkov("CKV_AWS_78")],
    }
}

impl Rule for CodeBuildProjectWithoutCmk {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        require_cmk(
            cx,
            hits,
            "EncryptionKey",
            "project",
            "build output is encrypted with the AWS managed key `aws/s3`",
        );
        let mut outputs: Vec<(String, &palisade_doc::Node)> = Vec::new();
        if let Some(a) = cx.prop("Artifacts") {
            outputs.push(("Artifacts".into(), a));
        }
        if let Some(list) = cx.prop("SecondaryArtifacts") {
            for (i, a) in items(list).into_iter().enumerate() {
                outputs.push((format!("SecondaryArtifacts[{i}]"), a));
            }
        }
        if let Some(s3) = cx.prop_path("LogsConfig.S3Logs") {
            outputs.push(("LogsConfig.S3Logs".into(), s3));
        }
        for (path, output) in outputs {
            let Some(flag) = output.get("EncryptionDisabled") else {
                continue;
            };
            match truth(flag) {
                Tri::True => hits.at_severity(
                    flag,
                    Severity::Medium,
                    format!(
                        "build output is stored unencrypted: `{path}.EncryptionDisabled` is true"
                    ),
                ),
                Tri::Unknown if is_unknown(flag) => {
                    hits.unknown(flag, &format!("`{path}.EncryptionDisabled` is false"));
                }
                _ => {}
            }
        }
    }
}
