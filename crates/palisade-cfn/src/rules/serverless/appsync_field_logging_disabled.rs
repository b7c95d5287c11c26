use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, text};

declare_rule! {
    /// ## What it checks
    /// An `AWS::AppSync::GraphQLApi` with a `LogConfig` whose `FieldLogLevel` is `NONE` or
    /// absent: AppSync then records no field-level logs (resolver errors and their request and
    /// response mappings). `ERROR`, `INFO`, `DEBUG` and `ALL` pass. An API without `LogConfig`
    /// is reported by CFN8017 and not again here.
    ///
    /// checkov CKV_AWS_194 accepts only `ERROR` and `ALL` (it predates `INFO` and `DEBUG`, which
    /// AppSync added later and which log errors too) and also fails an API without
    /// `LogConfig`; we leave that case to CFN8017 so that one missing block gives one finding.
    ///
    /// ## Why it matters
    /// Field-level logs show which resolver failed, with what input, and what the data source
    /// returned. Without them, an attacker probing the schema or a resolver leaking errors
    /// leaves only request-level traces, and errors cannot be tied to the fields that raised
    /// them.
    ///
    /// ## How to fix
    /// Log at least errors (`ALL` and `DEBUG` also log every resolved field's data: mind what
    /// that writes to the logs):
    /// ```yaml
    /// # before
    /// LogConfig:
    ///   CloudWatchLogsRoleArn: !GetAtt AppSyncLogsRole.Arn
    ///   FieldLogLevel: NONE
    /// # after
    /// LogConfig:
    ///   CloudWatchLogsRoleArn: !GetAtt AppSyncLogsRole.Arn
    ///   FieldLogLevel: ERROR
    /// ```
    ///
    /// ## References
    /// - [AWS::AppSync::GraphQLApi LogConfig](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-appsync-graphqlapi-logconfig.html)
    /// - [Using CloudWatch to monitor and log GraphQL API data](https://docs.aws.amazon.com/appsync/latest/devguide/monitoring.html)
    /// - checkov CKV_AWS_194
    AppSyncFieldLoggingDisabled {
        code: "CFN8018",
        name: "appsync-field-logging-disabled",
        severity: Low,
        group: "serverless",
        summary: "AppSync GraphQL API logs no field-level errors (`LogConfig.FieldLogLevel` is `NONE`)",
        types: ["AWS::AppSync::GraphQLApi"],
        xrefs: [Checkov("CKV_AWS_194")],
    }
}

impl Rule for AppSyncFieldLoggingDisabled {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let problem = "GraphQL API logs no field-level errors";
        let question = "the GraphQL API logs field-level errors";
        let Some(config) = cx.prop("LogConfig") else {
            return;
        };
        if is_unknown(config) {
            hits.unknown(config, question);
            return;
        }
        let Some(level) = config.get("FieldLogLevel") else {
            hits.at(
                config,
                format!("{problem}: `LogConfig` has no `FieldLogLevel`"),
            );
            return;
        };
        match text(level) {
            Some(t) if t.trim().eq_ignore_ascii_case("NONE") => hits.at(
                level,
                format!("{problem}: `LogConfig.FieldLogLevel` is `NONE`"),
            ),
            Some(_) => {}
            None => {
                if is_unknown(level) {
                    hits.unknown(level, question);
                }
            }
        }
    }
}
