use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::logging::apigw_stage_access_logging::check_access_log;

declare_rule! {
    /// ## What it checks
    /// An `AWS::ApiGatewayV2::Stage` (HTTP or WebSocket API stage) without access logging:
    /// `AccessLogSettings` is absent, or has no (or an empty) `DestinationArn`.
    ///
    /// The same check runs on a SAM `AWS::Serverless::HttpApi` (its stage), whose
    /// `AccessLogSettings` has the same shape; `Globals.HttpApi.AccessLogSettings` counts.
    ///
    /// ## Why it matters
    /// HTTP and WebSocket APIs have no execution logs: access logs are the only record of who
    /// called the API, from where, with which result and which authorizer decision. Without
    /// them abuse of the API (enumeration, credential stuffing, scraping) goes unseen and
    /// cannot be investigated afterwards.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Default:
    ///   Type: AWS::ApiGatewayV2::Stage
    ///   Properties:
    ///     ApiId: !Ref HttpApi
    ///     StageName: $default
    ///     AutoDeploy: true
    /// # after
    /// Default:
    ///   Type: AWS::ApiGatewayV2::Stage
    ///   Properties:
    ///     ApiId: !Ref HttpApi
    ///     StageName: $default
    ///     AutoDeploy: true
    ///     AccessLogSettings:
    ///       DestinationArn: !GetAtt HttpApiLogs.Arn
    ///       Format: '$context.requestId $context.identity.sourceIp $context.routeKey $context.status'
    /// ```
    ///
    /// ## References
    /// - [Configure logging for HTTP APIs in API Gateway](https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html)
    /// - [AWS::ApiGatewayV2::Stage AccessLogSettings](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigatewayv2-stage-accesslogsettings.html)
    /// - [AWS::Serverless::HttpApi AccessLogSettings](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-httpapi.html)
    /// - cfn_nag W46; checkov CKV_AWS_95
    ApiGatewayV2StageAccessLogging {
        code: "CFN5008",
        name: "apigatewayv2-stage-access-logging-disabled",
        severity: Low,
        group: "logging",
        summary: "API Gateway HTTP/WebSocket API stage has no access logging (AccessLogSettings)",
        types: ["AWS::ApiGatewayV2::Stage", "AWS::Serverless::HttpApi"],
        xrefs: [CfnNag("W46"), Checkov("CKV_AWS_95")],
    }
}

impl Rule for ApiGatewayV2StageAccessLogging {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        check_access_log(cx, hits, "AccessLogSettings");
    }
}
