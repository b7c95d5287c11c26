use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{truth, Tri};

use super::super::encryption::util::{lower, require_true};
use super::util::{engine, in_db_cluster, Known};

declare_rule! {
    /// ## What it checks
    /// RDS databases that do not enable IAM database authentication:
    /// `EnableIAMDatabaseAuthentication` is absent (the default is `false`) or `false` on
    /// - an `AWS::RDS::DBCluster` (Aurora MySQL, Aurora PostgreSQL, and Multi-AZ DB clusters);
    /// - an `AWS::RDS::DBInstance` whose `Engine` is `mysql`, `postgres` or `mariadb`, the RDS
    ///   engines that support it. RDS for Oracle, SQL Server and Db2 do not, and instances of a
    ///   DB cluster (`DBClusterIdentifier` set, or an `aurora*` `Engine`) take the setting from
    ///   the cluster, so those are not checked. checkov's instance check knows only `mysql` and
    ///   `postgres`; RDS for MariaDB supports IAM authentication too, so this rule checks it.
    ///
    /// Aurora Serverless v1 clusters (`EngineMode: serverless`), which do not support IAM
    /// authentication, are not checked. An instance without `Engine` (created from a snapshot or
    /// as a read replica) is not checked either.
    ///
    /// ## Why it matters
    /// Without IAM authentication every application logs in with a database password: a
    /// long-lived secret that has to be stored, distributed and rotated, and that keeps working
    /// wherever it leaks. With IAM authentication clients connect with a 15-minute token signed
    /// with their IAM credentials, access is granted and revoked in IAM policies
    /// (`rds-db:connect`), and the connection must use TLS.
    ///
    /// ## How to fix
    /// Enable it, then create the database users with the engine's IAM authentication plugin
    /// or role:
    /// ```yaml
    /// # before
    /// Db:
    ///   Type: AWS::RDS::DBInstance
    ///   Properties:
    ///     Engine: postgres
    ///     DBInstanceClass: db.t4g.medium
    ///     AllocatedStorage: "20"
    /// # after
    /// Db:
    ///   Type: AWS::RDS::DBInstance
    ///   Properties:
    ///     Engine: postgres
    ///     DBInstanceClass: db.t4g.medium
    ///     AllocatedStorage: "20"
    ///     EnableIAMDatabaseAuthentication: true
    /// ```
    ///
    /// ## References
    /// - [IAM database authentication for MariaDB, MySQL, and PostgreSQL](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html)
    /// - [Supported Regions and DB engines for IAM database authentication](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.RDS_Fea_Regions_DB-eng.Feature.IamDatabaseAuthentication.html)
    /// - [IAM database authentication (Aurora)](https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.IAMDBAuth.html)
    /// - [AWS::RDS::DBInstance](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html), [AWS::RDS::DBCluster](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbcluster.html) (`EnableIAMDatabaseAuthentication`)
    /// - checkov CKV_AWS_161, CKV_AWS_162
    ///
    /// ## Unknown values
    /// An unresolved `EnableIAMDatabaseAuthentication` is reported at `info`; so is an
    /// instance's unresolved `Engine` when the flag is not set.
    RdsIamAuthDisabled {
        code: "CFN8107",
        name: "rds-iam-database-authentication-disabled",
        severity: Medium,
        group: "database",
        summary: "RDS DB instance or cluster does not enable IAM database authentication",
        types: ["AWS::RDS::DBInstance", "AWS::RDS::DBCluster"],
        xrefs: [Checkov("CKV_AWS_161"), Checkov("CKV_AWS_162")],
    }
}

impl Rule for RdsIamAuthDisabled {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        const FLAG: &str = "EnableIAMDatabaseAuthentication";
        let flag = cx.prop(FLAG).map_or(Tri::False, truth);
        if flag == Tri::True {
            return;
        }
        let what = if cx.resource.ty == "AWS::RDS::DBCluster" {
            if lower(cx.prop("EngineMode")).as_deref() == Some("serverless") {
                return;
            }
            "DB cluster"
        } else {
            if in_db_cluster(cx) {
                return;
            }
            match engine(cx) {
                Known::Absent => return,
                Known::Unknown(n) if flag == Tri::False => {
                    hits.unknown(n, "the engine supports IAM database authentication");
                    return;
                }
                Known::Is(_, e) if !matches!(e.as_str(), "mysql" | "postgres" | "mariadb") => {
                    return
                }
                _ => {}
            }
            "DB instance"
        };
        require_true(
            cx,
            hits,
            FLAG,
            &format!("{what} does not use IAM database authentication"),
        );
    }
}
