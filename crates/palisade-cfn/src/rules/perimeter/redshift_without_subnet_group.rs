use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::logging::util::is_set;
use crate::value::Tri;

declare_rule! {
    /// ## What it checks
    /// An `AWS::Redshift::Cluster` without `ClusterSubnetGroupName` (or with an empty one),
    /// i.e. not placed in subnets the template chooses.
    ///
    /// ## Why it matters
    /// The Redshift API documents that a cluster created without a subnet group is deployed
    /// outside a VPC (EC2-Classic), where security groups of the VPC, network ACLs, private
    /// subnets and VPC endpoints do not apply. EC2-Classic has been retired, so such a cluster
    /// lands in the account's default network placement instead: the default VPC, whose
    /// subnets are public and shared with whatever else was launched without a network
    /// choice. Either way the cluster is not isolated in the private subnets meant for it.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Warehouse:
    ///   Type: AWS::Redshift::Cluster
    ///   Properties:
    ///     NodeType: ra3.xlplus
    ///     ClusterType: single-node
    /// # after
    /// Warehouse:
    ///   Type: AWS::Redshift::Cluster
    ///   Properties:
    ///     NodeType: ra3.xlplus
    ///     ClusterType: single-node
    ///     ClusterSubnetGroupName: !Ref PrivateSubnets
    ///     VpcSecurityGroupIds: [!Ref WarehouseSecurityGroup]
    /// PrivateSubnets:
    ///   Type: AWS::Redshift::ClusterSubnetGroup
    ///   Properties:
    ///     Description: private subnets for the warehouse
    ///     SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]
    /// ```
    ///
    /// ## References
    /// - [AWS::Redshift::Cluster](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-redshift-cluster.html) (`ClusterSubnetGroupName`)
    /// - [CreateCluster](https://docs.aws.amazon.com/redshift/latest/APIReference/API_CreateCluster.html) (no subnet group: outside a VPC)
    /// - [Managing clusters in a VPC](https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html)
    /// - checkov CKV_AWS_154
    RedshiftClusterWithoutSubnetGroup {
        code: "CFN6120",
        name: "redshift-cluster-without-subnet-group",
        severity: Low,
        group: "network",
        summary: "Redshift cluster has no ClusterSubnetGroupName, so it is not placed in chosen VPC subnets",
        types: ["AWS::Redshift::Cluster"],
        xrefs: [Checkov("CKV_AWS_154")],
    }
}

impl Rule for RedshiftClusterWithoutSubnetGroup {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        match cx.prop("ClusterSubnetGroupName") {
            None => hits.missing(
                "ClusterSubnetGroupName",
                "cluster is not placed in subnets of a chosen VPC: `ClusterSubnetGroupName` is not set",
            ),
            Some(n) => match is_set(cx, n) {
                Tri::True => {}
                Tri::False => hits.at(
                    n,
                    "cluster is not placed in subnets of a chosen VPC: `ClusterSubnetGroupName` is empty",
                ),
                Tri::Unknown => hits.unknown(n, "the cluster has a subnet group"),
            },
        }
    }
}
