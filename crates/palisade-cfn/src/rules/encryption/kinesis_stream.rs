use palisade_core::Severity;

use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, text};

use super::util::{key_at, lookup, lower, Key, Lookup};

declare_rule! {
    /// ## What it checks
    /// An `AWS::Kinesis::Stream` whose records are not encrypted with a customer managed KMS key:
    /// - no `StreamEncryption`: Kinesis Data Streams does not encrypt a stream unless it is
    ///   configured, so records are stored in the clear for the whole retention period (24 hours
    ///   up to 365 days); removing the property from a template even disables encryption of an
    ///   existing stream. Reported at the rule's severity;
    /// - `StreamEncryption.EncryptionType` other than `KMS`: likewise;
    /// - `StreamEncryption.KeyId` naming the AWS managed key `alias/aws/kinesis`: the records are
    ///   encrypted, but with a key whose policy the account cannot change (no cross-account
    ///   consumers, no separation of duties). Reported at `medium`.
    ///
    /// ## Why it matters
    /// Streams carry clickstreams, application logs and change data, often with personal data,
    /// and keep it for days. With a customer managed key, producers and consumers need KMS
    /// permissions as well as Kinesis permissions, every use is logged, and the key can be
    /// disabled to cut off access to all stored records.
    ///
    /// ## How to fix
    /// Add `StreamEncryption` with a customer managed key:
    /// ```yaml
    /// # before
    /// Events:
    ///   Type: AWS::Kinesis::Stream
    ///   Properties:
    ///     ShardCount: 1
    /// # after
    /// Events:
    ///   Type: AWS::Kinesis::Stream
    ///   Properties:
    ///     ShardCount: 1
    ///     StreamEncryption:
    ///       EncryptionType: KMS
    ///       KeyId: !GetAtt EventsKey.Arn
    /// ```
    ///
    /// ## References
    /// - [AWS::Kinesis::Stream StreamEncryption](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-kinesis-stream-streamencryption.html)
    /// - [Data protection in Amazon Kinesis Data Streams](https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html)
    /// - cfn_nag W49; checkov CKV_AWS_43
    ///
    /// ## Unknown values
    /// An unresolved `StreamEncryption`, `EncryptionType`, or a `KeyId` taken from a parameter
    /// without a value or an import, is reported at `info`; a `Ref` or `Fn::GetAtt` to a key or
    /// alias of this template counts as a customer managed key.
    KinesisStreamWithoutKms {
        code: "CFN4011",
        name: "kinesis-stream-not-encrypted-with-kms",
        severity: High,
        group: "encryption",
        summary: "Kinesis stream is not encrypted with a customer managed KMS key (`StreamEncryption`)",
        types: ["AWS::Kinesis::Stream"],
        xrefs: [CfnNag("W49"), Checkov("CKV_AWS_43")],
    }
}

impl Rule for KinesisStreamWithoutKms {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        const TYPE: &str = "StreamEncryption.EncryptionType";
        const KEY: &str = "StreamEncryption.KeyId";
        match lookup(cx.props, TYPE) {
            Lookup::Missing => {
                let path = if cx.prop("StreamEncryption").is_some() {
                    TYPE
                } else {
                    "StreamEncryption"
                };
                hits.missing(
                    path,
                    format!("stream is not encrypted at rest: `{path}` is not set"),
                );
                return;
            }
            Lookup::Unknown(n) => {
                hits.unknown(n, "the stream is encrypted with `KMS`");
                return;
            }
            Lookup::Found(t) => {
                if is_unknown(t) {
                    hits.unknown(t, &format!("`{TYPE}` is `KMS`"));
                    return;
                }
                let ty = lower(Some(t)).unwrap_or_default();
                if ty != "kms" {
                    hits.at(
                        t,
                        format!(
                            "stream is not encrypted at rest: `{TYPE}` is `{}`",
                            text(t).unwrap_or_default()
                        ),
                    );
                    return;
                }
            }
        }
        match key_at(cx, cx.props, KEY) {
            Key::Customer => {}
            Key::Missing => hits.missing(
                KEY,
                format!("stream encryption names no KMS key: `{KEY}` is not set"),
            ),
            Key::Empty(n) => hits.at(
                n,
                format!("stream encryption names no KMS key: `{KEY}` is empty"),
            ),
            Key::AwsManaged(n, alias) => hits.at_severity(
                n,
                Severity::Medium,
                format!(
                    "stream uses the AWS managed key `{alias}`, not a customer managed KMS key"
                ),
            ),
            Key::Unknown(n) => {
                hits.unknown(n, &format!("`{KEY}` selects a customer managed KMS key"))
            }
        }
    }
}
