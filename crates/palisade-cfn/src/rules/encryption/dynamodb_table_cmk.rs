use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, items, Tri};

use super::util::{require_cmk, require_cmk_in, require_true};

declare_rule! {
    /// ## What it checks
    /// An `AWS::DynamoDB::Table` or `AWS::DynamoDB::GlobalTable` whose data is not encrypted with
    /// a customer managed KMS key.
    ///
    /// DynamoDB always encrypts tables at rest. Without `SSESpecification` (or with
    /// `SSEEnabled: false`) it uses an AWS owned key, which the account cannot see, restrict or
    /// audit; with `SSEEnabled: true` and no `KMSMasterKeyId` it uses the AWS managed key
    /// `aws/dynamodb`, whose policy cannot be changed. The rule asks for
    /// `SSESpecification.SSEEnabled: true` with a customer managed key in `KMSMasterKeyId` (on a
    /// global table: in each replica's `SSESpecification`).
    ///
    /// A SAM `AWS::Serverless::SimpleTable` is checked the same way: its `SSESpecification` is
    /// the DynamoDB table's.
    ///
    /// ## Why it matters
    /// With a customer managed key, reading table data (including backups, exports and streams)
    /// requires KMS permissions as well as DynamoDB permissions, every use of the key is logged in
    /// CloudTrail, and the key can be disabled to make the table unreadable at once. Many
    /// compliance regimes require keys under the customer's control for regulated data.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Orders:
    ///   Type: AWS::DynamoDB::Table
    ///   Properties:
    ///     BillingMode: PAY_PER_REQUEST
    /// # after
    /// Orders:
    ///   Type: AWS::DynamoDB::Table
    ///   Properties:
    ///     BillingMode: PAY_PER_REQUEST
    ///     SSESpecification:
    ///       SSEEnabled: true
    ///       SSEType: KMS
    ///       KMSMasterKeyId: !Ref OrdersKey
    /// ```
    ///
    /// ## References
    /// - [AWS::DynamoDB::Table SSESpecification](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-table-ssespecification.html)
    /// - [DynamoDB encryption at rest](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html)
    /// - [AWS::Serverless::SimpleTable](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-simpletable.html)
    /// - cfn_nag W74; checkov CKV_AWS_119
    ///
    /// ## Unknown values
    /// An unresolved `SSEEnabled`, or a `KMSMasterKeyId` taken from a parameter without a value or
    /// an import, is reported at `info`; a `Ref` or `Fn::GetAtt` to a key or alias of this
    /// template counts as a customer managed key.
    DynamoDbTableWithoutCmk {
        code: "CFN4012",
        name: "dynamodb-table-without-customer-managed-key",
        severity: Medium,
        group: "encryption",
        summary: "DynamoDB table is not encrypted with a customer managed KMS key (`SSESpecification`)",
        types: ["AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::Serverless::SimpleTable"],
        xrefs: [CfnNag("W74"), Checkov("CKV_AWS_119")],
    }
}

impl Rule for DynamoDbTableWithoutCmk {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let enabled = require_true(
            cx,
            hits,
            "SSESpecification.SSEEnabled",
            "table is encrypted only with an AWS owned key",
        );
        if enabled != Tri::True {
            return;
        }
        const KEY: &str = "SSESpecification.KMSMasterKeyId";
        let absent = "table is encrypted with the AWS managed key `aws/dynamodb`";
        if cx.resource.ty != "AWS::DynamoDB::GlobalTable" {
            require_cmk(cx, hits, KEY, "table", absent);
            return;
        }
        let Some(replicas) = cx.prop("Replicas") else {
            return;
        };
        if is_unknown(replicas) {
            hits.unknown(replicas, "every replica selects a customer managed KMS key");
            return;
        }
        for (i, replica) in items(replicas).into_iter().enumerate() {
            require_cmk_in(
                cx,
                hits,
                replica,
                KEY,
                &format!("Replicas[{i}]."),
                "replica",
                "replica is encrypted with the AWS managed key `aws/dynamodb`",
            );
        }
    }
}
