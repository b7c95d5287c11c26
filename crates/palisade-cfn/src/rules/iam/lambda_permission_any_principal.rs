use palisade_core::Severity;

use super::util::{all_stars, join, may_be};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::text;

declare_rule! {
    /// ## What it checks
    /// An `AWS::Lambda::Permission` whose `Principal` is `"*"`.
    ///
    /// Severity: `high`; **`low`** when `SourceArn`, `SourceAccount` or `PrincipalOrgID` is set,
    /// which limits the callers to one resource, one account or one organization (the message
    /// says which). A public function URL (`FunctionUrlAuthType: NONE`) is reported at `high`: it
    /// may be intended, and then the finding documents it.
    ///
    /// ## Why it matters
    /// The permission adds a statement to the function's resource policy. With `Principal: "*"`
    /// any AWS account (and, for a function URL without IAM auth, anyone on the internet) can
    /// invoke the function: running its code with its role's permissions, running up its cost
    /// and reaching whatever it can reach.
    ///
    /// ## How to fix
    /// Name the caller (an account or a service principal) and pin the source:
    /// ```yaml
    /// # before
    /// Principal: "*"
    /// # after
    /// Principal: s3.amazonaws.com
    /// SourceArn: !GetAtt UploadBucket.Arn
    /// SourceAccount: !Ref AWS::AccountId
    /// ```
    ///
    /// ## References
    /// - [AWS::Lambda::Permission](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-permission.html)
    /// - [Working with resource-based IAM policies in Lambda](https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html)
    /// - cfn_nag F13; checkov CKV_AWS_364 (related: service principals without a source)
    ///
    /// ## Unknown values
    /// A `Principal` that is not known before deployment and might be `*` (a parameter without a
    /// value, an `Fn::ImportValue`) gives an `info` finding naming it; `!Ref AWS::AccountId`,
    /// `!GetAtt` and ARNs built with `!Sub` are never `*`.
    LambdaPermissionAnyPrincipal {
        code: "CFN3017",
        name: "lambda-permission-any-principal",
        severity: High,
        group: "iam",
        summary: "Lambda permission lets any principal (`Principal: *`) use the function",
        types: ["AWS::Lambda::Permission"],
        xrefs: [CfnNag("F13")],
    }
}

impl Rule for LambdaPermissionAnyPrincipal {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(principal) = cx.prop("Principal") else {
            return;
        };
        match text(principal) {
            Some(t) if t == "*" => {}
            Some(_) => return,
            None => {
                if may_be(cx.template, principal, &all_stars) {
                    hits.unknown(principal, "`Principal` is `*`");
                }
                return;
            }
        }
        let action = cx
            .prop("Action")
            .and_then(text)
            .map_or_else(|| "its action".to_owned(), |a| format!("`{a}`"));
        let limits: Vec<String> = ["SourceArn", "SourceAccount", "PrincipalOrgID"]
            .iter()
            .filter(|k| cx.prop(k).is_some())
            .map(|k| format!("`{k}`"))
            .collect();
        if !limits.is_empty() {
            hits.at_severity(
                principal,
                Severity::Low,
                format!(
                    "permission lets any principal (`Principal: *`) use {action} on the function, limited by {}",
                    join(&limits)
                ),
            );
            return;
        }
        let public_url = cx
            .prop("FunctionUrlAuthType")
            .and_then(text)
            .is_some_and(|t| t == "NONE");
        let note = if public_url {
            " (a public function URL: `FunctionUrlAuthType: NONE`)"
        } else {
            ""
        };
        hits.at(
            principal,
            format!(
                "permission lets any principal (`Principal: *`) use {action} on the function{note}"
            ),
        );
    }
}
