use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::{is_unknown, items};

declare_rule! {
    /// ## What it checks
    /// Permissions given straight to IAM users instead of through groups:
    /// - an `AWS::IAM::User` with inline `Policies` or with `ManagedPolicyArns`;
    /// - an `AWS::IAM::Policy` or `AWS::IAM::ManagedPolicy` whose `Users` list is not empty;
    /// - an `AWS::IAM::UserPolicy` (an inline policy of one user).
    ///
    /// ## Why it matters
    /// Permissions scattered over individual users are hard to review and are forgotten when
    /// people change jobs or leave; they accumulate until a user holds far more than anyone
    /// intended. Granting through groups (or, better, roles) keeps one place per job function.
    ///
    /// ## How to fix
    /// Put the policy on a group and add the user to it:
    /// ```yaml
    /// # before
    /// DeployPolicy:
    ///   Type: AWS::IAM::ManagedPolicy
    ///   Properties:
    ///     Users: [!Ref Alice]
    ///     PolicyDocument: {...}
    /// # after
    /// DeployPolicy:
    ///   Type: AWS::IAM::ManagedPolicy
    ///   Properties:
    ///     Groups: [!Ref Deployers]
    ///     PolicyDocument: {...}
    /// ```
    ///
    /// ## References
    /// - [Security best practices in IAM](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html)
    /// - [IAM user groups](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html)
    /// - cfn_nag F10 (user inline policies), F11 (policy on users), F12 (managed policy on users); checkov CKV_AWS_40; CIS AWS Foundations 1.15
    ///
    /// ## Unknown values
    /// When `Policies`, `ManagedPolicyArns` or `Users` is not known before deployment (for
    /// example a list parameter without a value), the rule reports an `info` finding naming it.
    PolicyAttachedToUser {
        code: "CFN3011",
        name: "iam-policy-attached-to-user",
        severity: Low,
        group: "iam",
        summary: "IAM policy is attached directly to a user instead of a group",
        types: [
            "AWS::IAM::User",
            "AWS::IAM::Policy",
            "AWS::IAM::ManagedPolicy",
            "AWS::IAM::UserPolicy",
        ],
        xrefs: [
            CfnNag("F10"),
            CfnNag("F11"),
            CfnNag("F12"),
            Checkov("CKV_AWS_40"),
            Cis("1.15"),
        ],
    }
}

/// Report a list property that is known to be non-empty; unknown when it is not known.
fn non_empty(cx: &ResourceCx<'_>, hits: &mut Hits, key: &str, message: &str, question: &str) {
    let Some(list) = cx.prop(key) else {
        return;
    };
    if is_unknown(list) {
        hits.unknown(list, question);
    } else if !items(list).is_empty() {
        hits.at(list, message);
    }
}

impl Rule for PolicyAttachedToUser {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        match cx.resource.ty {
            "AWS::IAM::User" => {
                non_empty(
                    cx,
                    hits,
                    "Policies",
                    "user has inline `Policies`: permissions are attached to the user, not a group",
                    "the user has inline `Policies`",
                );
                non_empty(
                    cx,
                    hits,
                    "ManagedPolicyArns",
                    "user has `ManagedPolicyArns`: policies are attached to the user, not a group",
                    "the user has `ManagedPolicyArns`",
                );
            }
            "AWS::IAM::UserPolicy" => {
                hits.resource("inline policy is attached directly to a user, not a group");
            }
            _ => non_empty(
                cx,
                hits,
                "Users",
                "policy is attached directly to users (`Users`), not a group",
                "the policy is attached to users",
            ),
        }
    }
}
