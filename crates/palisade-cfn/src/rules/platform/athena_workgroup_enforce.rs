use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::encryption::util::require_true;

declare_rule! {
    /// ## What it checks
    /// An `AWS::Athena::WorkGroup` whose `WorkGroupConfiguration.EnforceWorkGroupConfiguration`
    /// is absent or `false`. Athena documents "Override client-side settings" as off by
    /// default: the settings each client sends with a query (result location, result
    /// encryption, expected bucket owner, object ownership) then win over the workgroup's.
    ///
    /// This is the check of checkov CKV_AWS_82, which also fails an absent value.
    ///
    /// ## Why it matters
    /// A workgroup's `ResultConfiguration` is usually where query results are required to be
    /// encrypted with KMS and written to a controlled bucket. When clients can override it,
    /// any user or tool can run queries with result encryption turned off, or write results
    /// (which can contain any data the user can query) to a bucket of their choice.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// WorkGroupConfiguration:
    ///   ResultConfiguration:
    ///     OutputLocation: s3://example-athena-results/
    ///     EncryptionConfiguration:
    ///       EncryptionOption: SSE_KMS
    ///       KmsKey: !GetAtt ResultsKey.Arn
    /// # after
    /// WorkGroupConfiguration:
    ///   EnforceWorkGroupConfiguration: true
    ///   ResultConfiguration:
    ///     OutputLocation: s3://example-athena-results/
    ///     EncryptionConfiguration:
    ///       EncryptionOption: SSE_KMS
    ///       KmsKey: !GetAtt ResultsKey.Arn
    /// ```
    ///
    /// ## References
    /// - [AWS::Athena::WorkGroup WorkGroupConfiguration](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-athena-workgroup-workgroupconfiguration.html)
    /// - [Override client-side settings](https://docs.aws.amazon.com/athena/latest/ug/workgroups-settings-override.html)
    /// - checkov CKV_AWS_82
    ///
    /// ## Unknown values
    /// An `EnforceWorkGroupConfiguration` (or a `WorkGroupConfiguration`) that is not known
    /// before deployment is reported at `info`, naming the value.
    AthenaWorkgroupNotEnforced {
        code: "CFN8210",
        name: "athena-workgroup-configuration-not-enforced",
        severity: Medium,
        group: "analytics",
        summary: "Athena workgroup lets clients override its settings, including result encryption (`EnforceWorkGroupConfiguration`)",
        types: ["AWS::Athena::WorkGroup"],
        xrefs: [Checkov("CKV_AWS_82")],
    }
}

impl Rule for AthenaWorkgroupNotEnforced {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        require_true(
            cx,
            hits,
            "WorkGroupConfiguration.EnforceWorkGroupConfiguration",
            "clients can override the workgroup's settings, including query result encryption",
        );
    }
}
