use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::encryption::util::require_true;

use super::util::stage_label;

declare_rule! {
    /// ## What it checks
    /// An `AWS::ApiGateway::Stage` or SAM `AWS::Serverless::Api` whose `TracingEnabled` is
    /// absent or `false`: API Gateway does not send traces of the stage's requests to AWS X-Ray
    /// (the default is off).
    ///
    /// This is a hygiene check, not a security finding: it is reported at `low` and the whole
    /// group can be turned off with `--ignore hygiene`.
    ///
    /// ## Why it matters
    /// X-Ray traces follow a request from API Gateway through the integration (Lambda, HTTP
    /// backend, AWS service) and show where it was slow or failed. Without them, latency and
    /// error investigations rely on logs alone. Tracing has a cost per trace recorded; sample
    /// rules control it.
    ///
    /// ## How to fix
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
    ///     TracingEnabled: true
    /// ```
    /// For a SAM API, set `TracingEnabled: true` on the `AWS::Serverless::Api` (or in
    /// `Globals.Api`).
    ///
    /// ## References
    /// - [AWS::ApiGateway::Stage](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-stage.html)
    /// - [Trace user requests to REST APIs using X-Ray in API Gateway](https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-xray.html)
    /// - [AWS SAM AWS::Serverless::Api](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html)
    /// - checkov CKV_AWS_73
    ApiGatewayXrayTracingDisabled {
        code: "CFN8004",
        name: "apigateway-xray-tracing-disabled",
        severity: Low,
        group: "hygiene",
        summary: "API Gateway REST API stage does not trace requests with X-Ray (`TracingEnabled`)",
        types: ["AWS::ApiGateway::Stage", "AWS::Serverless::Api"],
        xrefs: [Checkov("CKV_AWS_73")],
    }
}

impl Rule for ApiGatewayXrayTracingDisabled {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let problem = format!(
            "{} does not trace requests with X-Ray",
            stage_label(cx.prop("StageName"))
        );
        require_true(cx, hits, "TracingEnabled", &problem);
    }
}
