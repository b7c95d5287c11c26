use palisade_core::Severity;

use super::util::{condition_note, documents, join, restricting_keys};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// A resource policy that allows everyone: an `Allow` statement with `Principal: "*"` (or
    /// `{"AWS": "*"}`) in an `AWS::S3::BucketPolicy`, `AWS::SQS::QueuePolicy` or
    /// `AWS::SNS::TopicPolicy` `PolicyDocument`.
    ///
    /// Severity: `high`. **`low`** when the statement has a condition that limits who can use
    /// the grant: a positive operator (not `...IfExists`, not `ForAllValues:`, not negated) on
    /// `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOwner`, `aws:SourceOrgID`,
    /// `aws:SourceOrgPaths`, `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`,
    /// `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:userid`, `aws:SourceVpce`,
    /// `aws:SourceVpc`, `aws:SourceVpcArn`, `aws:SourceIp`, `s3:DataAccessPointAccount` or
    /// `s3:DataAccessPointArn`, with no value that matches everything (`*`, `0.0.0.0/0`). This
    /// is the usual shape of a grant to an AWS service (`Principal: "*"` with `aws:SourceArn`)
    /// or to an organization. Any other condition keeps the severity and is named in the
    /// message. KMS key policies are checked by CFN3015.
    ///
    /// ## Why it matters
    /// `Principal: "*"` is every AWS account and, for S3, SNS and SQS, anonymous callers on the
    /// internet: a public bucket, a queue anyone can read or flood, a topic anyone can publish
    /// to. Data leaks from public buckets are among the most common cloud breaches.
    ///
    /// ## How to fix
    /// Name the principals, or keep `*` only with a condition that pins the caller:
    /// ```yaml
    /// # before
    /// - Effect: Allow
    ///   Principal: "*"
    ///   Action: s3:GetObject
    ///   Resource: !Sub "${Bucket.Arn}/*"
    /// # after
    /// - Effect: Allow
    ///   Principal: {Service: cloudfront.amazonaws.com}
    ///   Action: s3:GetObject
    ///   Resource: !Sub "${Bucket.Arn}/*"
    ///   Condition:
    ///     StringEquals:
    ///       aws:SourceArn: !Sub "arn:aws:cloudfront::${AWS::AccountId}:distribution/${Distribution}"
    /// ```
    ///
    /// ## References
    /// - [Blocking public access to your Amazon S3 storage: the meaning of "public"](https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status)
    /// - [AWS global condition context keys](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html)
    /// - cfn_nag F16 (bucket policy), F18 (topic policy), F21 (queue policy)
    ///
    /// ## Unknown values
    /// A `Principal` (or `AWS` principal value) that is not known before deployment and might be
    /// `*` gives an `info` finding naming it (`!GetAtt Role.Arn`, `!Ref AWS::AccountId` and ARNs
    /// built with `!Sub` are never `*`). So does an `Effect`, a statement or a document that is
    /// not known. Condition values that are not known count as restricting.
    ResourcePolicyAnyPrincipal {
        code: "CFN3013",
        name: "resource-policy-allows-any-principal",
        severity: High,
        group: "iam",
        summary: "S3 bucket, SQS queue or SNS topic policy allows any principal (`Principal: *`)",
        types: ["AWS::S3::BucketPolicy", "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy"],
        xrefs: [CfnNag("F16"), CfnNag("F18"), CfnNag("F21")],
    }
}

impl Rule for ResourcePolicyAnyPrincipal {
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
                if keys.is_empty() {
                    doc.report(
                        hits,
                        st,
                        found,
                        None,
                        "allows any principal (`Principal: *`), including anonymous callers",
                        &condition_note(st),
                    );
                } else {
                    let quoted: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
                    let note = format!(", limited by a condition on {}", join(&quoted));
                    doc.report(
                        hits,
                        st,
                        found,
                        Some(Severity::Low),
                        "allows any principal (`Principal: *`)",
                        &note,
                    );
                }
            }
        }
    }
}
