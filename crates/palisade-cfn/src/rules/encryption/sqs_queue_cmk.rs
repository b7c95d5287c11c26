use palisade_core::Severity;

use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, truth, Tri};

use super::util::{key_at, require_cmk, Key};

declare_rule! {
    /// ## What it checks
    /// An `AWS::SQS::Queue` without a customer managed KMS key in `KmsMasterKeyId`.
    ///
    /// Since 2023 new queues are encrypted by default with SQS-owned keys (SSE-SQS,
    /// `SqsManagedSseEnabled` defaults to `true`), so a queue without `KmsMasterKeyId` is
    /// encrypted, but with keys the account cannot see, restrict or audit. The rule therefore asks
    /// for a customer managed key:
    /// - no `KmsMasterKeyId`: reported at the rule's severity;
    /// - `KmsMasterKeyId` naming the AWS managed key `alias/aws/sqs`: reported likewise (its key
    ///   policy cannot be changed, so other accounts and services such as EventBridge or SNS
    ///   cannot be allowed to use it);
    /// - no `KmsMasterKeyId` and `SqsManagedSseEnabled: false`: the messages are stored
    ///   unencrypted, reported at `high`.
    ///
    /// ## Why it matters
    /// With a customer managed key, reading a message requires both SQS and KMS permissions, every
    /// use of the key is logged in CloudTrail, and disabling the key makes the queue unreadable.
    /// With SQS-owned keys anyone who is allowed `sqs:ReceiveMessage` reads the messages, and
    /// nothing else limits or records it. A queue with encryption switched off stores message
    /// bodies in the clear.
    ///
    /// ## How to fix
    /// Name a customer managed key (the key policy must allow the producers, including AWS
    /// services that send to the queue):
    /// ```yaml
    /// # before
    /// Jobs:
    ///   Type: AWS::SQS::Queue
    ///   Properties:
    ///     SqsManagedSseEnabled: false
    /// # after
    /// Jobs:
    ///   Type: AWS::SQS::Queue
    ///   Properties:
    ///     KmsMasterKeyId: !Ref JobsKey
    ///     KmsDataKeyReusePeriodSeconds: 300
    /// ```
    ///
    /// ## References
    /// - [AWS::SQS::Queue](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html)
    /// - [Encryption at rest in Amazon SQS](https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html)
    /// - cfn_nag W48; checkov CKV_AWS_27
    ///
    /// ## Unknown values
    /// A `KmsMasterKeyId` taken from a parameter without a value or an import is reported at
    /// `info`; a `Ref` or `Fn::GetAtt` to a key or alias of this template counts as a customer
    /// managed key. An unresolved `SqsManagedSseEnabled` is reported at `info` in addition to the
    /// missing key.
    SqsQueueWithoutCmk {
        code: "CFN4009",
        name: "sqs-queue-without-customer-managed-key",
        severity: Medium,
        group: "encryption",
        summary: "SQS queue is not encrypted with a customer managed KMS key (`KmsMasterKeyId`)",
        types: ["AWS::SQS::Queue"],
        xrefs: [CfnNag("W48"), Checkov("CKV_AWS_27")],
    }
}

impl Rule for SqsQueueWithoutCmk {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let no_key = matches!(
            key_at(cx, cx.props, "KmsMasterKeyId"),
            Key::Missing | Key::Empty(_)
        );
        let sse = cx.prop("SqsManagedSseEnabled");
        if let (true, Some(v)) = (no_key, sse) {
            if truth(v) == Tri::False && !is_unknown(v) {
                hits.at_severity(
                    v,
                    Severity::High,
                    "queue is not encrypted at rest: `SqsManagedSseEnabled` is false and no `KmsMasterKeyId` is set",
                );
                return;
            }
            if is_unknown(v) {
                hits.unknown(v, "`SqsManagedSseEnabled` is true");
            }
        }
        require_cmk(
            cx,
            hits,
            "KmsMasterKeyId",
            "queue",
            "queue is encrypted only with SQS-owned keys (SSE-SQS)",
        );
    }
}
