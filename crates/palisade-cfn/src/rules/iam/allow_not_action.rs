use super::util::{condition_note, documents, Found, Kind};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// An `Allow` statement with `NotAction` in any policy document: identity policies (inline
    /// `Policies` of roles, users and groups, `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy`,
    /// `AWS::IAM::RolePolicy`/`UserPolicy`/`GroupPolicy`), a role's trust policy
    /// (`AssumeRolePolicyDocument`) and resource policies (`AWS::S3::BucketPolicy`,
    /// `AWS::SQS::QueuePolicy`, `AWS::SNS::TopicPolicy`, `AWS::KMS::Key` `KeyPolicy`).
    ///
    /// ## Why it matters
    /// `Allow` + `NotAction` grants every action *except* the listed ones, including every action
    /// AWS adds later. `NotAction: iam:*` with `Resource: *` is administrator access minus IAM,
    /// which still reaches every secret and every piece of data. In a trust or resource policy it
    /// hands out far more than the author meant to.
    ///
    /// ## How to fix
    /// List the allowed actions with `Action`; use `NotAction` only with `Deny` (for example to
    /// deny everything but a few actions outside approved regions):
    /// ```yaml
    /// # before
    /// - Effect: Allow
    ///   NotAction: iam:*
    ///   Resource: "*"
    /// # after
    /// - Effect: Allow
    ///   Action: [dynamodb:GetItem, dynamodb:PutItem]
    ///   Resource: !GetAtt Table.Arn
    /// ```
    ///
    /// ## References
    /// - [IAM JSON policy elements: NotAction](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html)
    /// - cfn_nag W14 (trust policy), W15 (role), W16 (policy), W17 (managed policy), W18 (queue policy), W19 (topic policy), W20 (bucket policy)
    ///
    /// ## Unknown values
    /// `NotAction` is recognised by its key, whatever its values. When the statement's `Effect`,
    /// a statement or the whole document is not known before deployment, the rule reports an
    /// `info` finding naming the unresolved value.
    AllowWithNotAction {
        code: "CFN3003",
        name: "iam-allow-with-not-action",
        severity: Medium,
        group: "iam",
        summary: "policy statement combines `Allow` with `NotAction` (allows everything not listed)",
        types: [
            "AWS::IAM::Role",
            "AWS::IAM::User",
            "AWS::IAM::Group",
            "AWS::IAM::Policy",
            "AWS::IAM::ManagedPolicy",
            "AWS::IAM::RolePolicy",
            "AWS::IAM::UserPolicy",
            "AWS::IAM::GroupPolicy",
            "AWS::S3::BucketPolicy",
            "AWS::SQS::QueuePolicy",
            "AWS::SNS::TopicPolicy",
            "AWS::KMS::Key",
            "AWS::Serverless::Function",
            "AWS::Serverless::StateMachine",
        ],
        xrefs: [
            CfnNag("W14"),
            CfnNag("W15"),
            CfnNag("W16"),
            CfnNag("W17"),
            CfnNag("W18"),
            CfnNag("W19"),
            CfnNag("W20"),
        ],
    }
}

impl Rule for AllowWithNotAction {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        for doc in &documents(cx) {
            if doc.unreadable(hits, "combines `Allow` with `NotAction`") {
                continue;
            }
            for st in &doc.policy.statements {
                let Some(block) = st.action.as_ref().filter(|b| b.negated) else {
                    continue;
                };
                let what = if doc.kind == Kind::Trust {
                    format!(
                        "allows every action except {} (`Allow` with `NotAction`)",
                        doc.quoted_values(block)
                    )
                } else {
                    format!(
                        "allows every action except {} (`Allow` with `NotAction`), including actions added to AWS later",
                        doc.quoted_values(block)
                    )
                };
                doc.report(
                    hits,
                    st,
                    Found::Yes(block.span),
                    None,
                    &what,
                    &condition_note(st),
                );
            }
        }
    }
}
