use palisade_core::Severity;

use super::util::{condition_note, documents, Kind};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// The trust policy (`AssumeRolePolicyDocument`) of an `AWS::IAM::Role` with an `Allow`
    /// statement whose `Principal` is everyone: `"*"` or `{"AWS": "*"}`.
    ///
    /// Severity: **`critical`** when the statement has no `Condition`; `high` when it has one
    /// (the message names its keys): a condition such as `aws:PrincipalOrgID` or `sts:ExternalId`
    /// may limit who can assume the role, but the policy still relies on it alone.
    ///
    /// ## Why it matters
    /// Any IAM user or role in any AWS account can call `sts:AssumeRole` on this role and get its
    /// permissions. Role ARNs are easy to guess or find, so this is an open door into the account.
    ///
    /// ## How to fix
    /// Name the trusted principal (an account, a role, a service), and add `sts:ExternalId` for
    /// third parties:
    /// ```yaml
    /// # before
    /// Principal: {AWS: "*"}
    /// # after
    /// Principal: {AWS: arn:aws:iam::111122223333:role/Deployer}
    /// ```
    ///
    /// ## References
    /// - [IAM JSON policy elements: Principal (anonymous and all principals)](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous)
    /// - [The confused deputy problem](https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html)
    /// - checkov CKV_AWS_60
    ///
    /// ## Unknown values
    /// A `Principal` (or `AWS` principal value) that is not known before deployment and might be
    /// `*` gives an `info` finding naming it (`!GetAtt Role.Arn`, `!Ref AWS::AccountId` and ARNs
    /// built with `!Sub` are never `*`). So does an `Effect`, a statement or a trust policy that
    /// is not known.
    TrustPolicyAnyPrincipal {
        code: "CFN3008",
        name: "iam-trust-policy-any-principal",
        severity: Critical,
        group: "iam",
        summary: "role trust policy lets any principal (`Principal: *`) assume the role",
        types: ["AWS::IAM::Role"],
        xrefs: [Checkov("CKV_AWS_60")],
    }
}

impl Rule for TrustPolicyAnyPrincipal {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        for doc in documents(cx).iter().filter(|d| d.kind == Kind::Trust) {
            if doc.unreadable(hits, "lets any principal assume the role") {
                continue;
            }
            for st in &doc.policy.statements {
                let found = doc.star_principal(cx.template, st);
                let severity = st.has_condition().then_some(Severity::High);
                doc.report(
                    hits,
                    st,
                    found,
                    severity,
                    "lets any principal (`Principal: *`) assume the role",
                    &condition_note(st),
                );
            }
        }
    }
}
