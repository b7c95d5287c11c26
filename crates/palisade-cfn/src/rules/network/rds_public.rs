use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::RDS::DBInstance` with `PubliclyAccessible: true`. (When the property is
    /// absent the default depends on the subnet group and VPC, and is not reported.)
    ///
    /// ## Why it matters
    /// A publicly accessible instance gets a DNS name that resolves to a public IP address;
    /// in a subnet with a route to an internet gateway, the database port is then reachable
    /// from the internet, guarded only by its security group and its password. Databases are
    /// scanned for continuously, and one permissive security-group rule or a weak or leaked
    /// credential then exposes all the data. Databases almost never need to be public: reach
    /// them through the application, a bastion, Session Manager port forwarding or a VPN.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Db:
    ///   Type: AWS::RDS::DBInstance
    ///   Properties:
    ///     PubliclyAccessible: true
    /// # after
    /// Db:
    ///   Type: AWS::RDS::DBInstance
    ///   Properties:
    ///     PubliclyAccessible: false
    ///     DBSubnetGroupName: !Ref PrivateSubnets
    /// ```
    ///
    /// ## References
    /// - [Working with a DB instance in a VPC: hiding a DB instance from the internet](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html)
    /// - [AWS::RDS::DBInstance](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html)
    /// - cfn_nag F22; checkov CKV_AWS_17
    RdsInstancePublic {
        code: "CFN6007",
        name: "rds-instance-publicly-accessible",
        severity: High,
        group: "network",
        summary: "RDS DB instance is publicly accessible (PubliclyAccessible: true)",
        types: ["AWS::RDS::DBInstance"],
        xrefs: [CfnNag("F22"), Checkov("CKV_AWS_17")],
    }
}

impl Rule for RdsInstancePublic {
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
                "DB instance is reachable from the internet: `PubliclyAccessible` is true",
            ),
            Tri::False => {}
            Tri::Unknown => hits.unknown(v, "the DB instance is publicly accessible"),
        }
    }
}
