use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

use super::util::function_kind;

declare_rule! {
    /// ## What it checks
    /// An `AWS::Lambda::Function` or SAM `AWS::Serverless::Function` without
    /// `ReservedConcurrentExecutions`. Without it the function draws on the account's unreserved
    /// concurrency pool (1,000 concurrent executions per Region by default), shared by every
    /// function without a reservation. Any value passes, including `0`, which stops all
    /// invocations on purpose.
    ///
    /// This is a hygiene check, not a security finding: it is reported at `low` and the whole
    /// group can be turned off with `--ignore hygiene`.
    ///
    /// ## Why it matters
    /// Reserved concurrency is both a guarantee and a cap. A function without it can be
    /// starved when another function (or a flood of requests to one) uses up the shared pool,
    /// and it can itself use the whole pool, throttling every other function of the account and
    /// overwhelming downstream databases. A cap also bounds the cost of runaway invocations.
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
    ///     ReservedConcurrentExecutions: 50
    /// ```
    ///
    /// ## References
    /// - [Configuring reserved concurrency for a function](https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html)
    /// - [AWS::Lambda::Function](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-function.html)
    /// - [AWS SAM AWS::Serverless::Function](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html)
    /// - cfn_nag W92; checkov CKV_AWS_115
    ///
    /// ## Unknown values
    /// A `ReservedConcurrentExecutions` whose value is not known before deployment still sets a
    /// reservation and passes. One that an undecided `Fn::If` removes (`AWS::NoValue`) is
    /// reported in the scenario where it is absent.
    LambdaNoReservedConcurrency {
        code: "CFN8008",
        name: "lambda-function-without-reserved-concurrency",
        severity: Low,
        group: "hygiene",
        summary: "Lambda function has no reserved concurrency (`ReservedConcurrentExecutions`)",
        types: ["AWS::Lambda::Function", "AWS::Serverless::Function"],
        xrefs: [CfnNag("W92"), Checkov("CKV_AWS_115")],
    }
}

impl Rule for LambdaNoReservedConcurrency {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        if cx.prop("ReservedConcurrentExecutions").is_none() {
            hits.missing(
                "ReservedConcurrentExecutions",
                format!(
                    "{} has no reserved concurrency: `ReservedConcurrentExecutions` is not set",
                    function_kind(cx)
                ),
            );
        }
    }
}
