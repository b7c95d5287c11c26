use super::util::{all_stars, condition_note, documents, value_at, Found, Kind};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// The trust policy (`AssumeRolePolicyDocument`) of an `AWS::IAM::Role` with an `Allow`
    /// statement whose `Action` is `*` instead of the assume-role action the trusted principal
    /// needs (`sts:AssumeRole`, `sts:AssumeRoleWithWebIdentity`, `sts:AssumeRoleWithSAML`,
    /// `sts:TagSession`, `sts:SetSourceIdentity`). `sts:*` counts too: in a trust policy only
    /// STS actions apply, so it grants exactly what `*` grants.
    ///
    /// ## Why it matters
    /// A trust policy decides who may become the role and how. `Action: *` lets the trusted
    /// principals use every way of assuming it, including session tagging and source-identity
    /// setting, which can defeat attribute-based access control and audit trails; it is also a
    /// sign that the statement was not written with care.
    ///
    /// ## How to fix
    /// Allow only the assume-role action the principal uses:
    /// ```yaml
    /// # before
    /// AssumeRolePolicyDocument:
    ///   Statement:
    ///     - Effect: Allow
    ///       Principal: {Service: lambda.amazonaws.com}
    ///       Action: "*"
    /// # after
    /// AssumeRolePolicyDocument:
    ///   Statement:
    ///     - Effect: Allow
    ///       Principal: {Service: lambda.amazonaws.com}
    ///       Action: sts:AssumeRole
    /// ```
    ///
    /// ## References
    /// - [Role trust policies](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html)
    /// - [AWS::IAM::Role AssumeRolePolicyDocument](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-role.html)
    /// - cfn_nag F2; checkov CKV_AWS_60 (related: any principal)
    ///
    /// ## Unknown values
    /// An `Action` value that is not known before deployment and might be `*` gives an `info`
    /// finding naming it; so does an `Effect`, a statement or a trust policy that is not known.
    TrustPolicyAllowsAllActions {
        code: "CFN3007",
        name: "iam-trust-policy-allows-all-actions",
        severity: High,
        group: "iam",
        summary: "role trust policy allows every action (`Action: *`) instead of an assume-role action",
        types: ["AWS::IAM::Role"],
        xrefs: [CfnNag("F2")],
    }
}

impl Rule for TrustPolicyAllowsAllActions {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        for doc in documents(cx).iter().filter(|d| d.kind == Kind::Trust) {
            if doc.unreadable(hits, "allows every action (`Action: *`)") {
                continue;
            }
            for st in &doc.policy.statements {
                let found = doc.action_where(cx.template, st, &every_sts_action);
                let shown = match found {
                    Found::Yes(span) => value_at(st.action.as_ref(), span).unwrap_or("*"),
                    _ => "*",
                };
                doc.report(
                    hits,
                    st,
                    found,
                    None,
                    &format!("allows every action (`Action: {shown}`)"),
                    &condition_note(st),
                );
            }
        }
    }
}

/// `*`, `*:*` or `sts:*`: in a trust policy, every action that applies.
fn every_sts_action(pattern: &str) -> bool {
    match pattern.split_once(':') {
        None => all_stars(pattern),
        Some((service, name)) => {
            (all_stars(service) || service.eq_ignore_ascii_case("sts")) && all_stars(name)
        }
    }
}
