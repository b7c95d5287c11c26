use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::logging::util::is_set;
use crate::value::{is_unknown, Tri};

use super::util::stage_label;

declare_rule! {
    /// ## What it checks
    /// An `AWS::ApiGateway::Deployment` that creates a stage (it sets `StageName`, or
    /// `StageDescription`, which requires it) without access logging: `StageDescription` is
    /// absent, has no `AccessLogSetting`, or its `AccessLogSetting` has no (or an empty)
    /// `DestinationArn`. API Gateway writes no access logs unless a destination is set.
    ///
    /// A deployment without `StageName` creates no stage and is not checked; stages declared as
    /// `AWS::ApiGateway::Stage` are checked by CFN5007. cfn_nag W45 also fails a deployment
    /// without `StageDescription` that creates no stage unless some `AWS::ApiGateway::Stage`
    /// names it; we follow AWS: only a stage that exists can log.
    ///
    /// ## Why it matters
    /// Access logs are the audit trail of who called the API: caller identity, source IP,
    /// request, status and the authorizer's decision. A stage created by a deployment is as
    /// public as any other; without access logs, abuse such as enumeration or credential stuffing
    /// leaves no trace, and an incident cannot be reconstructed.
    ///
    /// ## How to fix
    /// Give the stage a log destination in `StageDescription.AccessLogSetting` (a CloudWatch Logs
    /// group, or a Firehose stream whose name starts with `amazon-apigateway-`), or declare the
    /// stage as an `AWS::ApiGateway::Stage` with its own `AccessLogSetting`:
    /// ```yaml
    /// # before
    /// Deployment:
    ///   Type: AWS::ApiGateway::Deployment
    ///   Properties:
    ///     RestApiId: !Ref Api
    ///     StageName: prod
    /// # after
    /// Deployment:
    ///   Type: AWS::ApiGateway::Deployment
    ///   Properties:
    ///     RestApiId: !Ref Api
    ///     StageName: prod
    ///     StageDescription:
    ///       AccessLogSetting:
    ///         DestinationArn: !GetAtt ApiAccessLogs.Arn
    ///         Format: '$context.requestId $context.identity.sourceIp $context.httpMethod $context.resourcePath $context.status'
    /// ```
    ///
    /// ## References
    /// - [AWS::ApiGateway::Deployment](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-deployment.html)
    /// - [AWS::ApiGateway::Deployment StageDescription](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigateway-deployment-stagedescription.html)
    /// - [Set up CloudWatch logging for REST APIs in API Gateway](https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html)
    /// - cfn_nag W45
    ///
    /// ## Unknown values
    /// When `StageDescription`, its `AccessLogSetting` or the `DestinationArn` is not known before
    /// deployment (a parameter without a value, an import), the rule reports an `info` finding
    /// naming the value. A `DestinationArn` that is `Fn::GetAtt` of a log group or an import
    /// counts as set.
    ApiGatewayDeploymentStageAccessLogging {
        code: "CFN8001",
        name: "apigateway-deployment-stage-access-logging-disabled",
        severity: Low,
        group: "serverless",
        summary: "API Gateway deployment creates a stage without access logging (`StageDescription.AccessLogSetting`)",
        types: ["AWS::ApiGateway::Deployment"],
        xrefs: [CfnNag("W45")],
    }
}

impl Rule for ApiGatewayDeploymentStageAccessLogging {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        if cx.prop("StageName").is_none() && cx.prop("StageDescription").is_none() {
            return;
        }
        let stage = stage_label(cx.prop("StageName"));
        let problem = format!("{stage} created by the deployment has no access logging");
        let question = format!("{stage} created by the deployment has access logging");
        let Some(desc) = cx.prop("StageDescription") else {
            hits.missing(
                "StageDescription",
                format!("{problem}: `StageDescription` is not set"),
            );
            return;
        };
        if is_unknown(desc) {
            hits.unknown(desc, &question);
            return;
        }
        let Some(setting) = desc.get("AccessLogSetting") else {
            hits.at(
                desc,
                format!("{problem}: `StageDescription` has no `AccessLogSetting`"),
            );
            return;
        };
        if is_unknown(setting) {
            hits.unknown(setting, &question);
            return;
        }
        match setting.get("DestinationArn") {
            None => hits.at(
                setting,
                format!("{problem}: `StageDescription.AccessLogSetting` has no `DestinationArn`"),
            ),
            Some(arn) => match is_set(cx, arn) {
                Tri::True => {}
                Tri::False => hits.at(
                    arn,
                    format!(
                        "{problem}: `StageDescription.AccessLogSetting.DestinationArn` is empty"
                    ),
                ),
                Tri::Unknown => hits.unknown(arn, &question),
            },
        }
    }
}
