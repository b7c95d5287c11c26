use palisade_core::Severity;

use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::iam::util::{condition_note, join, restricting_keys, Doc, Kind};

declare_rule! {
    /// ## What it checks
    /// An `AWS::ECR::Repository` whose `RepositoryPolicyText` (a mapping or a JSON string) has
    /// an `Allow` statement with `Principal: "*"` (or `{"AWS": "*"}`).
    ///
    /// Severity: `high`. `low` when the statement has a condition that limits who can use the
    /// grant: a positive operator (not `...IfExists`, not `ForAllValues:`, not negated) on a
    /// caller-pinning key such as `aws:PrincipalOrgID`, `aws:PrincipalAccount`,
    /// `aws:PrincipalArn`, `aws:SourceAccount`, `aws:SourceArn` or `aws:SourceVpce`, with no
    /// value matching everything. Any other condition keeps `high` and is named in the message.
    ///
    /// checkov CKV_AWS_32 fails `Principal: "*"` unless the statement has
    /// `ForAllValues:StringEquals` on `aws:PrincipalOrgID`. `ForAllValues:` holds when the key is
    /// absent from the request, so this rule does not count that shape as a limit; it counts
    /// `StringEquals` on `aws:PrincipalOrgID` instead.
    ///
    /// ## Why it matters
    /// `Principal: "*"` in a repository policy is every AWS account: anyone can pull the
    /// images (and the code, configuration and secrets baked into them) and, with push actions,
    /// replace them with images of their own that the account's services will then run.
    ///
    /// ## How to fix
    /// Name the accounts or roles, or keep `*` only with a condition that pins the caller:
    /// ```yaml
    /// # before
    /// RepositoryPolicyText:
    ///   Version: "2012-10-17"
    ///   Statement:
    ///     - Effect: Allow
    ///       Principal: "*"
    ///       Action: [ecr:BatchGetImage, ecr:GetDownloadUrlForLayer]
    /// # after
    /// RepositoryPolicyText:
    ///   Version: "2012-10-17"
    ///   Statement:
    ///     - Effect: Allow
    ///       Principal: "*"
    ///       Action: [ecr:BatchGetImage, ecr:GetDownloadUrlForLayer]
    ///       Condition:
    ///         StringEquals:
    ///           aws:PrincipalOrgID: o-a1b2c3d4e5
    /// ```
    ///
    /// ## References
    /// - [Private repository policies in Amazon ECR](https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html)
    /// - [AWS global condition context keys](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html)
    /// - checkov CKV_AWS_32
    ///
    /// ## Unknown values
    /// A `Principal` (or `AWS` principal value) that is not known before deployment and might be
    /// `*` gives an `info` finding naming it; so does an `Effect`, a statement or a policy that
    /// is not known. Condition values that are not known count as restricting.
    EcrRepositoryPolicyPublic {
        code: "CFN8220",
        name: "ecr-repository-policy-allows-any-principal",
        severity: High,
        group: "containers",
        summary: "ECR repository policy allows any principal (`Principal: *`)",
        types: ["AWS::ECR::Repository"],
        xrefs: [Checkov("CKV_AWS_32")],
    }
}

const WHAT: &str = "allows any AWS principal (`Principal: *`) to use the repository";

impl Rule for EcrRepositoryPolicyPublic {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(text) = cx.prop("RepositoryPolicyText") else {
            return;
        };
        let doc = Doc::new(Kind::Resource, "the repository policy".into(), text);
        if doc.unreadable(hits, "allows any principal (`Principal: *`)") {
            return;
        }
        for st in &doc.policy.statements {
            let keys: Vec<String> = restricting_keys(st)
                .iter()
                .map(|k| format!("`{k}`"))
                .collect();
            let (severity, note) = if keys.is_empty() {
                (None, condition_note(st))
            } else {
                let note = format!(", limited by a condition on {}", join(&keys));
                (Some(Severity::Low), note)
            };
            let found = doc.star_principal(cx.template, st);
            doc.report(hits, st, found, severity, WHAT, &note);
        }
    }
}
