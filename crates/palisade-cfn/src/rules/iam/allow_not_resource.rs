use super::util::{condition_note, documents, Found};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// An `Allow` statement with `NotResource` in an identity policy (inline `Policies` of roles,
    /// users and groups, `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy`,
    /// `AWS::IAM::RolePolicy`/`UserPolicy`/`GroupPolicy`) or a resource policy
    /// (`AWS::S3::BucketPolicy`, `AWS::SQS::QueuePolicy`, `AWS::SNS::TopicPolicy`,
    /// `AWS::KMS::Key` `KeyPolicy`).
    ///
    /// ## Why it matters
    /// `Allow` + `NotResource` applies the actions to every resource *except* the listed ones:
    /// every resource created later, in every service the actions cover, and (for identity
    /// policies) resources in other accounts that trust this one. A single forgotten ARN is
    /// enough to expose data.
    ///
    /// ## How to fix
    /// Name the allowed resources with `Resource`; keep `NotResource` for `Deny` statements:
    /// ```yaml
    /// # before
    /// - Effect: Allow
    ///   Action: s3:*
    ///   NotResource: arn:aws:s3:::audit-logs/*
    /// # after
    /// - Effect: Allow
    ///   Action: [s3:GetObject, s3:PutObject]
    ///   Resource: arn:aws:s3:::app-data/*
    /// ```
    ///
    /// ## References
    /// - [IAM JSON policy elements: NotResource](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html)
    /// - cfn_nag W21 (role), W22 (policy), W23 (managed policy)
    ///
    /// ## Unknown values
    /// `NotResource` is recognised by its key, whatever its values. When the statement's
    /// `Effect`, a statement or the whole document is not known before deployment, the rule
    /// reports an `info` finding naming the unresolved value.
    AllowWithNotResource {
        code: "CFN3004",
        name: "iam-allow-with-not-resource",
        severity: Medium,
        group: "iam",
        summary: "policy statement combines `Allow` with `NotResource` (allows every resource not listed)",
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
        xrefs: [CfnNag("W21"), CfnNag("W22"), CfnNag("W23")],
    }
}

impl Rule for AllowWithNotResource {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        for doc in &documents(cx) {
            if doc.unreadable(hits, "combines `Allow` with `NotResource`") {
                continue;
            }
            for st in &doc.policy.statements {
                let Some(block) = st.resource.as_ref().filter(|b| b.negated) else {
                    continue;
                };
                let what = format!(
                    "allows its actions on every resource except {} (`Allow` with `NotResource`)",
                    doc.quoted_values(block)
                );
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
