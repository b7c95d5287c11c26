use palisade_core::Span;
use palisade_iam::{BaseOperator, ConditionValue, Effect, SetQualifier, Statement};

use super::util::{all_stars, documents, may_be, Doc, Found};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::template::Template;

declare_rule! {
    /// ## What it checks
    /// An `AWS::S3::BucketPolicy` whose `PolicyDocument` has no statement that denies requests
    /// made without TLS. A statement counts when it has:
    /// - `Effect: Deny` and `Principal: "*"` (or `{"AWS": "*"}`);
    /// - `Action` `*` or `s3:*`;
    /// - a `Resource` that covers the objects: `*` or a value ending in `*` (such as
    ///   `!Sub "${Bucket.Arn}/*"` or `arn:aws:s3:::my-bucket/*`);
    /// - a `Bool` or `BoolIfExists` condition with `aws:SecureTransport` `false`.
    ///
    /// An `Allow` conditioned on `aws:SecureTransport: true` does not count (identity policies can
    /// still allow plain HTTP), nor does a deny on `s3:TlsVersion` alone (it does not apply to
    /// requests without TLS).
    ///
    /// ## Why it matters
    /// Without the deny, clients can read and write objects over plain HTTP, where the data and
    /// the request signature's context travel unencrypted and can be read or tampered with on
    /// the network. Enforcing TLS in the bucket policy is what AWS Security Hub control S3.5 and
    /// most compliance frameworks require.
    ///
    /// ## How to fix
    /// Add the deny statement:
    /// ```yaml
    /// - Sid: DenyInsecureTransport
    ///   Effect: Deny
    ///   Principal: "*"
    ///   Action: s3:*
    ///   Resource:
    ///     - !GetAtt Bucket.Arn
    ///     - !Sub "${Bucket.Arn}/*"
    ///   Condition:
    ///     Bool:
    ///       aws:SecureTransport: false
    /// ```
    ///
    /// ## References
    /// - [Security best practices for Amazon S3: enforce encryption of data in transit](https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit)
    /// - [AWS Security Hub S3.5: S3 buckets should require requests to use SSL](https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-5)
    ///
    /// ## Unknown values
    /// When no statement qualifies but one would if a value not known before deployment turned
    /// out right (its `Effect`, `Principal`, `Action`, `Resource` or condition value), or when
    /// the policy document or a statement is not known, the rule reports an `info` finding
    /// naming the value instead of a finding.
    BucketPolicyNoTlsEnforcement {
        code: "CFN3016",
        name: "s3-bucket-policy-no-tls-enforcement",
        severity: Medium,
        group: "iam",
        summary: "S3 bucket policy does not deny requests without TLS (`aws:SecureTransport` false)",
        types: ["AWS::S3::BucketPolicy"],
        xrefs: [],
    }
}

/// Three-valued answer with the span of the first unknown part.
#[derive(Clone, Copy)]
enum Answer {
    Yes,
    Maybe(Span),
    No,
}

fn and(a: Answer, b: Answer) -> Answer {
    match (a, b) {
        (Answer::No, _) | (_, Answer::No) => Answer::No,
        (Answer::Maybe(s), _) | (_, Answer::Maybe(s)) => Answer::Maybe(s),
        _ => Answer::Yes,
    }
}

fn from(found: Found) -> Answer {
    match found {
        Found::Yes(_) => Answer::Yes,
        Found::Maybe(s) => Answer::Maybe(s),
        Found::No => Answer::No,
    }
}

fn denies(st: &Statement) -> Answer {
    match st.effect.value {
        Effect::Deny => Answer::Yes,
        Effect::Unknown => Answer::Maybe(st.effect.span),
        _ => Answer::No,
    }
}

