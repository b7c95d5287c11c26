use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::Redshift::Cluster` with `PubliclyAccessible: true` (the default is `false`).
    ///
    /// ## Why it matters
    /// A publicly accessible cluster gets a public IP address, so its endpoint can be reached
    /// from the internet, guarded only by security groups and database credentials. A data
    /// warehouse concentrates an organisation's data; one permissive security-group rule or a
    /// leaked password then exposes all of it. Analysts and BI tools can reach a private
    /// cluster through a VPN, a bastion or the Redshift Data API.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Warehouse:
    ///   Type: AWS::Redshift::Cluster
    ///   Properties:
    ///     PubliclyAccessible: true
    /// # after
    /// Warehouse:
    ///   Type: AWS::Redshift::Cluster
    ///   Properties:
    ///     PubliclyAccessible: false
    ///     ClusterSubnetGroupName: !Ref PrivateSubnets
    /// ```
    ///
    /// ## References
    /// - [Managing clusters in a VPC](https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html)
    /// - [AWS::Redshift::Cluster](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-redshift-cluster.html)
    /// - checkov CKV_AWS_87
    RedshiftClusterPublic {
        code: "CFN6010",
        name: "redshift-cluster-publicly-accessible",
        severity: High,
        group: "network",
        summary: "Redshift cluster is publicly accessible (PubliclyAccessible: true)",
        types: ["AWS::Redshift::Cluster"],
        xrefs: [Checkov("CKV_AWS_87")],
    }
}

impl Rule for RedshiftClusterPublic {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(v) = cx.prop("PubliclyAccessible") else {
            return;
        };
        match truth(v) {
            Tri::True => hits.at(
                v,
                "cluster is reachable from the internet: `PubliclyAccessible` is true",
            ),
            Tri::False => {}
            Tri::Unknown => hits.unknown(v, "the cluster is publicly accessible"),
        }
    }
}
