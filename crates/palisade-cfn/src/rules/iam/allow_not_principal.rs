use super::util::{condition_note, documents, Found, Kind};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// An `Allow` statement with `NotPrincipal` in a role's trust policy
    /// (`AssumeRolePolicyDocument`) or a resource policy (`AWS::S3::BucketPolicy`,
    /// `AWS::SQS::QueuePolicy`, `AWS::SNS::TopicPolicy`, `AWS::KMS::Key` `KeyPolicy`).
    ///
    /// ## Why it matters
    /// `Allow` + `NotPrincipal` grants access to *every principal except* the listed ones:
    /// every AWS account in the world and, for services that allow it, anonymous callers. AWS
    /// advises against the combination; IAM Access Analyzer flags it as a security warning.
    ///
    /// ## How to fix
    /// Name the principals that need access with `Principal`. To keep everyone but a few
    /// principals out, use `Deny` with `Principal: "*"` and a condition on `aws:PrincipalArn`:
    /// ```yaml
    /// # before
    /// - Effect: Allow
    ///   NotPrincipal:
    ///     AWS: arn:aws:iam::111122223333:role/Blocked
    ///   Action: sqs:SendMessage
    ///   Resource: "*"
    /// # after
    /// - Effect: Allow
    ///   Principal:
    ///     AWS: arn:aws:iam::111122223333:role/Producer
    ///   Action: sqs:SendMessage
    ///   Resource: "*"
    /// ```
    ///
    /// ## References
    /// - [IAM JSON policy elements: NotPrincipal](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html)
    /// - cfn_nag F6 (trust policy), F7 (queue policy), F8 (topic policy), F9 (bucket policy)
    ///
    /// ## Unknown values
    /// `NotPrincipal` is recognised by its key, whatever its value. When the statement's `Effect`,
    /// a statement or the whole document is not known before deployment, the rule reports an
    /// `info` finding naming the unresolved value.
    AllowWithNotPrincipal {
        code: "CFN3005",
        name: "iam-allow-with-not-principal",
        severity: High,
        group: "iam",
        summary: "trust or resource policy combines `Allow` with `NotPrincipal` (allows everyone not listed)",
        types: [
            "AWS::IAM::Role",
            "AWS::S3::BucketPolicy",
            "AWS::SQS::QueuePolicy",
            "AWS::SNS::TopicPolicy",
            "AWS::KMS::Key",
        ],
        xrefs: [CfnNag("F6"), CfnNag("F7"), CfnNag("F8"), CfnNag("F9")],
    }
}

impl Rule for AllowWithNotPrincipal {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        for doc in documents(cx).iter().filter(|d| d.kind != Kind::Identity) {
            if doc.unreadable(hits, "combines `Allow` with `NotPrincipal`") {
                continue;
            }
            for st in &doc.policy.statements {
                let Some(block) = st.principal.as_ref().filter(|p| p.negated) else {
                    continue;
                };
                doc.report(
                    hits,
                    st,
                    Found::Yes(block.span),
                    None,
                    "allows every principal not named in `NotPrincipal` (`Allow` with `NotPrincipal`)",
                    &condition_note(st),
                );
            }
        }
    }
}
