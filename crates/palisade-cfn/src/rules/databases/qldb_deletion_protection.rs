use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::QLDB::Ledger` whose `DeletionProtection` is `false`. When the property is absent
    /// the ledger is created with deletion protection on, so that passes.
    ///
    /// Amazon QLDB reached end of support on 31 July 2025; the rule still applies to templates
    /// that declare ledgers.
    ///
    /// ## Why it matters
    /// A ledger is the system of record whose journal proves the history of the data. Without
    /// deletion protection a single `DeleteLedger` call, or a stack update or deletion that
    /// removes the resource, destroys the ledger and its whole journal; with it, the deletion is
    /// refused until someone deliberately turns the protection off.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Ledger:
    ///   Type: AWS::QLDB::Ledger
    ///   Properties:
    ///     PermissionsMode: STANDARD
    ///     DeletionProtection: false
    /// # after
    /// Ledger:
    ///   Type: AWS::QLDB::Ledger
    ///   DeletionPolicy: Retain
    ///   Properties:
    ///     PermissionsMode: STANDARD
    ///     DeletionProtection: true
    /// ```
    ///
    /// ## References
    /// - [AWS::QLDB::Ledger](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-qldb-ledger.html) (`DeletionProtection`)
    /// - checkov CKV_AWS_172
    QldbDeletionProtectionDisabled {
        code: "CFN8122",
        name: "qldb-ledger-deletion-protection-disabled",
        severity: Low,
        group: "database",
        summary: "QLDB ledger turns deletion protection off",
        types: ["AWS::QLDB::Ledger"],
        xrefs: [Checkov("CKV_AWS_172")],
    }
}

impl Rule for QldbDeletionProtectionDisabled {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(v) = cx.prop("DeletionProtection") else {
            return;
        };
        match truth(v) {
            Tri::True => {}
            Tri::False => hits.at(
                v,
                "ledger can be deleted without safeguard: `DeletionProtection` is false",
            ),
            Tri::Unknown => hits.unknown(v, "deletion protection is enabled"),
        }
    }
}
