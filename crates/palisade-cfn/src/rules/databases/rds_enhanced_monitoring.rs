use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{int, is_unknown, text};

declare_rule! {
    /// ## What it checks
    /// An `AWS::RDS::DBInstance` without Enhanced Monitoring: `MonitoringInterval` is absent (the
    /// default is `0`), `0`, or not one of the intervals RDS accepts (`1`, `5`, `10`, `15`, `30`,
    /// `60` seconds). Aurora instances are checked too: Enhanced Monitoring is set per instance.
    ///
    /// This is a hygiene check, not a security finding: it is reported at `low` and the whole
    /// group can be turned off with `--ignore hygiene`.
    ///
    /// ## Why it matters
    /// Enhanced Monitoring collects operating-system metrics (CPU per process, memory, file
    /// system, disk I/O) from an agent on the database host, at up to one-second granularity.
    /// Without it only the hypervisor's CloudWatch metrics are available, which makes resource
    /// exhaustion and runaway processes hard to diagnose.
    ///
    /// ## How to fix
    /// Set an interval and a role that lets RDS publish the metrics (the AWS managed policy
    /// `AmazonRDSEnhancedMonitoringRole`):
    /// ```yaml
    /// # before
    /// Db:
    ///   Type: AWS::RDS::DBInstance
    ///   Properties:
    ///     Engine: mysql
    ///     DBInstanceClass: db.t4g.medium
    ///     AllocatedStorage: "20"
    /// # after
    /// Db:
    ///   Type: AWS::RDS::DBInstance
    ///   Properties:
    ///     Engine: mysql
    ///     DBInstanceClass: db.t4g.medium
    ///     AllocatedStorage: "20"
    ///     MonitoringInterval: 60
    ///     MonitoringRoleArn: !GetAtt RdsMonitoringRole.Arn
    /// ```
    ///
    /// ## References
    /// - [AWS::RDS::DBInstance](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html) (`MonitoringInterval`, `MonitoringRoleArn`)
    /// - [Monitoring OS metrics with Enhanced Monitoring](https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.html)
    /// - checkov CKV_AWS_118
    RdsEnhancedMonitoringDisabled {
        code: "CFN8105",
        name: "rds-instance-enhanced-monitoring-disabled",
        severity: Low,
        group: "hygiene",
        summary: "RDS DB instance does not enable Enhanced Monitoring (`MonitoringInterval`)",
        types: ["AWS::RDS::DBInstance"],
        xrefs: [Checkov("CKV_AWS_118")],
    }
}

impl Rule for RdsEnhancedMonitoringDisabled {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        const PROBLEM: &str = "DB instance has no Enhanced Monitoring";
        match cx.prop("MonitoringInterval") {
            None => hits.missing(
                "MonitoringInterval",
                format!("{PROBLEM}: `MonitoringInterval` is not set (default 0)"),
            ),
            Some(v) if is_unknown(v) => {
                hits.unknown(v, "`MonitoringInterval` enables Enhanced Monitoring");
            }
            Some(v) => match int(v) {
                Some(1 | 5 | 10 | 15 | 30 | 60) => {}
                Some(0) => hits.at(v, format!("{PROBLEM}: `MonitoringInterval` is 0")),
                _ => hits.at(
                    v,
                    format!(
                        "{PROBLEM}: `MonitoringInterval` is `{}`, not one of 1, 5, 10, 15, 30 or 60",
                        text(v).unwrap_or_default()
                    ),
                ),
            },
        }
    }
}