/// `Action` is `*` or `s3:*`.
fn all_s3_actions(doc: &Doc<'_>, tpl: &Template<'_>, st: &Statement) -> Answer {
    let Some(block) = st.action.as_ref().filter(|b| !b.negated) else {
        return Answer::No;
    };
    let covers = |p: &str| match p.split_once(':') {
        None => all_stars(p),
        Some((svc, name)) => (all_stars(svc) || svc.eq_ignore_ascii_case("s3")) && all_stars(name),
    };
    if block.known().any(|(p, _)| covers(p)) {
        return Answer::Yes;
    }
    for span in block
        .values
        .iter()
        .filter(|v| v.is_unknown())
        .map(|v| v.span())
    {
        if doc.node_at(span).is_none_or(|n| may_be(tpl, n, &covers)) {
            return Answer::Maybe(span);
        }
    }
    Answer::No
}

/// Some `Resource` covers the bucket's objects (`*`, or ends with `*`).
fn covers_objects(doc: &Doc<'_>, tpl: &Template<'_>, st: &Statement) -> Answer {
    let Some(block) = st.resource.as_ref().filter(|b| !b.negated) else {
        return Answer::No;
    };
    if block.known().any(|(r, _)| r.ends_with('*')) {
        return Answer::Yes;
    }
    let mut maybe = None;
    for span in block
        .values
        .iter()
        .filter(|v| v.is_unknown())
        .map(|v| v.span())
    {
        let node = doc.node_at(span);
        // A partly known ARN that ends in `/*` covers the objects whatever its placeholders are.
        if node.is_some_and(|n| n.as_str().is_some_and(|s| s.ends_with("/*"))) {
            return Answer::Yes;
        }
        if maybe.is_none() && node.is_none_or(|n| may_be(tpl, n, &|g| g.ends_with('*'))) {
            maybe = Some(span);
        }
    }
    maybe.map_or(Answer::No, Answer::Maybe)
}

/// A `Bool`/`BoolIfExists` condition with `aws:SecureTransport` false.
fn insecure_transport_condition(st: &Statement) -> Answer {
    let Some(cond) = &st.condition else {
        return Answer::No;
    };
    let mut maybe = cond.unresolved.first().copied();
    for clause in &cond.clauses {
        let op = &clause.operator.value;
        if op.base != BaseOperator::Bool || op.set == Some(SetQualifier::ForAllValues) {
            continue;
        }
        for entry in &clause.entries {
            if !entry.key.value.eq_ignore_ascii_case("aws:SecureTransport") {
                continue;
            }
            for v in &entry.values {
                match &v.value {
                    ConditionValue::Unknown => maybe = maybe.or(Some(v.span)),
                    other
                        if other
                            .as_text()
                            .is_some_and(|t| t.eq_ignore_ascii_case("false")) =>
                    {
                        return Answer::Yes;
                    }
                    _ => {}
                }
            }
        }
    }
    maybe.map_or(Answer::No, Answer::Maybe)
}

impl Rule for BucketPolicyNoTlsEnforcement {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let tpl = cx.template;
        for doc in &documents(cx) {
            let question = "the bucket policy denies requests without TLS";
            if doc.unreadable(hits, "denies requests without TLS") {
                continue;
            }
            let mut maybe = None;
            for st in &doc.policy.statements {
                let answer = [
                    denies(st),
                    from(doc.star_principal(tpl, st)),
                    all_s3_actions(doc, tpl, st),
                    covers_objects(doc, tpl, st),
                    insecure_transport_condition(st),
                ]
                .into_iter()
                .fold(Answer::Yes, and);
                match answer {
                    Answer::Yes => return,
                    Answer::Maybe(span) => maybe = maybe.or(Some(span)),
                    Answer::No => {}
                }
            }
            // Statements that could not be read were reported by `unreadable`: one may be the deny.
            if doc.has_unresolved() {
                continue;
            }
            match maybe {
                Some(span) => doc.unknown(hits, span, question),
                None => doc.hit(
                    hits,
                    doc.holder.span,
                    None,
                    "bucket policy has no statement denying requests without TLS (`Deny` on `s3:*` with `Bool` `aws:SecureTransport: false`)".to_owned(),
                ),
            }
        }
    }
}
