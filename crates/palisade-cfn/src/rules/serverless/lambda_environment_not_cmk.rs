use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::encryption::util::require_cmk;
use crate::value::is_unknown;

declare_rule! {
    /// ## What it checks
    /// An `AWS::Lambda::Function` or SAM `AWS::Serverless::Function` with environment variables
    /// (`Environment.Variables` is not empty) whose `KmsKeyArn` is absent, empty, or an AWS
    /// managed key (`alias/aws/lambda`). Without a customer managed key, Lambda encrypts the
    /// variables at rest with a key that AWS manages for Lambda. A function without variables
    /// passes.
    ///
    /// ## Why it matters
    /// Environment variables often hold connection strings, endpoints and, despite advice,
    /// credentials. With the AWS managed key, anyone allowed `lambda:GetFunctionConfiguration`
    /// reads them in clear: the key's policy cannot be changed to restrict who decrypts. With a
    /// customer managed key, reading them also takes `kms:Decrypt` on a key whose policy you
    /// control, whose use CloudTrail records, and which you can disable.
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
    ///     Environment:
    ///       Variables:
    ///         TABLE_NAME: !Ref Orders
    /// # after
    ///     KmsKeyArn: !GetAtt FunctionKey.Arn
    /// ```
    /// The execution role needs `kms:Decrypt` on the key.
    ///
    /// ## References
    /// - [Securing Lambda environment variables](https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html)
    /// - [AWS::Lambda::Function](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-function.html)
    /// - [AWS SAM AWS::Serverless::Function](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html)
    /// - checkov CKV_AWS_173
    ///
    /// ## Unknown values
    /// A `KmsKeyArn` that is not known before deployment, or an `Environment.Variables` that is
    /// not known when no customer managed key is set, is reported at `info`. A key of this
    /// template (`!Ref Key`, `!GetAtt Key.Arn`) or a key id, key ARN or alias of your own counts
    /// as customer managed.
    LambdaEnvironmentNotCmkEncrypted {
        code: "CFN8010",
        name: "lambda-environment-not-encrypted-with-cmk",
        severity: Low,
        group: "serverless",
        summary: "Lambda function's environment variables are not encrypted with a customer managed KMS key (`KmsKeyArn`)",
        types: ["AWS::Lambda::Function", "AWS::Serverless::Function"],
        xrefs: [Checkov("CKV_AWS_173")],
    }
}

impl Rule for LambdaEnvironmentNotCmkEncrypted {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(vars) = cx.prop_path("Environment.Variables") else {
            if let Some(env) = cx.prop("Environment").filter(|e| is_unknown(e)) {
                if cx.prop("KmsKeyArn").is_none() {
                    hits.unknown(env, "the function has environment variables");
                }
            }
            return;
        };
        if is_unknown(vars) {
            if cx.prop("KmsKeyArn").is_none() {
                hits.unknown(vars, "the function has environment variables");
            }
            return;
        }
        if vars.as_map().is_some_and(<[_]>::is_empty) {
            return;
        }
        require_cmk(
            cx,
            hits,
            "KmsKeyArn",
            "function's environment",
            "environment variables are encrypted only with a key AWS manages for Lambda",
        );
    }
}
