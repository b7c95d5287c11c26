use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, items, text};

use super::util::{is_sam_function, loose_text, only_placeholders};

declare_rule! {
    /// ## What it checks
    /// A Lambda function URL whose CORS configuration allows every origin: `Cors.AllowOrigins`
    /// of an `AWS::Lambda::Url`, or `FunctionUrlConfig.Cors.AllowOrigins` of a SAM
    /// `AWS::Serverless::Function`, contains `*`. Function URLs accept either specific origins
    /// (`https://app.example.com`) or `*` for all.
    ///
    /// checkov CKV2_AWS_75 fails only when both `AllowOrigins` and `AllowMethods` contain `*`,
    /// and only for a URL attached to a function of the template; we report any `*` origin,
    /// because the methods do not limit which sites may read the responses.
    ///
    /// ## Why it matters
    /// CORS decides which web pages a browser lets read the URL's responses. With `*`, any site
    /// a user visits can call the function from the user's browser and read what it returns,
    /// including from inside a network the attacker cannot reach. Combined with a function that
    /// trusts its callers (an internal tool, IP-based checks, a token kept in the page), this
    /// leaks data to third-party sites.
    ///
    /// ## How to fix
    /// List the origins of your own front ends:
    /// ```yaml
    /// # before
    /// WorkerUrl:
    ///   Type: AWS::Lambda::Url
    ///   Properties:
    ///     TargetFunctionArn: !GetAtt Worker.Arn
    ///     AuthType: AWS_IAM
    ///     Cors:
    ///       AllowOrigins: ['*']
    /// # after
    ///     Cors:
    ///       AllowOrigins: [https://app.example.com]
    /// ```
    ///
    /// ## References
    /// - [AWS::Lambda::Url Cors](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-lambda-url-cors.html)
    /// - [Lambda function URLs: cross-origin resource sharing](https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html)
    /// - [AWS SAM FunctionUrlConfig](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-functionurlconfig.html)
    /// - checkov CKV2_AWS_75
    ///
    /// ## Unknown values
    /// When `AllowOrigins` (or one of its entries, or the `Cors` block) is not known before
    /// deployment, the rule reports an `info` finding naming the value. A list built from a
    /// `CommaDelimitedList` parameter with a value is checked item by item.
    LambdaUrlCorsAnyOrigin {
        code: "CFN8013",
        name: "lambda-function-url-cors-any-origin",
        severity: Low,
        group: "serverless",
        summary: "Lambda function URL's CORS allows every origin (`AllowOrigins: *`)",
        types: ["AWS::Lambda::Url", "AWS::Serverless::Function"],
        xrefs: [Checkov("CKV2_AWS_75")],
    }
}

impl Rule for LambdaUrlCorsAnyOrigin {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let (cors_path, base) = if is_sam_function(cx) {
            ("FunctionUrlConfig.Cors", cx.prop("FunctionUrlConfig"))
        } else {
            ("Cors", Some(cx.props))
        };
        let Some(base) = base else {
            return;
        };
        let question = "the function URL's CORS allows every origin";
        let cors = if is_sam_function(cx) {
            if is_unknown(base) {
                hits.unknown(base, question);
                return;
            }
            base.get("Cors")
        } else {
            base.get("Cors")
        };
        let Some(cors) = cors else {
            return;
        };
        if is_unknown(cors) {
            hits.unknown(cors, question);
            return;
        }
        let Some(origins) = cors.get("AllowOrigins") else {
            return;
        };
        if is_unknown(origins) {
            hits.unknown(origins, question);
            return;
        }
        for origin in items(origins) {
            match text(origin) {
                Some(t) if t.trim() == "*" => hits.at(
                    origin,
                    format!(
                        "function URL lets web pages of every origin read its responses: `{cors_path}.AllowOrigins` has `*`"
                    ),
                ),
                Some(_) => {}
                None => {
                    // `https://${Domain}` cannot be `*`; `${Origin}` alone may be anything.
                    let may_be_star = loose_text(origin).is_none_or(|s| only_placeholders(&s));
                    if is_unknown(origin) && may_be_star {
                        hits.unknown(origin, question);
                    }
                }
            }
        }
    }
}
