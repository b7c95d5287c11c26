use super::util::{all_stars, condition_note, documents, value_at, Found};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// An `Allow` statement whose `Action` is `*` in an `AWS::S3::BucketPolicy`,
    /// `AWS::SQS::QueuePolicy` or `AWS::SNS::TopicPolicy` `PolicyDocument`, whoever the
    /// principal is. The service's own wildcard counts too (`s3:*` in a bucket policy, `sqs:*`
    /// in a queue policy, `sns:*` in a topic policy): only that service's actions apply to the
    /// resource, so it grants exactly what `*` grants.
    ///
    /// ## Why it matters
    /// `Action: *` on a bucket lets the principals read, overwrite and delete every object,
    /// change the bucket policy itself (locking the owner out) and turn off encryption or
    /// logging; on a queue or topic it lets them purge, delete or re-point it. Even for a trusted
    /// account this is far more than an integration needs, and it multiplies the damage of any
    /// mistake in `Principal`.
    ///
    /// ## How to fix
    /// Allow only the actions the principal uses:
    /// ```yaml
    /// # before
    /// - Effect: Allow
    ///   Principal: {AWS: arn:aws:iam::111122223333:root}
    ///   Action: "*"
    ///   Resource: !GetAtt Queue.Arn
    /// # after
    /// - Effect: Allow
    ///   Principal: {AWS: arn:aws:iam::111122223333:root}
    ///   Action: sqs:SendMessage
    ///   Resource: !GetAtt Queue.Arn
    /// ```
    ///
    /// ## References
    /// - [Policies and permissions in Amazon S3](https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-policy-language-overview.html)
    /// - [Amazon SQS policy examples](https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-creating-custom-policies-access-policy-examples.html)
    /// - cfn_nag F15 (bucket policy), F20 (queue policy)
    ///
    /// ## Unknown values
    /// An `Action` value that is not known before deployment and might be `*` gives an `info`
    /// finding naming it; so does an `Effect`, a statement or a document that is not known.
    ResourcePolicyAllActions {
        code: "CFN3014",
        name: "resource-policy-allows-all-actions",
        severity: High,
        group: "iam",
        summary: "S3 bucket, SQS queue or SNS topic policy allows every action (`Action: *`)",
        types: ["AWS::S3::BucketPolicy", "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy"],
        xrefs: [CfnNag("F15"), CfnNag("F20")],
    }
}

impl Rule for ResourcePolicyAllActions {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        for doc in &documents(cx) {
            if doc.unreadable(hits, "allows every action (`Action: *`)") {
                continue;
            }
            let service = match cx.resource.ty {
                "AWS::S3::BucketPolicy" => "s3",
                "AWS::SQS::QueuePolicy" => "sqs",
                _ => "sns",
            };
            let every = |pattern: &str| match pattern.split_once(':') {
                None => all_stars(pattern),
                Some((svc, name)) => {
                    (all_stars(svc) || svc.eq_ignore_ascii_case(service)) && all_stars(name)
                }
            };
            for st in &doc.policy.statements {
                let found = doc.action_where(cx.template, st, &every);
                let shown = match found {
                    Found::Yes(span) => value_at(st.action.as_ref(), span).unwrap_or("*"),
                    _ => "*",
                };
                doc.report(
                    hits,
                    st,
                    found,
                    None,
                    &format!("allows every action (`Action: {shown}`)"),
                    &condition_note(st),
                );
            }
        }
    }
}
