use super::util::{companion, unknown_here, Companion};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// An `AWS::AppSync::GraphQLApi` that no `AWS::WAFv2::WebACLAssociation` in the template
    /// protects: no association has a `ResourceArn` referring to the API (`!Ref Api` or
    /// `!GetAtt Api.Arn`, both the API's ARN, or a `${Api...}` placeholder).
    ///
    /// ## Why it matters
    /// A GraphQL endpoint answers arbitrary queries from anyone who can reach it, with the API
    /// key, token or IAM signature it requires. Without a web ACL nothing limits request rates,
    /// query size or known attack patterns before they reach resolvers and the data sources
    /// behind them: a scraper, a credential-stuffing run or a costly nested query goes straight
    /// through. AWS WAF can protect AppSync APIs directly.
    ///
    /// ## How to fix
    /// Associate a WAFv2 web ACL (scope `REGIONAL`) with the API:
    /// ```yaml
    /// # before
    /// Api:
    ///   Type: AWS::AppSync::GraphQLApi
    ///   Properties: {Name: orders, AuthenticationType: AMAZON_COGNITO_USER_POOLS}
    /// # after
    /// Api:
    ///   Type: AWS::AppSync::GraphQLApi
    ///   Properties: {Name: orders, AuthenticationType: AMAZON_COGNITO_USER_POOLS}
    /// ApiWaf:
    ///   Type: AWS::WAFv2::WebACLAssociation
    ///   Properties:
    ///     ResourceArn: !GetAtt Api.Arn
    ///     WebACLArn: !GetAtt RegionalWebAcl.Arn
    /// ```
    ///
    /// ## References
    /// - [Using AWS WAF to protect AWS AppSync APIs](https://docs.aws.amazon.com/appsync/latest/devguide/WAF-Integration.html)
    /// - [AWS::WAFv2::WebACLAssociation](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-wafv2-webaclassociation.html)
    /// - checkov CKV2_AWS_33
    ///
    /// ## Unknown values
    /// When an association refers to the API in only one branch of an undecided `Fn::If`, or
    /// exists only under a condition the scenario does not decide, the rule reports an `info`
    /// finding on the API. Associations made outside the template (another stack, AWS Firewall
    /// Manager) cannot be seen: suppress the finding for such APIs.
    AppSyncApiWithoutWaf {
        code: "CFN6110",
        name: "appsync-api-without-waf",
        severity: Medium,
        group: "network",
        summary: "AppSync GraphQL API has no WAFv2 web ACL association",
        types: ["AWS::AppSync::GraphQLApi"],
        xrefs: [Checkov("CKV2_AWS_33")],
    }
}

impl Rule for AppSyncApiWithoutWaf {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        match companion(
            cx,
            "AWS::WAFv2::WebACLAssociation",
            "ResourceArn",
            &|_, _| Ok(true),
        ) {
            Companion::Found => {}
            Companion::Missing => hits.resource(
                "GraphQL API is not protected by AWS WAF: no `AWS::WAFv2::WebACLAssociation` refers to it",
            ),
            Companion::Maybe(why) => {
                unknown_here(cx, hits, "the GraphQL API is protected by AWS WAF", &why);
            }
        }
    }
}
