use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, items, text, truth, Tri};

use super::super::encryption::util::{lookup, Lookup};

declare_rule! {
    /// ## What it checks
    /// An `AWS::DynamoDB::GlobalTable` with a replica (an item of `Replicas`) whose
    /// `PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled` is absent or `false`.
    /// Point-in-time recovery is a setting of each replica, and is off unless set.
    ///
    /// checkov looks only at the first replica; this rule checks every replica, since each
    /// Region's copy is restored from its own continuous backups.
    ///
    /// This is a hygiene check, not a security finding: it is reported at `low` and the whole
    /// group can be turned off with `--ignore hygiene`.
    ///
    /// ## Why it matters
    /// Replication copies every write, including a mistaken or malicious mass delete, to all
    /// Regions within seconds: replicas are no backup. Point-in-time recovery keeps continuous
    /// backups (35 days unless `RecoveryPeriodInDays` says otherwise) from which the table can be
    /// restored to any second of that period.
    ///
    /// ## How to fix
    /// Enable it in each replica:
    /// ```yaml
    /// # before
    /// Sessions:
    ///   Type: AWS::DynamoDB::GlobalTable
    ///   Properties:
    ///     BillingMode: PAY_PER_REQUEST
    ///     StreamSpecification: {StreamViewType: NEW_AND_OLD_IMAGES}
    ///     AttributeDefinitions:
    ///       - {AttributeName: id, AttributeType: S}
    ///     KeySchema:
    ///       - {AttributeName: id, KeyType: HASH}
    ///     Replicas:
    ///       - Region: eu-west-1
    ///       - Region: us-east-1
    /// # after
    ///     Replicas:
    ///       - Region: eu-west-1
    ///         PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}
    ///       - Region: us-east-1
    ///         PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}
    /// ```
    ///
    /// ## References
    /// - [AWS::DynamoDB::GlobalTable ReplicaSpecification](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-globaltable-replicaspecification.html)
    /// - [AWS::DynamoDB::GlobalTable PointInTimeRecoverySpecification](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-globaltable-pointintimerecoveryspecification.html)
    /// - checkov CKV_AWS_165
    ///
    /// ## Unknown values
    /// An unresolved `Replicas` list, replica, or `PointInTimeRecoveryEnabled` is reported at
    /// `info`, naming the value.
    DynamoDbGlobalTablePitrDisabled {
        code: "CFN8103",
        name: "dynamodb-global-table-replica-point-in-time-recovery-disabled",
        severity: Low,
        group: "hygiene",
        summary: "DynamoDB global table replica does not enable point-in-time recovery",
        types: ["AWS::DynamoDB::GlobalTable"],
        xrefs: [Checkov("CKV_AWS_165")],
    }
}

impl Rule for DynamoDbGlobalTablePitrDisabled {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        const FLAG: &str = "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled";
        let Some(replicas) = cx.prop("Replicas") else {
            return;
        };
        if is_unknown(replicas) {
            hits.unknown(replicas, "every replica enables point-in-time recovery");
            return;
        }
        for replica in items(replicas) {
            let region = replica
                .get("Region")
                .and_then(text)
                .unwrap_or_else(|| "?".into());
            let problem = format!("replica in `{region}` has no point-in-time recovery");
            match lookup(replica, FLAG) {
                Lookup::Missing => hits.at(replica, format!("{problem}: `{FLAG}` is not set")),
                Lookup::Unknown(n) => hits.unknown(n, &format!("the replica enables `{FLAG}`")),
                Lookup::Found(v) => match truth(v) {
                    Tri::True => {}
                    Tri::False => hits.at(v, format!("{problem}: `{FLAG}` is false")),
                    Tri::Unknown if is_unknown(v) => {
                        hits.unknown(v, &format!("the replica enables `{FLAG}`"));
                    }
                    Tri::Unknown => hits.at(v, format!("{problem}: `{FLAG}` is not a boolean")),
                },
            }
        }
    }
}
