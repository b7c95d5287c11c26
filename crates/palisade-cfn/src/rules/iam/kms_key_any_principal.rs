use palisade_core::Severity;

use super::util::{condition_note, documents, join, restricting_keys};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// The `KeyPolicy` of an `AWS::KMS::Key` with an `Allow` statement whose `Principal` is
    /// `"*"` or `{"AWS": "*"}`.
    ///
    /// Severity: **`critical`** without a `Condition`. `low` when a condition limits the callers
    /// (a positive operator, not `...IfExists`/`ForAllValues:`, on `kms:CallerAccount`,
    /// `aws:PrincipalAccount`, `aws:PrincipalOrgID`, `aws:PrincipalArn`, `aws:SourceAccount`,
    /// `aws:SourceArn`, `aws:SourceVpce`, `aws:SourceVpc`, `aws:SourceIp` and the other
    /// caller-pinning keys listed for CFN3013, with no value matching everything): this is the
    /// shape AWS documents for keys shared through a service, e.g. `kms:CallerAccount` with
    /// `kms:ViaService`. `high` with any other condition (named in the message).
    ///
    /// ## Why it matters
    /// A key policy is the root of access to a KMS key: with `Principal: "*"` any AWS account can
    /// use the key to decrypt the data it protects (and, depending on the actions, re-encrypt,
    /// schedule its deletion or change its policy), without any IAM policy on their side.
    ///
    /// ## How to fix
    /// Name the principals, typically the account root (which delegates to IAM policies) and the
    /// roles that use the key:
    /// ```yaml
    /// # before
    /// - Effect: Allow
    ///   Principal: "*"
    ///   Action: kms:Decrypt
    ///   Resource: "*"
    /// # after
    /// - Effect: Allow
    ///   Principal: {AWS: !GetAtt AppRole.Arn}
    ///   Action: kms:Decrypt
    ///   Resource: "*"
    /// ```
    ///
    /// ## References
    /// - [Key policies in AWS KMS](https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html)
    /// - [AWS KMS condition keys: kms:CallerAccount, kms:ViaService](https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html)
    /// - cfn_nag F76; checkov CKV_AWS_33
    ///
    /// ## Unknown values
    /// A `Principal` (or `AWS` principal value) that is not known before deployment and might be
    /// `*` gives an `info` finding naming it; so does an `Effect`, a statement or a key policy
    /// that is not known. Condition values that are not known count as restricting.
    KmsKeyPolicyAnyPrincipal {
        code: "CFN3015",
        name: "kms-key-policy-allows-any-principal",
        severity: Critical,
        group: "iam",
        summary: "KMS key policy allows any principal (`Principal: *`)",
        types: ["AWS::KMS::Key"],
        xrefs: [CfnNag("F76"), Checkov("CKV_AWS_33")],
    }
}

impl Rule for KmsKeyPolicyAnyPrincipal {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        for doc in &documents(cx) {
            if doc.unreadable(hits, "allows any principal (`Principal: *`)") {
                continue;
            }
            for st in &doc.policy.statements {
                let found = doc.star_principal(cx.template, st);
                let keys = restricting_keys(st);
                if !keys.is_empty() {
                    let quoted: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
                    let note = format!(", limited by a condition on {}", join(&quoted));
                    doc.report(
                        hits,
                        st,
                        found,
                        Some(Severity::Low),
                        "allows any principal (`Principal: *`) to use the key",
                        &note,
                    );
                } else {
                    let severity = st.has_condition().then_some(Severity::High);
                    doc.report(
                        hits,
                        st,
                        found,
                        severity,
                        "allows any principal (`Principal: *`) to use the key",
                        &condition_note(st),
                    );
                }
            }
        }
    }
}
