use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::is_unknown;

use super::util::{function_kind, loose_text, parameter_note, secret_labels, secrets_in};

declare_rule! {
    /// ## What it checks
    /// An `AWS::Lambda::Function` or SAM `AWS::Serverless::Function` whose
    /// `Environment.Variables` has a value that looks like a credential: Palisade's secret
    /// engine (the built-in rules of `palisade secrets`, at their default confidence) is run on
    /// each variable as `NAME=value`, so that both provider formats (AWS access keys, GitHub
    /// tokens, private keys) and generic assignments (`DB_PASSWORD=...`, `API_KEY=...`) are
    /// found. Values come from the template as resolved: literals, `Fn::Sub`/`Fn::Join` text,
    /// and the values of parameters (their `Default` when none is given). The finding names the
    /// variable and the secret rule, never the value.
    ///
    /// checkov CKV_AWS_45 runs its own regular expressions on each value; the set of formats
    /// recognised differs.
    ///
    /// ## Why it matters
    /// A secret in an environment variable is stored in the template (and its copies in source
    /// control, S3 and the CloudFormation console), in the function's configuration, and in
    /// every deployment package's history. Anyone allowed `lambda:GetFunctionConfiguration` or
    /// `cloudformation:GetTemplate` reads it in clear.
    ///
    /// ## How to fix
    /// Keep the secret in Secrets Manager (or a `SecureString` parameter) and read it at run
    /// time, passing only its name or ARN to the function; rotate the exposed credential:
    /// ```yaml
    /// # before
    /// Environment:
    ///   Variables:
    ///     DB_PASSWORD: Tq8vLw2pZ9xR4mKs
    /// # after
    /// Environment:
    ///   Variables:
    ///     DB_SECRET_ARN: !Ref DatabaseSecret
    /// ```
    /// The role needs `secretsmanager:GetSecretValue` on the secret (the AWS Parameters and
    /// Secrets Lambda Extension caches it).
    ///
    /// ## References
    /// - [Working with Lambda environment variables](https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html)
    /// - [Use Secrets Manager secrets in Lambda functions](https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html)
    /// - [AWS SAM AWS::Serverless::Function](https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html)
    /// - checkov CKV_AWS_45
    ///
    /// ## Unknown values
    /// A value that is not known before deployment (a parameter without a value, `Fn::GetAtt`,
    /// an import, a `{{resolve:...}}` dynamic reference) is not written in the template and is
    /// not reported; in a partly known `Fn::Sub` string, only the known text is read. An
    /// `Environment.Variables` that is not known as a whole is reported at `info`.
    LambdaEnvironmentSecret {
        code: "CFN8014",
        name: "lambda-environment-hardcoded-secret",
        severity: High,
        group: "serverless",
        summary: "Lambda function environment variable holds a hard-coded secret",
        types: ["AWS::Lambda::Function", "AWS::Serverless::Function"],
        xrefs: [Checkov("CKV_AWS_45")],
    }
}

impl Rule for LambdaEnvironmentSecret {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(vars) = cx.prop_path("Environment.Variables") else {
            return;
        };
        if is_unknown(vars) {
            hits.unknown(
                vars,
                &format!(
                    "the {}'s environment variables hold secrets",
                    function_kind(cx)
                ),
            );
            return;
        }
        let Some(entries) = vars.as_map() else {
            return;
        };
        for e in entries {
            let Some(value) = loose_text(&e.value) else {
                continue;
            };
            if value.trim().is_empty() {
                continue;
            }
            let found = secrets_in(&format!("{}={value}", e.key));
            if found.is_empty() {
                continue;
            }
            let note = parameter_note(cx, &["Environment", "Variables", &e.key]);
            hits.at(
                &e.value,
                format!(
                    "environment variable `{}` holds what looks like a secret{note}: {}",
                    e.key,
                    secret_labels(&found)
                ),
            );
        }
    }
}
