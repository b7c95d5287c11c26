use palisade_core::Severity;

use super::util::{condition_note, documents, Kind};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::iam::util::IDENTITY_POLICY_TYPES;

declare_rule! {
    /// ## What it checks
    /// Identity policies (the inline `Policies` of an `AWS::IAM::Role`, `AWS::IAM::User` or
    /// `AWS::IAM::Group`, the `PolicyDocument` of an `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy`,
    /// `AWS::IAM::RolePolicy`, `AWS::IAM::UserPolicy` or `AWS::IAM::GroupPolicy`) with an
    /// `Allow` statement whose `Action` is `*` (or `*:*`): every action of every AWS service.
    ///
    /// Severity: `high`; **`critical`** when the same statement also has `Resource: "*"`: that is
    /// full administrator access (what the AWS managed `AdministratorAccess` policy grants).
    /// A statement with a `Condition` is still reported; the message names the condition keys.
    /// Policies written as JSON strings are read too (findings then point at the string).
    ///
    /// SAM functions and state machines (`AWS::Serverless::Function`, `AWS::Serverless::StateMachine`)
    /// are checked natively: the inline policy documents of their `Policies` (SAM policy templates are not expanded), reported on the SAM resource.
    ///
    /// ## Why it matters
    /// An identity allowed every action can read every secret and every bucket, create access
    /// keys for other users, change its own permissions and delete the account's resources.
    /// Compromised credentials of such a role or user give an attacker the whole account, and
    /// least privilege is impossible to review when the grant is unbounded.
    ///
    /// ## How to fix
    /// List the actions the workload needs (use IAM Access Analyzer policy generation from
    /// CloudTrail activity) and scope `Resource` to the ARNs it touches:
    /// ```yaml
    /// # before
    /// - Effect: Allow
    ///   Action: "*"
    ///   Resource: "*"
    /// # after
    /// - Effect: Allow
    ///   Action: [s3:GetObject, s3:PutObject]
    ///   Resource: !Sub "${DataBucket.Arn}/*"
    /// ```
    ///
    /// ## References
    /// - [Security best practices in IAM: apply least-privilege permissions](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    /// - [IAM JSON policy elements: Action](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html)
    /// - cfn_nag F3 (role), F4 (policy), F5 (managed policy); checkov CKV_AWS_63, CKV_AWS_62 (with `Resource: *`)
    ///
    /// ## Unknown values
    /// An `Action` value that is not known before deployment (a parameter without a value, an
    /// `Fn::ImportValue`, a `Fn::Sub` that is only a placeholder) might be `*`: the rule reports
    /// an `info` finding naming it, never a silent pass or fail. So does an `Effect` that is not
    /// known, a whole document or statement that is not known, and a JSON string that only
    /// becomes JSON once its placeholders are filled in. An unknown `Resource` only leaves the
    /// severity at `high`.
    PolicyAllowsAllActions {
        code: "CFN3001",
        name: "iam-policy-allows-all-actions",
        severity: High,
        group: "iam",
        summary: "identity policy allows every action (`Action: *`); critical with `Resource: *` (full admin)",
        types: IDENTITY_POLICY_TYPES,
        xrefs: [
            CfnNag("F3"),
            CfnNag("F4"),
            CfnNag("F5"),
            Checkov("CKV_AWS_63"),
            Checkov("CKV_AWS_62"),
        ],
    }
}

impl Rule for PolicyAllowsAllActions {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        for doc in documents(cx).iter().filter(|d| d.kind == Kind::Identity) {
            if doc.unreadable(hits, "allows every action (`Action: *`)") {
                continue;
            }
            for st in &doc.policy.statements {
                let found = doc.star_action(cx.template, st);
                let (severity, what) = if st.has_wildcard_resource() {
                    (
                        Some(Severity::Critical),
                        "allows every action on every resource (`Action: *`, `Resource: *`): full administrator access",
                    )
                } else {
                    (None, "allows every action (`Action: *`)")
                };
                doc.report(hits, st, found, severity, what, &condition_note(st));
            }
        }
    }
}
