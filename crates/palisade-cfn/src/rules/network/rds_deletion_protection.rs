use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, text, truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::RDS::DBInstance` whose `DeletionProtection` is absent (it defaults to `false`)
    /// or `false`.
    ///
    /// Instances that belong to a DB cluster (`DBClusterIdentifier` set, or an `aurora*`
    /// `Engine`) are not reported: for Aurora and Multi-AZ DB clusters deletion protection is
    /// a property of the `AWS::RDS::DBCluster`, and the instance setting does not apply.
    ///
    /// ## Why it matters
    /// Without deletion protection one `DeleteDBInstance` call, a mistaken stack update that
    /// replaces the instance, or a deleted stack destroys the database; with `DeletionPolicy`
    /// other than `Snapshot`/`Retain` its data is gone with it. Deletion protection makes RDS
    /// refuse the deletion until someone deliberately turns it off, which also stops an
    /// attacker with limited permissions from destroying the data in one step.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Db:
    ///   Type: AWS::RDS::DBInstance
    ///   Properties:
    ///     Engine: postgres
    /// # after
    /// Db:
    ///   Type: AWS::RDS::DBInstance
    ///   DeletionPolicy: Snapshot
    ///   UpdateReplacePolicy: Snapshot
    ///   Properties:
    ///     Engine: postgres
    ///     DeletionProtection: true
    /// ```
    ///
    /// ## References
    /// - [Deleting a DB instance: deletion protection](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeleteInstance.DeletionProtection)
    /// - [AWS::RDS::DBInstance](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html)
    /// - cfn_nag F80
    RdsDeletionProtection {
        code: "CFN6008",
        name: "rds-instance-deletion-protection-disabled",
        severity: Low,
        group: "network",
        summary: "RDS DB instance does not enable deletion protection (DeletionProtection)",
        types: ["AWS::RDS::DBInstance"],
        xrefs: [CfnNag("F80")],
    }
}

impl Rule for RdsDeletionProtection {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        if cx.prop("DBClusterIdentifier").is_some() {
            return;
        }
        if let Some(engine) = cx.prop("Engine") {
            if !is_unknown(engine)
                && text(engine).is_some_and(|e| e.to_ascii_lowercase().starts_with("aurora"))
            {
                return;
            }
        }
        match cx.prop("DeletionProtection") {
            None => hits.missing(
                "DeletionProtection",
                "DB instance can be deleted without safeguard: `DeletionProtection` is not set (default false)",
            ),
            Some(v) => match truth(v) {
                Tri::True => {}
                Tri::False => hits.at(
                    v,
                    "DB instance can be deleted without safeguard: `DeletionProtection` is false",
                ),
                Tri::Unknown => hits.unknown(v, "deletion protection is enabled"),
            },
        }
    }
}
