use palisade_core::Severity;
use palisade_doc::Node;

use super::util::known_text;
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::encryption::util::missing_with;
use crate::value::{is_unknown, items};

declare_rule! {
    /// ## What it checks
    /// An API Gateway custom domain name that accepts TLS 1.0 clients:
    /// - an `AWS::ApiGateway::DomainName` whose `SecurityPolicy` is `TLS_1_0`, or is not set
    ///   (reported at `low`: API Gateway does not document the default for custom domains,
    ///   and its default endpoints for edge-optimized and Regional APIs use `TLS_1_0`; as in
    ///   cfn_nag, an explicit policy is required);
    /// - an `AWS::ApiGatewayV2::DomainName` with a `DomainNameConfigurations` item whose
    ///   `SecurityPolicy` is `TLS_1_0`.
    ///
    /// `TLS_1_2` and the enhanced policies, whose names start with `SecurityPolicy_` (such as
    /// `SecurityPolicy_TLS13_1_3_2025_09` or `SecurityPolicy_TLS13_1_2_2021_06`), require TLS
    /// 1.2 or later and pass.
    ///
    /// ## Why it matters
    /// The `TLS_1_0` policy accepts TLS 1.0 (and 1.1) handshakes and their older cipher suites.
    /// These protocol versions are deprecated (RFC 8996) and not allowed by PCI DSS; a client or
    /// an attacker in the path that negotiates them gets weaker protection for the API's
    /// tokens and data than TLS 1.2 provides.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// ApiDomain:
    ///   Type: AWS::ApiGateway::DomainName
    ///   Properties:
    ///     DomainName: api.example.com
    ///     RegionalCertificateArn: !Ref Certificate
    ///     EndpointConfiguration: {Types: [REGIONAL]}
    /// # after
    /// ApiDomain:
    ///   Type: AWS::ApiGateway::DomainName
    ///   Properties:
    ///     DomainName: api.example.com
    ///     RegionalCertificateArn: !Ref Certificate
    ///     EndpointConfiguration: {Types: [REGIONAL]}
    ///     SecurityPolicy: TLS_1_2
    /// ```
    ///
    /// ## References
    /// - [Choose a security policy for your custom domain in API Gateway](https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html)
    /// - [AWS::ApiGateway::DomainName](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-domainname.html) (`SecurityPolicy`)
    /// - [AWS::ApiGatewayV2::DomainName DomainNameConfiguration](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigatewayv2-domainname-domainnameconfiguration.html)
    /// - [apigateway-domain-name-tls-check](https://docs.aws.amazon.com/config/latest/developerguide/apigateway-domain-name-tls-check.html) (AWS Config rule, list of policy names)
    /// - cfn_nag W62
    ApiGatewayDomainAcceptsTls10 {
        code: "CFN6114",
        name: "apigw-domain-accepts-tls-1-0",
        severity: Medium,
        group: "network",
        summary: "API Gateway custom domain accepts TLS 1.0 (SecurityPolicy TLS_1_0 or not set)",
        types: ["AWS::ApiGateway::DomainName", "AWS::ApiGatewayV2::DomainName"],
        xrefs: [CfnNag("W62")],
    }
}

const QUESTION: &str = "the custom domain requires TLS 1.2";

/// Report a `SecurityPolicy` of `TLS_1_0`.
fn check_policy(policy: &Node, hits: &mut Hits) {
    match known_text(policy) {
        Err(n) => hits.unknown(n, QUESTION),
        Ok(t) if t.eq_ignore_ascii_case("TLS_1_0") => hits.at(
            policy,
            "custom domain accepts TLS 1.0 clients: `SecurityPolicy` is `TLS_1_0`",
        ),
        Ok(_) => {}
    }
}

impl Rule for ApiGatewayDomainAcceptsTls10 {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        if cx.resource.ty == "AWS::ApiGatewayV2::DomainName" {
            let Some(configs) = cx.prop("DomainNameConfigurations") else {
                return;
            };
            for config in items(configs) {
                if is_unknown(config) {
                    hits.unknown(config, QUESTION);
                } else if let Some(policy) = config.get("SecurityPolicy") {
                    check_policy(policy, hits);
                }
            }
            return;
        }
        match cx.prop("SecurityPolicy") {
            Some(policy) => check_policy(policy, hits),
            None => missing_with(
                cx,
                hits,
                "SecurityPolicy",
                Severity::Low,
                "custom domain does not set `SecurityPolicy`, so TLS 1.2 is not required".into(),
            ),
        }
    }
}
