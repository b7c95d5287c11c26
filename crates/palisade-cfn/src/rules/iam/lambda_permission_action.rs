use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, text};

declare_rule! {
    /// ## What it checks
    /// An `AWS::Lambda::Permission` whose `Action` is anything other than
    /// `lambda:InvokeFunction` or `lambda:InvokeFunctionUrl` (compared case-insensitively), for
    /// example `lambda:*`, `*`, `lambda:UpdateFunctionCode` or `lambda:GetFunction`.
    ///
    /// ## Why it matters
    /// A permission exists so that a caller can invoke the function. Any other action lets the
    /// caller read the function's code and environment variables (`lambda:GetFunction`), replace
    /// its code (`lambda:UpdateFunctionCode`) and so run code with its role, or delete it.
    ///
    /// ## How to fix
    /// Grant only invocation:
    /// ```yaml
    /// # before
    /// Action: lambda:*
    /// # after
    /// Action: lambda:InvokeFunction
    /// ```
    ///
    /// ## References
    /// - [AWS::Lambda::Permission](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-permission.html)
    /// - [Actions, resources, and condition keys for AWS Lambda](https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html)
    /// - cfn_nag W24
    ///
    /// ## Unknown values
    /// An `Action` that is not known before deployment gives an `info` finding naming it.
    LambdaPermissionNonInvokeAction {
        code: "CFN3019",
        name: "lambda-permission-non-invoke-action",
        severity: Low,
        group: "iam",
        summary: "Lambda permission grants an action other than `lambda:InvokeFunction`/`lambda:InvokeFunctionUrl`",
        types: ["AWS::Lambda::Permission"],
        xrefs: [CfnNag("W24")],
    }
}

impl Rule for LambdaPermissionNonInvokeAction {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(action) = cx.prop("Action") else {
            return;
        };
        if is_unknown(action) {
            hits.unknown(
                action,
                "`Action` is `lambda:InvokeFunction` or `lambda:InvokeFunctionUrl`",
            );
            return;
        }
        let Some(a) = text(action) else {
            return;
        };
        let invoke = a.eq_ignore_ascii_case("lambda:InvokeFunction")
            || a.eq_ignore_ascii_case("lambda:InvokeFunctionUrl");
        if !invoke {
            hits.at(
                action,
                format!("permission grants `{a}`, not `lambda:InvokeFunction` or `lambda:InvokeFunctionUrl`"),
            );
        }
    }
}
