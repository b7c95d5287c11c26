use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// Suppression entries in a resource's `Metadata` — Palisade's own
    /// (`palisade: {suppress: [{id, reason}]}`), cfn_nag's (`cfn_nag: {rules_to_suppress: [{id, reason}]}`)
    /// and checkov's (`checkov: {skip: [{id, comment}]}`) — that do nothing: a misspelt key
    /// (`rules_to_supress`), an id that names no rule, a Palisade suppression without a reason.
    ///
    /// ## Why it matters
    /// cfn_nag silently ignores a misspelt suppression, so a reviewer believes a finding was
    /// accepted deliberately while the tool never saw the suppression, or a typo hides nothing
    /// and nobody notices why the build still fails. Every suppression should be deliberate,
    /// explained and effective.
    ///
    /// ## How to fix
    /// Correct the key or id, and give a reason:
    /// ```yaml
    /// # before
    /// Metadata:
    ///   cfn_nag:
    ///     rules_to_supress:
    ///       - id: W35
    /// # after
    /// Metadata:
    ///   cfn_nag:
    ///     rules_to_suppress:
    ///       - id: W35
    ///         reason: access logs are written by the CloudFront distribution
    /// ```
    ///
    /// ## References
    /// - cfn_nag issue #100 (misspelt suppression keys are ignored silently)
    /// - [checkov suppressions](https://www.checkov.io/2.Basics/Suppressing%20and%20Skipping%20Policies.html)
    ///
    /// ## Unknown values
    /// Suppression metadata is read as written; intrinsic functions are not allowed there.
    InvalidSuppression {
        code: "CFN0001",
        name: "invalid-suppression",
        severity: Medium,
        group: "meta",
        summary: "a suppression in resource metadata is misspelt, names no rule, or lacks a reason",
        types: [],
        xrefs: [],
    }
}

impl Rule for InvalidSuppression {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let reg = crate::registry::registry();
        let sup = crate::suppress::parse(cx.resource.metadata, &|id| reg.is_rule(id));
        for p in sup.problems {
            hits.push(crate::rule::Hit {
                span: p.span,
                path: Some("Metadata".into()),
                message: p.message,
                unknown: false,
                severity: None,
            });
        }
    }
}
