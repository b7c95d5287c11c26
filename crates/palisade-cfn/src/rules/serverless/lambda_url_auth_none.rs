use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, text};

use super::util::is_sam_function;

declare_rule! {
    /// ## What it checks
    /// A Lambda function URL without authentication: an `AWS::Lambda::Url` whose `AuthType` is
    /// `NONE`, or a SAM `AWS::Serverless::Function` whose `FunctionUrlConfig.AuthType` is `NONE`.
    /// `AWS_IAM` passes.
    ///
    /// With `NONE`, Lambda does not check who calls the URL; the function's resource-based
    /// policy must also allow `lambda:InvokeFunctionUrl` to everyone (`Principal: "*"`,
    /// `FunctionUrlAuthType: NONE`), which SAM adds for you. The rule reports the URL whatever
    /// the policy says, as checkov CKV_AWS_258 does: `NONE` states the intent to be public.
    ///
    /// ## Why it matters
    /// The URL is an HTTPS endpoint on the internet. Anyone who finds it can invoke the
    /// function as often as they like, with any input: read whatever the function returns,
    /// trigger whatever it writes or calls with its role, and run up its cost. Unless the
    /// function authenticates callers itself (a verified webhook signature, a token it checks),
    /// it is open to the world.
    ///
    /// ## How to fix
    /// Use IAM authorization (callers sign requests with SigV4), or put the function behind API
    /// Gateway or CloudFront with an authorizer:
    /// ```yaml
    /// # before
    /// WorkerUrl:
    ///   Type: AWS::Lambda::Url
    ///   Properties:
    ///     TargetFunctionArn: !GetAtt Worker.Arn
    ///     AuthType: NONE
    /// # after
    /// WorkerUrl:
    ///   Type: AWS::Lambda::Url
    ///   Properties:
    ///     TargetFunctionArn: !GetAtt Worker.Arn
    ///     AuthType: AWS_IAM
    /// ```
    /// If the URL must be public, verify every request in the function and suppress the rule
    /// with the reason.
    ///
    /// ## References
    /// - [Control access to Lambda function URLs](https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html)
    /// - [AWS::Lambda::Url](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-url.html)
    /// - [AWS SAM FunctionUrlConfig](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-functionurlconfig.html)
    /// - checkov CKV_AWS_258
    LambdaUrlWithoutAuth {
        code: "CFN8012",
        name: "lambda-function-url-without-auth",
        severity: High,
        group: "serverless",
        summary: "Lambda function URL allows unauthenticated calls (`AuthType: NONE`)",
        types: ["AWS::Lambda::Url", "AWS::Serverless::Function"],
        xrefs: [Checkov("CKV_AWS_258")],
    }
}

impl Rule for LambdaUrlWithoutAuth {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let (base, path) = if is_sam_function(cx) {
            let Some(config) = cx.prop("FunctionUrlConfig") else {
                return;
            };
            if is_unknown(config) {
                hits.unknown(config, "the function URL requires authentication");
                return;
            }
            (config, "FunctionUrlConfig.AuthType")
        } else {
            (cx.props, "AuthType")
        };
        let Some(auth) = base.get("AuthType") else {
            return;
        };
        match text(auth) {
            Some(t) if t.trim().eq_ignore_ascii_case("NONE") => hits.at(
                auth,
                format!(
                    "function URL allows unauthenticated calls from anyone: `{path}` is `NONE`"
                ),
            ),
            Some(_) => {}
            None => {
                if is_unknown(auth) {
                    hits.unknown(auth, "the function URL requires authentication");
                }
            }
        }
    }
}
