use palisade_doc::Node;

use super::util::JsonDoc;
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::EMR::SecurityConfiguration` whose `SecurityConfiguration` document (a mapping
    /// or a JSON string) does not both enable and configure encryption at rest and in transit:
    /// - `EncryptionConfiguration` is absent;
    /// - `EnableAtRestEncryption` or `EnableInTransitEncryption` is absent or `false` (EMR
    ///   encrypts neither unless asked);
    /// - at rest is enabled but `AtRestEncryptionConfiguration` names neither a local disk key
    ///   provider (`LocalDiskEncryptionConfiguration.EncryptionKeyProviderType`) nor an EMRFS
    ///   S3 mode (`S3EncryptionConfiguration.EncryptionMode`);
    /// - in transit is enabled but `InTransitEncryptionConfiguration` has no
    ///   `TLSCertificateConfiguration.CertificateProviderType`.
    ///
    /// Each problem is reported on its own. This is the check of cfn_nag W61.
    ///
    /// ## Why it matters
    /// An EMR cluster spreads its data over instance store and EBS volumes (HDFS, shuffle and
    /// spill files), writes it to S3 through EMRFS, and moves it between nodes in Spark, Hadoop
    /// and Presto traffic. Without both kinds of encryption, that data is readable on the disks
    /// and on the network by anyone who gets access to either.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// SecurityConfiguration:
    ///   EncryptionConfiguration:
    ///     EnableAtRestEncryption: false
    ///     EnableInTransitEncryption: false
    /// # after
    /// SecurityConfiguration:
    ///   EncryptionConfiguration:
    ///     EnableAtRestEncryption: true
    ///     AtRestEncryptionConfiguration:
    ///       S3EncryptionConfiguration:
    ///         EncryptionMode: SSE-KMS
    ///         AwsKmsKey: !GetAtt EmrKey.Arn
    ///       LocalDiskEncryptionConfiguration:
    ///         EncryptionKeyProviderType: AwsKms
    ///         AwsKmsKey: !GetAtt EmrKey.Arn
    ///     EnableInTransitEncryption: true
    ///     InTransitEncryptionConfiguration:
    ///       TLSCertificateConfiguration:
    ///         CertificateProviderType: PEM
    ///         S3Object: s3://example-emr-config/certs.zip
    /// ```
    ///
    /// ## References
    /// - [AWS::EMR::SecurityConfiguration](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-emr-securityconfiguration.html)
    /// - [Create a security configuration: encryption options](https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-create-security-configuration.html)
    /// - cfn_nag W61
    ///
    /// ## Unknown values
    /// A document (or a JSON string with `${...}` placeholders) that is not known before
    /// deployment, or a flag or setting inside a mapping that is not known, is reported at
    /// `info`, naming the value.
    EmrSecurityConfigurationEncryptionIncomplete {
        code: "CFN8206",
        name: "emr-security-configuration-encryption-incomplete",
        severity: Medium,
        group: "analytics",
        summary: "EMR security configuration does not enable and configure both encryption at rest and in transit",
        types: ["AWS::EMR::SecurityConfiguration"],
        xrefs: [CfnNag("W61")],
    }
}

const ENC: &str = "EncryptionConfiguration";

/// One kind of encryption: its flag, its settings block, and the settings that configure it
/// (any one is enough).
struct Kind {
    what: &'static str,
    flag: &'static str,
    block: &'static str,
    settings: &'static [(&'static str, &'static str)],
}

const AT_REST: Kind = Kind {
    what: "encryption at rest",
    flag: "EnableAtRestEncryption",
    block: "AtRestEncryptionConfiguration",
    settings: &[
        (
            "LocalDiskEncryptionConfiguration",
            "EncryptionKeyProviderType",
        ),
        ("S3EncryptionConfiguration", "EncryptionMode"),
    ],
};

const IN_TRANSIT: Kind = Kind {
    what: "encryption in transit",
    flag: "EnableInTransitEncryption",
    block: "InTransitEncryptionConfiguration",
    settings: &[("TLSCertificateConfiguration", "CertificateProviderType")],
};

impl Rule for EmrSecurityConfigurationEncryptionIncomplete {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(prop) = cx.prop("SecurityConfiguration") else {
            return;
        };
        let doc = JsonDoc::read(prop);
        let root = match (&doc, doc.root()) {
            (_, Some(root)) => root,
            (JsonDoc::Unknown(n), None) => {
                hits.unknown(n, "the security configuration enables encryption");
                return;
            }
            // A known string that is not JSON is rejected by CloudFormation.
            _ => return,
        };
        let Some(enc) = root.get(ENC) else {
            let message = format!(
                "security configuration does not encrypt data at rest or in transit: `{ENC}` is not set"
            );
            match &doc {
                JsonDoc::Parsed { holder, .. } => hits.at(holder, message),
                _ => hits.missing(&format!("SecurityConfiguration.{ENC}"), message),
            }
            return;
        };
        if is_unknown(enc) {
            hits.unknown(enc, "the security configuration enables encryption");
            return;
        }
        for kind in [&AT_REST, &IN_TRANSIT] {
            check_kind(&doc, enc, kind, hits);
        }
    }
}

fn check_kind(doc: &JsonDoc<'_>, enc: &Node, kind: &Kind, hits: &mut Hits) {
    let flag = format!("{ENC}.{}", kind.flag);
    let enabled = enc.get(kind.flag).map_or(Tri::False, truth);
    match (enabled, enc.get(kind.flag)) {
        (Tri::True, _) => {}
        (Tri::Unknown, Some(v)) if is_unknown(v) => {
            hits.unknown(v, &format!("`{flag}` is true"));
            return;
        }
        (_, Some(v)) => {
            hits.at(
                doc.report_node(v),
                format!("{} is not enabled: `{flag}` is not `true`", kind.what),
            );
            return;
        }
        (_, None) => {
            hits.at(
                doc.report_node(enc),
                format!("{} is not enabled: `{flag}` is not set", kind.what),
            );
            return;
        }
    }
    let block_path = format!("{ENC}.{}", kind.block);
    let Some(block) = enc.get(kind.block) else {
        hits.at(
            doc.report_node(enc),
            format!(
                "{} is enabled but not configured: `{block_path}` is not set",
                kind.what
            ),
        );
        return;
    };
    if is_unknown(block) {
        hits.unknown(block, &format!("`{block_path}` configures {}", kind.what));
        return;
    }
    let mut unknown = None;
    for (section, setting) in kind.settings {
        match block.get(section) {
            Some(s) if is_unknown(s) => unknown = unknown.or(Some(s)),
            Some(s) if s.get(setting).is_some() => return,
            _ => {}
        }
    }
    if let Some(s) = unknown {
        hits.unknown(s, &format!("`{block_path}` configures {}", kind.what));
        return;
    }
    let wanted: Vec<String> = kind
        .settings
        .iter()
        .map(|(section, setting)| format!("`{section}.{setting}`"))
        .collect();
    hits.at(
        doc.report_node(block),
        format!(
            "{} is enabled but not configured: `{block_path}` sets no {}",
            kind.what,
            wanted.join(" or ")
        ),
    );
}
