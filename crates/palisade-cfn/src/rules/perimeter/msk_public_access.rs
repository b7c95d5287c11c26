use super::util::known_text;
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::encryption::util::{lookup, Lookup};

declare_rule! {
    /// ## What it checks
    /// An `AWS::MSK::Cluster` whose
    /// `BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type` is `SERVICE_PROVIDED_EIPS`:
    /// the brokers get public IP addresses. `DISABLED`, the default, passes.
    ///
    /// ## Why it matters
    /// With public access on, the Kafka brokers answer on the internet. MSK requires client
    /// authentication (IAM, SASL/SCRAM or TLS certificates) for public access, but the brokers
    /// are then exposed to anyone who obtains a credential or certificate, and to attacks on
    /// the broker software itself, instead of only to clients inside the VPC or connected
    /// through private networking. Topics often carry every event of the business.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// ConnectivityInfo:
    ///   PublicAccess: {Type: SERVICE_PROVIDED_EIPS}
    /// # after
    /// ConnectivityInfo:
    ///   PublicAccess: {Type: DISABLED}
    /// ```
    ///
    /// ## References
    /// - [AWS::MSK::Cluster PublicAccess](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-msk-cluster-publicaccess.html)
    /// - [Turn on public access to an MSK Provisioned cluster](https://docs.aws.amazon.com/msk/latest/developerguide/public-access.html)
    /// - checkov CKV_AWS_291
    MskClusterPublicAccess {
        code: "CFN6119",
        name: "msk-cluster-public-access",
        severity: High,
        group: "network",
        summary: "MSK cluster brokers are reachable from the internet (PublicAccess SERVICE_PROVIDED_EIPS)",
        types: ["AWS::MSK::Cluster"],
        xrefs: [Checkov("CKV_AWS_291")],
    }
}

impl Rule for MskClusterPublicAccess {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let question = "the brokers are reachable from the internet";
        let path = "BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type";
        match lookup(cx.props, path) {
            Lookup::Missing => {}
            Lookup::Unknown(n) => hits.unknown(n, question),
            Lookup::Found(node) => match known_text(node) {
                Err(n) => hits.unknown(n, question),
                Ok(t) if t.eq_ignore_ascii_case("SERVICE_PROVIDED_EIPS") => hits.at(
                    node,
                    "brokers have public IP addresses: `ConnectivityInfo.PublicAccess.Type` is `SERVICE_PROVIDED_EIPS`",
                ),
                Ok(_) => {}
            },
        }
    }
}
