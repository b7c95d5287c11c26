use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

use super::super::encryption::util::require_true;

declare_rule! {
    /// ## What it checks
    /// An `AWS::DynamoDB::Table` whose
    /// `PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled` is absent or `false`.
    /// Point-in-time recovery is off unless this is set.
    ///
    /// This is a hygiene check, not a security finding: it is reported at `low` and the whole
    /// group can be turned off with `--ignore hygiene`.
    ///
    /// ## Why it matters
    /// With point-in-time recovery DynamoDB keeps continuous backups of the table (35 days unless
    /// `RecoveryPeriodInDays` says otherwise) and can restore it to any second of that period.
    /// Without it, items overwritten or deleted by a faulty deployment, a bad script or a
    /// compromised credential can only be recovered from on-demand backups, if anyone made one.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Orders:
    ///   Type: AWS::DynamoDB::Table
    ///   Properties:
    ///     BillingMode: PAY_PER_REQUEST
    ///     AttributeDefinitions:
    ///       - {AttributeName: id, AttributeType: S}
    ///     KeySchema:
    ///       - {AttributeName: id, KeyType: HASH}
    /// # after
    /// Orders:
    ///   Type: AWS::DynamoDB::Table
    ///   Properties:
    ///     BillingMode: PAY_PER_REQUEST
    ///     AttributeDefinitions:
    ///       - {AttributeName: id, AttributeType: S}
    ///     KeySchema:
    ///       - {AttributeName: id, KeyType: HASH}
    ///     PointInTimeRecoverySpecification:
    ///       PointInTimeRecoveryEnabled: true
    /// ```
    ///
    /// ## References
    /// - [AWS::DynamoDB::Table PointInTimeRecoverySpecification](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-table-pointintimerecoveryspecification.html)
    /// - [Enable point-in-time recovery in DynamoDB](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html)
    /// - cfn_nag W78; checkov CKV_AWS_28
    DynamoDbTablePitrDisabled {
        code: "CFN8102",
        name: "dynamodb-table-point-in-time-recovery-disabled",
        severity: Low,
        group: "hygiene",
        summary: "DynamoDB table does not enable point-in-time recovery",
        types: ["AWS::DynamoDB::Table"],
        xrefs: [CfnNag("W78"), Checkov("CKV_AWS_28")],
    }
}

impl Rule for DynamoDbTablePitrDisabled {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        require_true(
            cx,
            hits,
            "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled",
            "table has no point-in-time recovery",
        );
    }
}
