use palisade_core::{Severity, Span};
use palisade_iam::{
    glob_match, BaseOperator, CaseSensitivity, PolicyString, PrincipalKind, PrincipalValue,
    Statement,
};

use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::iam::util::{
    condition_note, documents, join, may_be, restricting_keys, Doc, Found, Kind,
};
use crate::template::Template;

declare_rule! {
    /// ## What it checks
    /// The trust policy (`AssumeRolePolicyDocument`) of an `AWS::IAM::Role` with an `Allow`
    /// statement whose `AWS` principal is a whole AWS account: a 12-digit account id
    /// (`"111122223333"`) or the account's root ARN (`arn:aws:iam::111122223333:root`, in any
    /// partition).
    ///
    /// Severity: `medium`; **`low`** when the statement requires an external id
    /// (`sts:ExternalId`) or has a condition that limits who can assume the role (a positive
    /// operator on `aws:PrincipalArn`, `aws:PrincipalOrgID`, `aws:SourceIp`, `aws:userid` and
    /// similar, without a value that matches everything).
    ///
    /// The role's own account written as `!Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"`
    /// is not reported: trusting the own account leaves the choice to the account's own IAM
    /// policies. A literal account id cannot be told apart from the own account and is
    /// reported. `Principal: "*"` and `{"AWS": "*"}` are CFN3008's.
    ///
    /// checkov's CKV_AWS_61 ("does not allow assume role permission across all services")
    /// fails on the same shape, a 12-digit id or `arn:aws:iam::<id>:root` as principal, but only
    /// looks at the first `AWS` entry of the first statement, and only when written as a list;
    /// we check every statement and every entry, and both forms.
    ///
    /// ## Why it matters
    /// Naming an account as the principal trusts every IAM user and role of that account
    /// whose own policies allow `sts:AssumeRole` on this role, now and in the future. Who
    /// that is gets decided by the administrators of the other account, not by this template:
    /// a compromised or over-privileged identity there becomes this role. For third parties
    /// without an external id, the role is also open to the confused deputy problem.
    ///
    /// ## How to fix
    /// Name the role (or user) that needs to assume this role, and require an external id for
    /// a third party:
    /// ```yaml
    /// # before
    /// Principal:
    ///   AWS: arn:aws:iam::111122223333:root
    /// # after
    /// Principal:
    ///   AWS: arn:aws:iam::111122223333:role/deployer
    /// Condition:
    ///   StringEquals:
    ///     sts:ExternalId: 6a0f4c51-3c1e-4b7e-9b5e-2f1c8a5d7e90
    /// ```
    ///
    /// ## References
    /// - [IAM JSON policy elements: Principal (AWS account principals)](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html)
    /// - [Access to AWS accounts owned by third parties (external id)](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html)
    /// - [The confused deputy problem](https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html)
    /// - checkov CKV_AWS_61
    ///
    /// ## Unknown values
    /// An `AWS` principal (or a whole `Principal`) that is not known before deployment and
    /// might be an account (a parameter without a value, an `Fn::ImportValue`, an `!Sub` such as
    /// `arn:aws:iam::${TrustedAccount}:root`) gives an `info` finding naming it. `!GetAtt
    /// Role.Arn` and ARNs built with `!Sub` that name a role or user are never an account and
    /// are not reported. So does an `Effect`, a statement or a trust policy that is not known.
    TrustPolicyWholeAccount {
        code: "CFN3104",
        name: "iam-trust-policy-trusts-whole-account",
        severity: Medium,
        group: "iam",
        summary: "role trust policy trusts a whole AWS account (account id or `:root` principal)",
        types: ["AWS::IAM::Role"],
        xrefs: [Checkov("CKV_AWS_61")],
    }
}

/// The account of a principal that is a whole account: `123456789012` or
/// `arn:<partition>:iam::123456789012:root`.
fn account_of(principal: &str) -> Option<&str> {
    let is_id = |s: &str| s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit());
    if is_id(principal) {
        return Some(principal);
    }
    let rest = principal.strip_prefix("arn:")?;
    let (_partition, rest) = rest.split_once(':')?;
    let account = rest.strip_prefix("iam::")?.strip_suffix(":root")?;
    is_id(account).then_some(account)
}

