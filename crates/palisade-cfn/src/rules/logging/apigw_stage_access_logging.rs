use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::logging::util::is_set;
use crate::value::{is_unknown, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::ApiGateway::Stage` (REST API stage) without access logging: `AccessLogSetting`
    /// is absent, or has no (or an empty) `DestinationArn`.
    ///
    /// The same check runs on a SAM `AWS::Serverless::Api` (its stage), whose property has the same
    /// name and shape; `Globals.Api.AccessLogSetting` counts, since SAM merges it into every API.
    ///
    /// Stages created implicitly by an `AWS::ApiGateway::Deployment` with `StageDescription`
    /// are not covered by this rule.
    ///
    /// ## Why it matters
    /// Access logs record who called the API: source IP, caller identity, request, status,
    /// latency and the authorizer's decision. Execution logs (`MethodSettings.LoggingLevel`) are
    /// meant for debugging and are sampled and verbose; access logs are the audit trail of API
    /// use and the basis for detecting abuse such as enumeration or credential stuffing.
    ///
    /// ## How to fix
    /// Send access logs to a CloudWatch Logs group (or a Firehose stream whose name starts
    /// with `amazon-apigateway-`):
    /// ```yaml
    /// # before
    /// Prod:
    ///   Type: AWS::ApiGateway::Stage
    ///   Properties:
    ///     RestApiId: !Ref Api
    ///     DeploymentId: !Ref Deployment
    ///     StageName: prod
    /// # after
    /// Prod:
    ///   Type: AWS::ApiGateway::Stage
    ///   Properties:
    ///     RestApiId: !Ref Api
    ///     DeploymentId: !Ref Deployment
    ///     StageName: prod
    ///     AccessLogSetting:
    ///       DestinationArn: !GetAtt ApiAccessLogs.Arn
    ///       Format: '$context.requestId $context.identity.sourceIp $context.httpMethod $context.resourcePath $context.status'
    /// ```
    ///
    /// ## References
    /// - [Set up CloudWatch logging for REST APIs in API Gateway](https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html)
    /// - [AWS::ApiGateway::Stage AccessLogSetting](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigateway-stage-accesslogsetting.html)
    /// - [AWS::Serverless::Api AccessLogSetting](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html)
    /// - cfn_nag W69; checkov CKV_AWS_76
    ApiGatewayStageAccessLogging {
        code: "CFN5007",
        name: "apigateway-stage-access-logging-disabled",
        severity: Low,
        group: "logging",
        summary: "API Gateway REST API stage has no access logging (AccessLogSetting)",
        types: ["AWS::ApiGateway::Stage", "AWS::Serverless::Api"],
        xrefs: [CfnNag("W69"), Checkov("CKV_AWS_76")],
    }
}

impl Rule for ApiGatewayStageAccessLogging {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        check_access_log(cx, hits, "AccessLogSetting");
    }
}

/// Shared by the REST (`AccessLogSetting`) and HTTP/WebSocket (`AccessLogSettings`) stage rules.
pub(crate) fn check_access_log(cx: &ResourceCx<'_>, hits: &mut Hits, prop: &str) {
    let Some(setting) = cx.prop(prop) else {
        hits.missing(
            prop,
            format!("stage has no access logging: `{prop}` is not set"),
        );
        return;
    };
    if is_unknown(setting) {
        hits.unknown(setting, "the stage has access logging");
        return;
    }
    match setting.get("DestinationArn") {
        None => hits.at(
            setting,
            format!("stage has no access logging: `{prop}` has no `DestinationArn`"),
        ),
        Some(arn) => match is_set(cx, arn) {
            Tri::True => {}
            Tri::False => hits.at(
                arn,
                format!("stage has no access logging: `{prop}.DestinationArn` is empty"),
            ),
            Tri::Unknown => hits.unknown(arn, "the stage has access logging"),
        },
    }
}
