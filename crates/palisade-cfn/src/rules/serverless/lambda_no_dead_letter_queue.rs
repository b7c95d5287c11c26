use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::logging::util::{is_set, mentions};
use crate::value::{is_unknown, Tri};

use super::util::{function_kind, is_sam_function};

declare_rule! {
    /// ## What it checks
    /// An `AWS::Lambda::Function` without a dead-letter queue (`DeadLetterConfig.TargetArn`),
    /// or a SAM `AWS::Serverless::Function` without one (`DeadLetterQueue.TargetArn`), that has
    /// no on-failure destination either: an `AWS::Lambda::EventInvokeConfig` of the template for
    /// the function with `DestinationConfig.OnFailure.Destination`, or for SAM
    /// `EventInvokeConfig.DestinationConfig.OnFailure`. AWS recommends on-failure destinations
    /// over dead-letter queues, so either passes. checkov CKV_AWS_116 checks
    /// `DeadLetterConfig.TargetArn` of `AWS::Lambda::Function` only.
    ///
    /// This is a hygiene check, not a security finding: it is reported at `low` and the whole
    /// group can be turned off with `--ignore hygiene`. It matters only for functions invoked
    /// asynchronously (S3, SNS, EventBridge, `InvocationType: Event`); suppress it for
    /// functions that are only invoked synchronously or by event source mappings.
    ///
    /// ## Why it matters
    /// Lambda retries a failed asynchronous invocation twice and then discards the event. With
    /// neither a dead-letter queue nor an on-failure destination, those events (an uploaded
    /// object to process, an order notification) are lost without a trace.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Worker:
    ///   Type: AWS::Lambda::Function
    ///   Properties:
    ///     Runtime: python3.13
    ///     Handler: app.handler
    ///     Role: !GetAtt WorkerRole.Arn
    ///     Code: { S3Bucket: !Ref CodeBucket, S3Key: worker.zip }
    /// # after
    ///     DeadLetterConfig:
    ///       TargetArn: !GetAtt WorkerDeadLetters.Arn
    /// ```
    /// For SAM, `DeadLetterQueue: { Type: SQS, TargetArn: !GetAtt WorkerDeadLetters.Arn }`.
    /// The role needs `sqs:SendMessage` (or `sns:Publish`) on the target.
    ///
    /// ## References
    /// - [Capturing records of Lambda asynchronous invocations](https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html)
    /// - [AWS::Lambda::Function DeadLetterConfig](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-lambda-function-deadletterconfig.html)
    /// - [AWS::Lambda::EventInvokeConfig](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventinvokeconfig.html)
    /// - [AWS SAM DeadLetterQueue](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-deadletterqueue.html)
    /// - checkov CKV_AWS_116
    ///
    /// ## Unknown values
    /// A `TargetArn` that is not known before deployment is reported at `info`. An
    /// `AWS::Lambda::EventInvokeConfig` counts when its `FunctionName` refers to the function in
    /// either branch of an `Fn::If` and its `Condition` is not known to be false.
    LambdaNoDeadLetterQueue {
        code: "CFN8009",
        name: "lambda-function-without-dead-letter-queue",
        severity: Low,
        group: "hygiene",
        summary: "Lambda function has no dead-letter queue or on-failure destination for asynchronous events",
        types: ["AWS::Lambda::Function", "AWS::Serverless::Function"],
        xrefs: [Checkov("CKV_AWS_116")],
    }
}

impl Rule for LambdaNoDeadLetterQueue {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let sam = is_sam_function(cx);
        let prop = if sam {
            "DeadLetterQueue"
        } else {
            "DeadLetterConfig"
        };
        let problem = format!("{} has no dead-letter queue", function_kind(cx));
        let question = "the function has a dead-letter queue";
        if let Some(dlq) = cx.prop(prop) {
            if is_unknown(dlq) {
                hits.unknown(dlq, question);
                return;
            }
            match dlq.get("TargetArn") {
                None => hits.at(dlq, format!("{problem}: `{prop}` has no `TargetArn`")),
                Some(arn) => match is_set(cx, arn) {
                    Tri::True => {}
                    Tri::False => hits.at(arn, format!("{problem}: `{prop}.TargetArn` is empty")),
                    Tri::Unknown => hits.unknown(arn, question),
                },
            }
            return;
        }
        if has_on_failure_destination(cx, sam) {
            return;
        }
        hits.missing(
            &format!("{prop}.TargetArn"),
            format!("{problem}: `{prop}` is not set and no on-failure destination is configured"),
        );
    }
}

/// Whether failed asynchronous events go to an on-failure destination instead.
fn has_on_failure_destination(cx: &ResourceCx<'_>, sam: bool) -> bool {
    if sam
        && cx
            .prop_path("EventInvokeConfig.DestinationConfig.OnFailure")
            .is_some()
    {
        return true;
    }
    cx.others("AWS::Lambda::EventInvokeConfig")
        .iter()
        .any(|other| {
            let for_function = other
                .resource
                .properties
                .and_then(|p| p.get("FunctionName"))
                .is_some_and(|name| mentions(name, cx.id()));
            for_function
                && crate::value::path(&other.props, "DestinationConfig.OnFailure.Destination")
                    .is_some()
        })
}
