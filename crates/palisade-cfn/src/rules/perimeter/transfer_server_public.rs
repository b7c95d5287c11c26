use super::util::known_text;
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// An `AWS::Transfer::Server` whose `EndpointType` is `PUBLIC` or not set (the default is
    /// `PUBLIC`). `VPC` passes, including a VPC endpoint made internet-facing with Elastic IP
    /// addresses (`EndpointDetails.AddressAllocationIds`), since its traffic then goes through
    /// security groups; so does the legacy `VPC_ENDPOINT`, as in checkov.
    ///
    /// ## Why it matters
    /// A `PUBLIC` endpoint is reachable by anyone on the internet and cannot be restricted by
    /// source address: no security group or network ACL applies to it. The SFTP/FTPS login is
    /// then the only barrier in front of the S3 buckets or EFS file systems the server exposes,
    /// open to password spraying and to exploitation of any weakness in client
    /// authentication. A `VPC` endpoint can be kept private, or made internet-facing with
    /// security groups that allow only partners' addresses.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Sftp:
    ///   Type: AWS::Transfer::Server
    ///   Properties:
    ///     Protocols: [SFTP]
    /// # after
    /// Sftp:
    ///   Type: AWS::Transfer::Server
    ///   Properties:
    ///     Protocols: [SFTP]
    ///     EndpointType: VPC
    ///     EndpointDetails:
    ///       VpcId: !Ref Vpc
    ///       SubnetIds: [!Ref PrivateSubnetA]
    ///       SecurityGroupIds: [!Ref PartnerSftpSecurityGroup]
    /// ```
    ///
    /// ## References
    /// - [AWS::Transfer::Server](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-transfer-server.html) (`EndpointType`)
    /// - [Create a server in a virtual private cloud](https://docs.aws.amazon.com/transfer/latest/userguide/create-server-in-vpc.html)
    /// - checkov CKV_AWS_164
    TransferServerPublicEndpoint {
        code: "CFN6118",
        name: "transfer-server-public-endpoint",
        severity: Medium,
        group: "network",
        summary: "Transfer Family server has a public endpoint (EndpointType PUBLIC or not set)",
        types: ["AWS::Transfer::Server"],
        xrefs: [Checkov("CKV_AWS_164")],
    }
}

impl Rule for TransferServerPublicEndpoint {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        match cx.prop("EndpointType") {
            None => hits.missing(
                "EndpointType",
                "server endpoint is public and cannot be restricted by source address: `EndpointType` is not set (default `PUBLIC`)",
            ),
            Some(node) => match known_text(node) {
                Err(n) => hits.unknown(n, "the server endpoint is in a VPC"),
                Ok(t) if t.eq_ignore_ascii_case("PUBLIC") => hits.at(
                    node,
                    "server endpoint is public and cannot be restricted by source address: `EndpointType` is `PUBLIC`",
                ),
                Ok(_) => {}
            },
        }
    }
}
