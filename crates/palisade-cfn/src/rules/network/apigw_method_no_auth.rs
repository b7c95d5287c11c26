use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, text, truth, Tri};

declare_rule! {
    /// ## What it checks
    /// An `AWS::ApiGateway::Method` that anyone can call: `AuthorizationType` is `NONE` or
    /// absent (it defaults to `NONE`) and `ApiKeyRequired` is not `true`. Methods with
    /// `HttpMethod: OPTIONS` are not reported: CORS preflight requests are sent by browsers
    /// without credentials and must be answered unauthenticated.
    ///
    /// ## Why it matters
    /// Without an authorizer (`AWS_IAM`, `COGNITO_USER_POOLS`, `CUSTOM` Lambda authorizer) or
    /// at least an API key, every caller on the internet can invoke the integration behind
    /// the method: read or change data, run the Lambda function, and run up its cost. API keys
    /// are not an authentication mechanism (they identify usage plans and are easily leaked),
    /// but they do stop anonymous calls, so a method that requires one is not reported.
    ///
    /// A method that is public on purpose (a login endpoint, a public read-only resource), or
    /// an API protected by a resource policy or private endpoint, should be suppressed with a
    /// reason.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// GetOrders:
    ///   Type: AWS::ApiGateway::Method
    ///   Properties:
    ///     HttpMethod: GET
    ///     AuthorizationType: NONE
    /// # after
    /// GetOrders:
    ///   Type: AWS::ApiGateway::Method
    ///   Properties:
    ///     HttpMethod: GET
    ///     AuthorizationType: COGNITO_USER_POOLS
    ///     AuthorizerId: !Ref UserPoolAuthorizer
    /// ```
    ///
    /// ## References
    /// - [Control and manage access to REST APIs in API Gateway](https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html)
    /// - [AWS::ApiGateway::Method](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-method.html)
    /// - cfn_nag W59; checkov CKV_AWS_59
    ApiGatewayMethodNoAuth {
        code: "CFN6006",
        name: "apigateway-method-unauthenticated",
        severity: Medium,
        group: "network",
        summary: "API Gateway method has no authorization (AuthorizationType NONE) and no API key",
        types: ["AWS::ApiGateway::Method"],
        xrefs: [CfnNag("W59"), Checkov("CKV_AWS_59")],
    }
}

impl Rule for ApiGatewayMethodNoAuth {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let auth = cx.prop("AuthorizationType");
        if let Some(a) = auth {
            if is_unknown(a) {
                hits.unknown(a, "the method requires authorization");
                return;
            }
            if !text(a).is_some_and(|t| t.eq_ignore_ascii_case("NONE")) {
                return;
            }
        }
        if let Some(k) = cx.prop("ApiKeyRequired") {
            match truth(k) {
                Tri::True => return,
                Tri::False => {}
                Tri::Unknown => {
                    hits.unknown(k, "the method requires an API key");
                    return;
                }
            }
        }
        if let Some(m) = cx.prop("HttpMethod") {
            if is_unknown(m) {
                hits.unknown(
                    m,
                    "the unauthenticated method is an `OPTIONS` (CORS preflight) method",
                );
                return;
            }
            if text(m).is_some_and(|t| t.eq_ignore_ascii_case("OPTIONS")) {
                return;
            }
        }
        match auth {
            Some(a) => hits.at(
                a,
                "method can be called by anyone: `AuthorizationType` is `NONE` and no API key is required",
            ),
            None => hits.missing(
                "AuthorizationType",
                "method can be called by anyone: `AuthorizationType` is not set (default `NONE`) and no API key is required",
            ),
        }
    }
}
