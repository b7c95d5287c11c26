use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::value::text;

use super::util::{loose_text, parameter_note, secret_labels, secrets_in};

declare_rule! {
    /// ## What it checks
    /// An `AWS::SSM::Parameter` of `Type` `String` or `StringList` whose `Value` looks like a
    /// credential. Palisade's secret engine (the built-in rules of `palisade secrets`, at their
    /// default confidence) reads the value as `NAME=value`, `NAME` being the last segment of the
    /// parameter's `Name` (`/app/prod/db_password` gives `db_password`) or its logical id, so
    /// both provider formats (access keys, tokens, private keys) and generic assignments are
    /// found. The finding names the secret rule, never the value. (CloudFormation cannot create
    /// `SecureString` parameters.)
    ///
    /// checkov CKV_AWS_384 checks only parameters whose `Name` contains `secret` or `api_key`
    /// and skips values containing `test` or `example`; we check every `String` and
    /// `StringList` parameter and leave placeholders to the secret engine's own exclusions.
    ///
    /// ## Why it matters
    /// `String` parameters are stored unencrypted, shown in the console, and readable by anyone
    /// allowed `ssm:GetParameter` on them; the value is also written in the template, in source
    /// control and in the CloudFormation console. A credential there is exposed to all of them.
    ///
    /// ## How to fix
    /// Store the secret in Secrets Manager (generated with `GenerateSecretString`, or set
    /// outside the template), or create a `SecureString` parameter outside CloudFormation, and
    /// pass its name instead; rotate the exposed credential:
    /// ```yaml
    /// # before
    /// ApiKeyParameter:
    ///   Type: AWS::SSM::Parameter
    ///   Properties:
    ///     Name: /orders/prod/api_key
    ///     Type: String
    ///     Value: 4b8f2e9a1c7d3f6e0a5b9c2d8e1f4a7b
    /// # after
    /// ApiKeySecret:
    ///   Type: AWS::SecretsManager::Secret
    ///   Properties:
    ///     Name: /orders/prod/api_key
    ///     Description: set by the operator after deployment
    /// ```
    ///
    /// ## References
    /// - [AWS::SSM::Parameter](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ssm-parameter.html)
    /// - [Parameter Store parameter types](https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-about.html)
    /// - [AWS::SecretsManager::Secret](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-secretsmanager-secret.html)
    /// - checkov CKV_AWS_384
    ///
    /// ## Unknown values
    /// A `Value` that is not known before deployment (a parameter without a value, `Fn::GetAtt`,
    /// an import) is not written in the template and is not reported; in a partly known
    /// `Fn::Sub` string, only the known text is read. A `Type` that is not known is read as
    /// `String`, the only kind besides `StringList` that CloudFormation creates.
    SsmParameterSecret {
        code: "CFN8016",
        name: "ssm-parameter-hardcoded-secret",
        severity: High,
        group: "serverless",
        summary: "SSM String parameter holds a hard-coded secret in plain text",
        types: ["AWS::SSM::Parameter"],
        xrefs: [Checkov("CKV_AWS_384")],
    }
}

impl Rule for SsmParameterSecret {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let kind = cx.prop("Type").and_then(text);
        if kind
            .as_deref()
            .is_some_and(|k| !matches!(k.trim(), "String" | "StringList"))
        {
            return;
        }
        let Some(value) = cx.prop("Value") else {
            return;
        };
        let Some(text_value) = loose_text(value) else {
            return;
        };
        if text_value.trim().is_empty() {
            return;
        }
        let name = cx
            .prop("Name")
            .and_then(text)
            .and_then(|n| {
                n.rsplit('/')
                    .find(|s| !s.trim().is_empty())
                    .map(str::to_string)
            })
            .unwrap_or_else(|| cx.id().to_string());
        let found = secrets_in(&format!("{name}={text_value}"));
        if found.is_empty() {
            return;
        }
        let note = parameter_note(cx, &["Value"]);
        hits.at(
            value,
            format!(
                "`{}` parameter stores what looks like a secret in plain text{note}: {}",
                kind.as_deref().unwrap_or("String").trim(),
                secret_labels(&found)
            ),
        );
    }
}
