use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::encryption::util::require_true;

use super::util::stage_label;

declare_rule! {
    /// ## What it checks
    /// An `AWS::ApiGateway::Stage` or SAM `AWS::Serverless::Api` whose `CacheClusterEnabled` is
    /// absent or `false`: the stage has no cache cluster, so every request reaches the backend
    /// (the default is no cache).
    ///
    /// This is a hygiene check, not a security finding: it is reported at `low` and the whole
    /// group can be turned off with `--ignore hygiene`. Many APIs should not cache (responses
    /// that are per user, or change on every call); suppress the rule for those.
    ///
    /// ## Why it matters
    /// A stage cache answers repeated requests from API Gateway for the cache TTL, which lowers
    /// latency and the load (and cost) on the backend, and absorbs bursts of identical reads.
    /// A cache cluster has an hourly cost by size; method settings choose what is cached, and
    /// `CacheDataEncrypted` (CFN8003) should be set with it.
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
    ///     CacheClusterEnabled: true
    ///     CacheClusterSize: '0.5'
    ///     MethodSettings:
    ///       - ResourcePath: /*
    ///         HttpMethod: GET
    ///         CachingEnabled: true
    ///         CacheDataEncrypted: true
    /// ```
    ///
    /// ## References
    /// - [AWS::ApiGateway::Stage](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-stage.html)
    /// - [Cache settings for REST APIs in API Gateway](https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html)
    /// - [AWS SAM AWS::Serverless::Api](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-api.html)
    /// - checkov CKV_AWS_120
    ApiGatewayCachingDisabled {
        code: "CFN8005",
        name: "apigateway-caching-disabled",
        severity: Low,
        group: "hygiene",
        summary: "API Gateway REST API stage has no cache cluster (`CacheClusterEnabled`)",
        types: ["AWS::ApiGateway::Stage", "AWS::Serverless::Api"],
        xrefs: [Checkov("CKV_AWS_120")],
    }
}

impl Rule for ApiGatewayCachingDisabled {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let problem = format!("{} has no cache cluster", stage_label(cx.prop("StageName")));
        require_true(cx, hits, "CacheClusterEnabled", &problem);
    }
}
