use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, text};

declare_rule! {
    /// ## What it checks
    /// An `AWS::DynamoDB::Table` whose `BillingMode` is absent, or is neither `PROVISIONED` nor
    /// `PAY_PER_REQUEST`. When the property is absent CloudFormation creates the table in
    /// provisioned capacity mode (`PROVISIONED`), with the read and write capacity of
    /// `ProvisionedThroughput`.
    ///
    /// This is a hygiene check, not a security finding: it is reported at `low` and the whole
    /// group can be turned off with `--ignore hygiene`.
    ///
    /// ## Why it matters
    /// The capacity mode decides how the table behaves under load and what it costs: a
    /// provisioned table throttles requests beyond its capacity, an on-demand table scales and
    /// bills per request. Leaving the choice to the default hides that decision from reviewers,
    /// and a template copied from an on-demand table silently becomes a throttled one.
    ///
    /// ## How to fix
    /// State the capacity mode the workload needs:
    /// ```yaml
    /// # before
    /// Orders:
    ///   Type: AWS::DynamoDB::Table
    ///   Properties:
    ///     AttributeDefinitions:
    ///       - {AttributeName: id, AttributeType: S}
    ///     KeySchema:
    ///       - {AttributeName: id, KeyType: HASH}
    ///     ProvisionedThroughput: {ReadCapacityUnits: 5, WriteCapacityUnits: 5}
    /// # after
    /// Orders:
    ///   Type: AWS::DynamoDB::Table
    ///   Properties:
    ///     BillingMode: PAY_PER_REQUEST
    ///     AttributeDefinitions:
    ///       - {AttributeName: id, AttributeType: S}
    ///     KeySchema:
    ///       - {AttributeName: id, KeyType: HASH}
    /// ```
    ///
    /// ## References
    /// - [AWS::DynamoDB::Table](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html) (`BillingMode`)
    /// - [DynamoDB throughput capacity modes](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/capacity-mode.html)
    /// - cfn_nag W73
    DynamoDbBillingModeNotSet {
        code: "CFN8101",
        name: "dynamodb-table-billing-mode-not-set",
        severity: Low,
        group: "hygiene",
        summary: "DynamoDB table does not state its capacity mode (`BillingMode`)",
        types: ["AWS::DynamoDB::Table"],
        xrefs: [CfnNag("W73")],
    }
}

impl Rule for DynamoDbBillingModeNotSet {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        match cx.prop("BillingMode") {
            None => hits.missing(
                "BillingMode",
                "table capacity mode is left to the default (`PROVISIONED`): `BillingMode` is not set",
            ),
            Some(v) if is_unknown(v) => hits.unknown(v, "`BillingMode` is a valid capacity mode"),
            Some(v) => {
                let mode = text(v).unwrap_or_default();
                if !matches!(mode.trim(), "PROVISIONED" | "PAY_PER_REQUEST") {
                    hits.at(
                        v,
                        format!("`BillingMode` is `{mode}`, not `PROVISIONED` or `PAY_PER_REQUEST`"),
                    );
                }
            }
        }
    }
}
