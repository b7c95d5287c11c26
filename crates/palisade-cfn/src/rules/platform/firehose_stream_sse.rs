use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, text};

declare_rule! {
    /// ## What it checks
    /// An `AWS::KinesisFirehose::DeliveryStream` of type `DirectPut` (the default when
    /// `DeliveryStreamType` is absent) without `DeliveryStreamEncryptionConfigurationInput`, or
    /// with one that has no `KeyType`. Firehose encrypts data it buffers for a Direct PUT stream
    /// only when this configuration is given; `KeyType: AWS_OWNED_CMK` (a key owned by
    /// Firehose) and `CUSTOMER_MANAGED_CMK` (with `KeyARN`) both pass.
    ///
    /// Streams that read from a Kinesis data stream (`KinesisStreamAsSource`), from MSK or from
    /// a database are not checked: server-side encryption can only be enabled for Direct PUT
    /// streams, and a Kinesis source stream carries its own encryption. cfn_nag W88 exempts
    /// only `KinesisStreamAsSource`; this rule exempts every non-Direct-PUT source, as none of
    /// them can be fixed with this property.
    ///
    /// ## Why it matters
    /// Producers send records straight to a Direct PUT stream, and Firehose stores them while
    /// it buffers and retries delivery. Without server-side encryption those records (often
    /// application logs, clickstreams or events with personal data) rest unencrypted in the
    /// service until delivered.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Events:
    ///   Type: AWS::KinesisFirehose::DeliveryStream
    ///   Properties:
    ///     DeliveryStreamType: DirectPut
    ///     S3DestinationConfiguration:
    ///       BucketARN: !GetAtt EventsBucket.Arn
    ///       RoleARN: !GetAtt FirehoseRole.Arn
    /// # after
    /// Events:
    ///   Type: AWS::KinesisFirehose::DeliveryStream
    ///   Properties:
    ///     DeliveryStreamType: DirectPut
    ///     DeliveryStreamEncryptionConfigurationInput:
    ///       KeyType: CUSTOMER_MANAGED_CMK
    ///       KeyARN: !GetAtt EventsKey.Arn
    ///     S3DestinationConfiguration:
    ///       BucketARN: !GetAtt EventsBucket.Arn
    ///       RoleARN: !GetAtt FirehoseRole.Arn
    /// ```
    ///
    /// ## References
    /// - [AWS::KinesisFirehose::DeliveryStream DeliveryStreamEncryptionConfigurationInput](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-kinesisfirehose-deliverystream-deliverystreamencryptionconfigurationinput.html)
    /// - [StartDeliveryStreamEncryption (Direct PUT sources only)](https://docs.aws.amazon.com/firehose/latest/APIReference/API_StartDeliveryStreamEncryption.html)
    /// - cfn_nag W88
    ///
    /// ## Unknown values
    /// When `DeliveryStreamType` is not known before deployment and no encryption configuration
    /// is given, or the encryption configuration itself is not known, the rule reports an
    /// `info` finding naming the value.
    FirehoseDirectPutNotEncrypted {
        code: "CFN8204",
        name: "firehose-direct-put-stream-not-encrypted",
        severity: Medium,
        group: "analytics",
        summary: "Direct PUT Firehose delivery stream has no server-side encryption (`DeliveryStreamEncryptionConfigurationInput`)",
        types: ["AWS::KinesisFirehose::DeliveryStream"],
        xrefs: [CfnNag("W88")],
    }
}

const CONFIG: &str = "DeliveryStreamEncryptionConfigurationInput";

impl Rule for FirehoseDirectPutNotEncrypted {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let kind = cx.prop("DeliveryStreamType");
        let kind_unknown = match kind {
            None => false,
            Some(k) => match text(k) {
                Some(t) if t.trim() == "DirectPut" => false,
                Some(_) => return,
                None => true,
            },
        };
        match cx.prop(CONFIG) {
            Some(config) if is_unknown(config) => {
                hits.unknown(config, "the delivery stream is encrypted");
            }
            Some(config) => {
                if config.get("KeyType").is_none() {
                    if let Some(k) = kind.filter(|_| kind_unknown) {
                        hits.unknown(k, "the delivery stream is a Direct PUT stream");
                    } else {
                        hits.at(
                            config,
                            format!("Direct PUT delivery stream is not encrypted: `{CONFIG}` has no `KeyType`"),
                        );
                    }
                }
            }
            None => match kind.filter(|_| kind_unknown) {
                Some(k) => hits.unknown(k, "the delivery stream is a Direct PUT stream"),
                None => hits.missing(
                    CONFIG,
                    format!("Direct PUT delivery stream is not encrypted: `{CONFIG}` is not set"),
                ),
            },
        }
    }
}
