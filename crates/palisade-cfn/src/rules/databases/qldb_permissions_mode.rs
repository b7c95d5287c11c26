use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, text};

declare_rule! {
    /// ## What it checks
    /// An `AWS::QLDB::Ledger` whose `PermissionsMode` is not `STANDARD`: `ALLOW_ALL` (the legacy
    /// mode), or absent (the property is required; CloudFormation rejects the ledger).
    ///
    /// Amazon QLDB reached end of support on 31 July 2025; the rule still applies to templates
    /// that declare ledgers.
    ///
    /// ## Why it matters
    /// In `ALLOW_ALL` mode anyone allowed `qldb:SendCommand` on the ledger can run every PartiQL
    /// command on every table: create and drop tables and indexes, read and change any document.
    /// Table-level and command-level IAM policies are ignored. `STANDARD` mode evaluates them, so
    /// each principal gets only the tables and commands it needs.
    ///
    /// ## How to fix
    /// Write the table-level IAM policies first, then switch the mode:
    /// ```yaml
    /// # before
    /// Ledger:
    ///   Type: AWS::QLDB::Ledger
    ///   Properties:
    ///     PermissionsMode: ALLOW_ALL
    /// # after
    /// Ledger:
    ///   Type: AWS::QLDB::Ledger
    ///   Properties:
    ///     PermissionsMode: STANDARD
    /// ```
    ///
    /// ## References
    /// - [AWS::QLDB::Ledger](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-qldb-ledger.html)
    /// - [Getting started with the standard permissions mode in Amazon QLDB](https://docs.aws.amazon.com/qldb/latest/developerguide/getting-started-standard-mode.html)
    /// - checkov CKV_AWS_170
    QldbPermissionsAllowAll {
        code: "CFN8121",
        name: "qldb-ledger-permissions-mode-allow-all",
        severity: Medium,
        group: "database",
        summary: "QLDB ledger does not use the STANDARD permissions mode",
        types: ["AWS::QLDB::Ledger"],
        xrefs: [Checkov("CKV_AWS_170")],
    }
}

impl Rule for QldbPermissionsAllowAll {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        const PROBLEM: &str = "ledger ignores table-level IAM permissions";
        match cx.prop("PermissionsMode") {
            None => hits.missing(
                "PermissionsMode",
                format!("{PROBLEM}: `PermissionsMode` is not set"),
            ),
            Some(v) if is_unknown(v) => hits.unknown(v, "`PermissionsMode` is `STANDARD`"),
            Some(v) => {
                let mode = text(v).unwrap_or_default();
                if mode.trim() != "STANDARD" {
                    hits.at(v, format!("{PROBLEM}: `PermissionsMode` is `{mode}`"));
                }
            }
        }
    }
}
