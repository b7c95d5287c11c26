use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

use super::util::{map_param, Known};

declare_rule! {
    /// ## What it checks
    /// An `AWS::DocDB::DBClusterParameterGroup` whose `Parameters` set `tls` to `disabled`. The
    /// default is `enabled` (TLS 1.0 to 1.3 required); `tls1.2+`, `tls1.3+` and `fips-140-3`
    /// require TLS too, with stricter versions.
    ///
    /// ## Why it matters
    /// A cluster using this group accepts only unencrypted connections: credentials, queries and
    /// documents cross the network in the clear, readable and alterable by anyone able to
    /// observe or redirect traffic between the application and the cluster.
    ///
    /// ## How to fix
    /// Remove the parameter (TLS is on by default) or require a modern version:
    /// ```yaml
    /// # before
    /// DocsParams:
    ///   Type: AWS::DocDB::DBClusterParameterGroup
    ///   Properties:
    ///     Family: docdb5.0
    ///     Description: documents
    ///     Parameters:
    ///       tls: disabled
    /// # after
    /// DocsParams:
    ///   Type: AWS::DocDB::DBClusterParameterGroup
    ///   Properties:
    ///     Family: docdb5.0
    ///     Description: documents
    ///     Parameters:
    ///       tls: tls1.2+
    /// ```
    ///
    /// ## References
    /// - [Encrypting data in transit (Amazon DocumentDB)](https://docs.aws.amazon.com/documentdb/latest/developerguide/security.encryption.ssl.html)
    /// - [Amazon DocumentDB Parameter (tls values)](https://docs.aws.amazon.com/documentdb/latest/developerguide/API_Parameter.html)
    /// - checkov CKV_AWS_90
    DocDbTlsDisabled {
        code: "CFN8117",
        name: "docdb-parameter-group-tls-disabled",
        severity: Medium,
        group: "database",
        summary: "DocumentDB cluster parameter group disables TLS (`tls: disabled`)",
        types: ["AWS::DocDB::DBClusterParameterGroup"],
        xrefs: [Checkov("CKV_AWS_90")],
    }
}

impl Rule for DocDbTlsDisabled {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        match map_param(cx.props, "tls") {
            Known::Absent => {}
            Known::Unknown(n) => hits.unknown(n, "the parameter group keeps TLS enabled"),
            Known::Is(n, v) => {
                if v.eq_ignore_ascii_case("disabled") {
                    hits.at(
                        n,
                        format!(
                            "parameter group accepts only unencrypted connections: `tls` is `{v}`"
                        ),
                    );
                }
            }
        }
    }
}