/// Whether an unresolved principal, read as a pattern, might be a whole account.
fn might_be_account(pattern: &str) -> bool {
    ["123456789012", "arn:aws:iam::123456789012:root"]
        .iter()
        .any(|sample| glob_match(pattern, sample, CaseSensitivity::Sensitive))
}

/// The first `AWS` principal of the statement that is a whole account (with its account), or
/// an unknown one that might be.
fn whole_account<'s>(
    doc: &Doc<'_>,
    tpl: &Template<'_>,
    st: &'s Statement,
) -> (Found, Option<&'s str>) {
    let Some(block) = st.principal.as_ref().filter(|p| !p.negated) else {
        return (Found::No, None);
    };
    let entries = match &block.value {
        PrincipalValue::Map(entries) => entries,
        PrincipalValue::Unknown => {
            let maybe = doc
                .node_at(block.span)
                .is_none_or(|n| may_be(tpl, n, &might_be_account));
            return (
                if maybe {
                    Found::Maybe(block.span)
                } else {
                    Found::No
                },
                None,
            );
        }
        PrincipalValue::Wildcard => return (Found::No, None),
    };
    let mut maybe: Option<Span> = None;
    for e in entries.iter().filter(|e| e.kind == PrincipalKind::Aws) {
        for v in &e.values {
            match v {
                PolicyString::Known { text, span } => {
                    if account_of(text).is_some() {
                        return (Found::Yes(*span), Some(text.as_str()));
                    }
                }
                PolicyString::Unknown { span } => {
                    if maybe.is_none()
                        && doc
                            .node_at(*span)
                            .is_none_or(|n| may_be(tpl, n, &might_be_account))
                    {
                        maybe = Some(*span);
                    }
                }
            }
        }
    }
    (maybe.map_or(Found::No, Found::Maybe), None)
}

/// Whether the statement requires an external id (a positive operator on `sts:ExternalId`).
fn requires_external_id(st: &Statement) -> bool {
    st.condition.as_ref().is_some_and(|c| {
        c.clauses.iter().any(|clause| {
            let op = &clause.operator.value;
            !op.base.is_negated()
                && !op.if_exists
                && !matches!(op.base, BaseOperator::Null | BaseOperator::Unknown(_))
                && clause
                    .entries
                    .iter()
                    .any(|e| e.key.value.eq_ignore_ascii_case("sts:ExternalId"))
        })
    })
}

impl Rule for TrustPolicyWholeAccount {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        for doc in documents(cx).iter().filter(|d| d.kind == Kind::Trust) {
            if doc.unreadable(hits, "trusts a whole AWS account") {
                continue;
            }
            for st in &doc.policy.statements {
                let (found, principal) = whole_account(doc, cx.template, st);
                let what = match principal.and_then(|p| account_of(p).map(|a| (p, a))) {
                    Some((p, a)) if p == a => format!(
                        "trusts every principal of account `{a}`: any of its users and roles allowed `sts:AssumeRole` can assume the role"
                    ),
                    Some((p, a)) => format!(
                        "trusts every principal of account `{a}` (`{p}`): any of its users and roles allowed `sts:AssumeRole` can assume the role"
                    ),
                    None => "trusts a whole AWS account".to_owned(),
                };
                let mut keys: Vec<String> = restricting_keys(st);
                if requires_external_id(st) {
                    keys.insert(0, "sts:ExternalId".to_owned());
                }
                if keys.is_empty() {
                    doc.report(hits, st, found, None, &what, &condition_note(st));
                } else {
                    let quoted: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
                    let note = format!(", limited by a condition on {}", join(&quoted));
                    doc.report(hits, st, found, Some(Severity::Low), &what, &note);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_account_principals() {
        assert_eq!(account_of("111122223333"), Some("111122223333"));
        assert_eq!(
            account_of("arn:aws-cn:iam::111122223333:root"),
            Some("111122223333")
        );
        assert_eq!(account_of("arn:aws:iam::111122223333:role/root"), None);
        assert_eq!(account_of("11112222333"), None);
        assert!(might_be_account("arn:aws:iam::*:root"));
        assert!(!might_be_account("arn:aws:iam::*:role/reader"));
    }
}
