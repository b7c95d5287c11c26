use super::util::{list_items, require_choice, Choice};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::encryption::util::{lookup, Lookup};
use crate::value::{is_unknown, text};

declare_rule! {
    /// ## What it checks
    /// An `AWS::Glue::SecurityConfiguration` that leaves one of the three kinds of data Glue
    /// writes unencrypted; each is reported on its own (absent settings are `DISABLED`):
    /// - S3: no entry of `EncryptionConfiguration.S3Encryptions` has an `S3EncryptionMode`
    ///   other than `DISABLED` (`SSE-KMS` and `SSE-S3` pass);
    /// - CloudWatch Logs: `EncryptionConfiguration.CloudWatchEncryption.CloudWatchEncryptionMode`
    ///   is not `SSE-KMS`;
    /// - job bookmarks: `EncryptionConfiguration.JobBookmarksEncryption.JobBookmarksEncryptionMode`
    ///   is not `CSE-KMS`.
    ///
    /// This is the check of checkov CKV_AWS_99.
    ///
    /// ## Why it matters
    /// Jobs, crawlers and development endpoints that use the configuration write their output
    /// and temporary data to S3, their logs (which often echo records and connection details)
    /// to CloudWatch Logs, and their progress to job bookmarks. Each part left `DISABLED` is
    /// stored without the encryption the configuration exists to enforce.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// EncryptionConfiguration:
    ///   S3Encryptions:
    ///     - S3EncryptionMode: DISABLED
    /// # after
    /// EncryptionConfiguration:
    ///   S3Encryptions:
    ///     - S3EncryptionMode: SSE-KMS
    ///       KmsKeyArn: !GetAtt GlueKey.Arn
    ///   CloudWatchEncryption:
    ///     CloudWatchEncryptionMode: SSE-KMS
    ///     KmsKeyArn: !GetAtt GlueKey.Arn
    ///   JobBookmarksEncryption:
    ///     JobBookmarksEncryptionMode: CSE-KMS
    ///     KmsKeyArn: !GetAtt GlueKey.Arn
    /// ```
    ///
    /// ## References
    /// - [AWS::Glue::SecurityConfiguration EncryptionConfiguration](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-glue-securityconfiguration-encryptionconfiguration.html)
    /// - [AWS::Glue::SecurityConfiguration JobBookmarksEncryption](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-glue-securityconfiguration-jobbookmarksencryption.html)
    /// - checkov CKV_AWS_99
    ///
    /// ## Unknown values
    /// An encryption mode, an `S3Encryptions` list or entry, or a block holding them that is
    /// not known before deployment is reported at `info`, naming the value.
    GlueSecurityConfigurationUnencrypted {
        code: "CFN8212",
        name: "glue-security-configuration-encryption-disabled",
        severity: Medium,
        group: "analytics",
        summary: "Glue security configuration leaves S3 data, CloudWatch logs or job bookmarks unencrypted",
        types: ["AWS::Glue::SecurityConfiguration"],
        xrefs: [Checkov("CKV_AWS_99")],
    }
}

const S3: &str = "EncryptionConfiguration.S3Encryptions";

/// Whether some `S3Encryptions` entry encrypts: `Some(true)` yes, `None` unknown.
fn s3_encrypted(cx: &ResourceCx<'_>, hits: &mut Hits) -> Option<bool> {
    let question = "the security configuration encrypts S3 data";
    let mut unknown = false;
    for (entry, prefix) in list_items(hits, cx.props, S3, "", question) {
        match lookup(entry, "S3EncryptionMode") {
            Lookup::Missing => {}
            Lookup::Unknown(n) => {
                hits.unknown(n, question);
                unknown = true;
            }
            Lookup::Found(v) => match text(v) {
                Some(t) if t.trim().eq_ignore_ascii_case("DISABLED") => {}
                Some(_) => return Some(true),
                None if is_unknown(v) => {
                    hits.unknown(v, &format!("`{prefix}S3EncryptionMode` is not `DISABLED`"));
                    unknown = true;
                }
                None => {}
            },
        }
    }
    // An unknown list was reported by `list_items`.
    let list_unknown = match lookup(cx.props, S3) {
        Lookup::Unknown(_) => true,
        Lookup::Found(n) => is_unknown(n),
        Lookup::Missing => false,
    };
    if unknown || list_unknown {
        None
    } else {
        Some(false)
    }
}

impl Rule for GlueSecurityConfigurationUnencrypted {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        if let Some(config) = cx.prop("EncryptionConfiguration").filter(|c| is_unknown(c)) {
            hits.unknown(
                config,
                "the security configuration encrypts what Glue writes",
            );
            return;
        }
        if s3_encrypted(cx, hits) == Some(false) {
            let message = "S3 data written by Glue is not encrypted: no `S3Encryptions` entry sets an `S3EncryptionMode` other than `DISABLED`";
            match cx.prop_path(S3) {
                Some(list) => hits.at(list, message),
                None => hits.missing(S3, message),
            }
        }
        let cloudwatch = Choice {
            path: "EncryptionConfiguration.CloudWatchEncryption.CloudWatchEncryptionMode",
            good: &["SSE-KMS"],
            default: "DISABLED",
            problem: "CloudWatch logs written by Glue are not encrypted",
        };
        require_choice(hits, cx.props, None, &cloudwatch);
        let bookmarks = Choice {
            path: "EncryptionConfiguration.JobBookmarksEncryption.JobBookmarksEncryptionMode",
            good: &["CSE-KMS"],
            default: "DISABLED",
            problem: "job bookmarks are not encrypted",
        };
        require_choice(hits, cx.props, None, &bookmarks);
    }
}
