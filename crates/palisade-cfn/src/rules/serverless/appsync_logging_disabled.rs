use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::logging::util::is_set;
use crate::value::{is_unknown, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::AppSync::GraphQLApi` that does not send logs to CloudWatch Logs: `LogConfig` is
    /// absent, or has no (or an empty) `CloudWatchLogsRoleArn`, the role AppSync assumes to
    /// write the logs. Field-level detail (`FieldLogLevel`) is checked by CFN8018.
    ///
    /// ## Why it matters
    /// AppSync logs record the requests the API served and the errors resolvers raised. Without
    /// them, failed authorizations, unusual queries (introspection, deep nesting, enumeration)
    /// and resolver errors that expose data leave no record to alert on or investigate.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Api:
    ///   Type: AWS::AppSync::GraphQLApi
    ///   Properties:
    ///     Name: orders
    ///     AuthenticationType: AMAZON_COGNITO_USER_POOLS
    /// # after
    ///     LogConfig:
    ///       CloudWatchLogsRoleArn: !GetAtt AppSyncLogsRole.Arn
    ///       FieldLogLevel: ERROR
    /// ```
    ///
    /// ## References
    /// - [AWS::AppSync::GraphQLApi LogConfig](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-appsync-graphqlapi-logconfig.html)
    /// - [Using CloudWatch to monitor and log GraphQL API data](https://docs.aws.amazon.com/appsync/latest/devguide/monitoring.html)
    /// - checkov CKV_AWS_193
    AppSyncLoggingDisabled {
        code: "CFN8017",
        name: "appsync-api-logging-disabled",
        severity: Low,
        group: "serverless",
        summary: "AppSync GraphQL API does not log to CloudWatch Logs (`LogConfig.CloudWatchLogsRoleArn`)",
        types: ["AWS::AppSync::GraphQLApi"],
        xrefs: [Checkov("CKV_AWS_193")],
    }
}

impl Rule for AppSyncLoggingDisabled {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let problem = "GraphQL API does not log to CloudWatch Logs";
        let question = "the GraphQL API logs to CloudWatch Logs";
        let Some(config) = cx.prop("LogConfig") else {
            hits.missing("LogConfig", format!("{problem}: `LogConfig` is not set"));
            return;
        };
        if is_unknown(config) {
            hits.unknown(config, question);
            return;
        }
        match config.get("CloudWatchLogsRoleArn") {
            None => hits.at(
                config,
                format!("{problem}: `LogConfig` has no `CloudWatchLogsRoleArn`"),
            ),
            Some(role) => match is_set(cx, role) {
                Tri::True => {}
                Tri::False => hits.at(
                    role,
                    format!("{problem}: `LogConfig.CloudWatchLogsRoleArn` is empty"),
                ),
                Tri::Unknown => hits.unknown(role, question),
            },
        }
    }
}
