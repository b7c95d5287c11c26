use super::util::{require_choice, Choice};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::encryption::util::{lookup, Lookup};
use crate::value::{is_unknown, truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::MSK::Cluster` that allows plaintext traffic; each part is reported on its own:
    /// - `EncryptionInfo.EncryptionInTransit.ClientBroker` is `PLAINTEXT` (clients may only use
    ///   plaintext) or `TLS_PLAINTEXT` (clients may choose plaintext). The default is `TLS`.
    /// - `EncryptionInfo.EncryptionInTransit.InCluster` is `false`: brokers replicate data to
    ///   each other in plaintext. The default is `true`.
    ///
    /// MSK always encrypts data at rest (with the AWS managed key `aws/kafka` when
    /// `EncryptionAtRest.DataVolumeKMSKeyId` is absent), so there is no at-rest shape to fail.
    ///
    /// checkov CKV_AWS_81 also fails a cluster without `EncryptionInfo`. This rule follows the
    /// documented defaults instead: without `EncryptionInfo` a cluster uses TLS between clients
    /// and brokers and between brokers, and encrypts at rest.
    ///
    /// ## Why it matters
    /// Kafka topics carry the business events of an organisation (orders, payments, user
    /// activity, change data capture of databases). Plaintext listeners let anything that can
    /// observe traffic in the VPC, or reach a broker, read and inject records without breaking
    /// any encryption, and SASL/SCRAM passwords sent over a plaintext listener are exposed too.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// EncryptionInfo:
    ///   EncryptionInTransit:
    ///     ClientBroker: TLS_PLAINTEXT
    ///     InCluster: false
    /// # after
    /// EncryptionInfo:
    ///   EncryptionInTransit:
    ///     ClientBroker: TLS
    ///     InCluster: true
    /// ```
    ///
    /// ## References
    /// - [AWS::MSK::Cluster EncryptionInTransit](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-msk-cluster-encryptionintransit.html)
    /// - [Get started with Amazon MSK encryption](https://docs.aws.amazon.com/msk/latest/developerguide/msk-working-with-encryption.html)
    /// - checkov CKV_AWS_81
    ///
    /// ## Unknown values
    /// A `ClientBroker` or `InCluster` (or a block holding them) that is not known before
    /// deployment is reported at `info`, naming the value.
    MskPlaintextTraffic {
        code: "CFN8227",
        name: "msk-cluster-plaintext-traffic",
        severity: Medium,
        group: "analytics",
        summary: "MSK cluster allows plaintext traffic between clients and brokers or between brokers",
        types: ["AWS::MSK::Cluster"],
        xrefs: [Checkov("CKV_AWS_81")],
    }
}

const TRANSIT: &str = "EncryptionInfo.EncryptionInTransit";

impl Rule for MskPlaintextTraffic {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let transit = match lookup(cx.props, TRANSIT) {
            Lookup::Missing => return,
            Lookup::Unknown(n) => {
                hits.unknown(n, "the cluster encrypts traffic in transit");
                return;
            }
            Lookup::Found(n) if is_unknown(n) => {
                hits.unknown(n, "the cluster encrypts traffic in transit");
                return;
            }
            Lookup::Found(n) => n,
        };
        let prefix = format!("{TRANSIT}.");
        let client = Choice {
            path: "ClientBroker",
            good: &["TLS"],
            default: "TLS",
            problem: "clients can send and read records in plaintext",
        };
        require_choice(hits, transit, Some((transit, &prefix)), &client);
        if let Some(flag) = transit.get("InCluster") {
            match truth(flag) {
                Tri::True => {}
                Tri::Unknown if is_unknown(flag) => {
                    hits.unknown(flag, &format!("`{prefix}InCluster` is true"));
                }
                _ => hits.at(
                    flag,
                    format!("brokers replicate data to each other in plaintext: `{prefix}InCluster` is not `true`"),
                ),
            }
        }
    }
}
