use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, items, text, truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::Redshift::ClusterParameterGroup` whose `Parameters` do not set `require_ssl` to
    /// `true`. A parameter the group does not list keeps its default, and `require_ssl` defaults
    /// to `false`.
    ///
    /// ## Why it matters
    /// With `require_ssl` off the cluster accepts unencrypted connections, and a client that is
    /// misconfigured, or whose driver falls back, sends credentials and query results in the
    /// clear to anyone able to observe or redirect the traffic. With it on, the cluster refuses
    /// connections without TLS.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// WarehouseParams:
    ///   Type: AWS::Redshift::ClusterParameterGroup
    ///   Properties:
    ///     Description: analytics
    ///     ParameterGroupFamily: redshift-1.0
    ///     Parameters:
    ///       - ParameterName: enable_user_activity_logging
    ///         ParameterValue: "true"
    /// # after
    /// WarehouseParams:
    ///   Type: AWS::Redshift::ClusterParameterGroup
    ///   Properties:
    ///     Description: analytics
    ///     ParameterGroupFamily: redshift-1.0
    ///     Parameters:
    ///       - ParameterName: enable_user_activity_logging
    ///         ParameterValue: "true"
    ///       - ParameterName: require_ssl
    ///         ParameterValue: "true"
    /// ```
    ///
    /// ## References
    /// - [AWS::Redshift::ClusterParameterGroup](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-redshift-clusterparametergroup.html)
    /// - [Configuring security options for connections](https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html)
    /// - checkov CKV_AWS_105
    ///
    /// ## Unknown values
    /// An unresolved `Parameters` list, parameter name or `require_ssl` value is reported at
    /// `info` when no known entry sets `require_ssl`.
    RedshiftTlsNotRequired {
        code: "CFN8113",
        name: "redshift-parameter-group-tls-not-required",
        severity: Medium,
        group: "database",
        summary: "Redshift cluster parameter group does not set `require_ssl` to true",
        types: ["AWS::Redshift::ClusterParameterGroup"],
        xrefs: [Checkov("CKV_AWS_105")],
    }
}

impl Rule for RedshiftTlsNotRequired {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        const PROBLEM: &str = "parameter group lets clients connect without TLS";
        const QUESTION: &str = "the parameter group sets `require_ssl` to true";
        let Some(params) = cx.prop("Parameters") else {
            hits.missing(
                "Parameters",
                format!("{PROBLEM}: `require_ssl` is not set (default false)"),
            );
            return;
        };
        if is_unknown(params) {
            hits.unknown(params, QUESTION);
            return;
        }
        let mut unknown = None;
        for p in items(params) {
            let name = p.get("ParameterName");
            if is_unknown(p) || name.is_some_and(is_unknown) {
                unknown.get_or_insert(p);
                continue;
            }
            if !name
                .and_then(text)
                .is_some_and(|n| n.trim().eq_ignore_ascii_case("require_ssl"))
            {
                continue;
            }
            match p.get("ParameterValue") {
                Some(v) if truth(v) == Tri::True => {}
                Some(v) if is_unknown(v) => hits.unknown(v, QUESTION),
                Some(v) => hits.at(
                    v,
                    format!(
                        "{PROBLEM}: `require_ssl` is `{}`",
                        text(v).unwrap_or_default()
                    ),
                ),
                None => hits.at(p, format!("{PROBLEM}: `require_ssl` has no value")),
            }
            return;
        }
        match unknown {
            Some(p) => hits.unknown(p, QUESTION),
            None => hits.at(
                params,
                format!("{PROBLEM}: `require_ssl` is not set (default false)"),
            ),
        }
    }
}
