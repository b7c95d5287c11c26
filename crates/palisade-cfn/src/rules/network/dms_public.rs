use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::DMS::ReplicationInstance` whose `PubliclyAccessible` is `true` or **absent**:
    /// the AWS DMS documentation gives `true` as the default, so a replication instance is
    /// public unless the template says otherwise.
    ///
    /// ## Why it matters
    /// A public replication instance gets a public IP address. It holds connection details
    /// and credentials for both the source and the target database and streams their data;
    /// exposing it to the internet widens the attack surface of two databases at once. A
    /// replication instance only needs to be public to reach an on-premises or other-cloud
    /// database without a VPN or Direct Connect.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Replication:
    ///   Type: AWS::DMS::ReplicationInstance
    ///   Properties:
    ///     ReplicationInstanceClass: dms.t3.medium
    /// # after
    /// Replication:
    ///   Type: AWS::DMS::ReplicationInstance
    ///   Properties:
    ///     ReplicationInstanceClass: dms.t3.medium
    ///     PubliclyAccessible: false
    ///     ReplicationSubnetGroupIdentifier: !Ref PrivateReplicationSubnets
    /// ```
    ///
    /// ## References
    /// - [Setting up a network for a replication instance](https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReplicationInstance.VPC.html)
    /// - [AWS::DMS::ReplicationInstance](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dms-replicationinstance.html)
    /// - cfn_nag W91; checkov CKV_AWS_89
    DmsReplicationInstancePublic {
        code: "CFN6009",
        name: "dms-replication-instance-publicly-accessible",
        severity: High,
        group: "network",
        summary: "DMS replication instance is publicly accessible (PubliclyAccessible true or absent)",
        types: ["AWS::DMS::ReplicationInstance"],
        xrefs: [CfnNag("W91"), Checkov("CKV_AWS_89")],
    }
}

impl Rule for DmsReplicationInstancePublic {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        match cx.prop("PubliclyAccessible") {
            None => hits.missing(
                "PubliclyAccessible",
                "replication instance is publicly accessible: `PubliclyAccessible` is not set (default true)",
            ),
            Some(v) => match truth(v) {
                Tri::True => hits.at(
                    v,
                    "replication instance is publicly accessible: `PubliclyAccessible` is true",
                ),
                Tri::False => {}
                Tri::Unknown => hits.unknown(v, "the replication instance is publicly accessible"),
            },
        }
    }
}
