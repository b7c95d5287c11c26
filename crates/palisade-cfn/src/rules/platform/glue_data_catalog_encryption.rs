use super::util::{require_choice, Choice};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::encryption::util::require_true;

declare_rule! {
    /// ## What it checks
    /// An `AWS::Glue::DataCatalogEncryptionSettings` that leaves part of the Data Catalog
    /// unprotected; each part is reported on its own:
    /// - `DataCatalogEncryptionSettings.EncryptionAtRest.CatalogEncryptionMode` is absent or
    ///   `DISABLED` (the default): databases, tables, partitions and connections are not
    ///   encrypted with KMS. `SSE-KMS` and `SSE-KMS-WITH-SERVICE-ROLE` pass.
    /// - `DataCatalogEncryptionSettings.ConnectionPasswordEncryption.ReturnConnectionPasswordEncrypted`
    ///   is absent or `false`: connection passwords are returned in plain text by
    ///   `GetConnection` and `GetConnections`.
    ///
    /// checkov CKV_AWS_94 accepts only `SSE-KMS`; this rule also accepts
    /// `SSE-KMS-WITH-SERVICE-ROLE`, which encrypts the catalog with KMS through a role Glue
    /// assumes.
    ///
    /// ## Why it matters
    /// The catalog describes every dataset of the account and its connections hold database
    /// credentials. Without catalog encryption that metadata is not under a key the account
    /// controls; without password encryption anyone allowed to read connections (a common
    /// read-only permission) receives the database passwords in clear text.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// DataCatalogEncryptionSettings:
    ///   EncryptionAtRest:
    ///     CatalogEncryptionMode: DISABLED
    /// # after
    /// DataCatalogEncryptionSettings:
    ///   EncryptionAtRest:
    ///     CatalogEncryptionMode: SSE-KMS
    ///     SseAwsKmsKeyId: !Ref CatalogKey
    ///   ConnectionPasswordEncryption:
    ///     ReturnConnectionPasswordEncrypted: true
    ///     KmsKeyId: !Ref CatalogKey
    /// ```
    ///
    /// ## References
    /// - [AWS::Glue::DataCatalogEncryptionSettings](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-glue-datacatalogencryptionsettings.html)
    /// - [DataCatalogEncryptionSettings (Glue API)](https://docs.aws.amazon.com/glue/latest/webapi/API_DataCatalogEncryptionSettings.html)
    /// - checkov CKV_AWS_94
    ///
    /// ## Unknown values
    /// An encryption mode or flag (or a block holding it) that is not known before deployment
    /// is reported at `info`, naming the value.
    GlueDataCatalogNotEncrypted {
        code: "CFN8211",
        name: "glue-data-catalog-not-encrypted",
        severity: Medium,
        group: "analytics",
        summary: "Glue Data Catalog is not encrypted with KMS, or returns connection passwords unencrypted",
        types: ["AWS::Glue::DataCatalogEncryptionSettings"],
        xrefs: [Checkov("CKV_AWS_94")],
    }
}

impl Rule for GlueDataCatalogNotEncrypted {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let mode = Choice {
            path: "DataCatalogEncryptionSettings.EncryptionAtRest.CatalogEncryptionMode",
            good: &["SSE-KMS", "SSE-KMS-WITH-SERVICE-ROLE"],
            default: "DISABLED",
            problem: "Data Catalog is not encrypted at rest",
        };
        require_choice(hits, cx.props, None, &mode);
        require_true(
            cx,
            hits,
            "DataCatalogEncryptionSettings.ConnectionPasswordEncryption.ReturnConnectionPasswordEncrypted",
            "connection passwords are returned unencrypted",
        );
    }
}
