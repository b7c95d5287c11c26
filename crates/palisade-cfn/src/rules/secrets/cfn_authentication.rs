use palisade_core::Severity;
use palisade_doc::{Node, Value};

use super::util::{alternatives, note_suffix, plain_text, tokens, Note, Token};
use crate::declare_rule;
use crate::resolve::describe;
use crate::rule::{Hit, Hits, ResourceCx, Rule};

/// The credential keys of an `AWS::CloudFormation::Authentication` block, with the severity of
/// a finding: the access key id names a key but is not itself secret.
const CREDENTIAL_KEYS: &[(&str, Severity)] = &[
    ("secretKey", Severity::High),
    ("password", Severity::High),
    ("accessKeyId", Severity::Medium),
];

const AUTHENTICATION: &str = "AWS::CloudFormation::Authentication";

declare_rule! {
    /// ## What it checks
    /// The `AWS::CloudFormation::Authentication` entry of a resource's `Metadata` — the
    /// credentials `cfn-init` uses to download the files and sources of
    /// `AWS::CloudFormation::Init` — when a block sets `secretKey` or `password` (or
    /// `accessKeyId`, reported at `medium`). Any value fails: a literal, a `Ref` to a parameter
    /// (even a `NoEcho` one), `Fn::GetAtt` of an `AWS::IAM::AccessKey`'s `SecretAccessKey`, or
    /// any other expression, because the value CloudFormation stores for the metadata is the
    /// resolved one. Blocks that authenticate with `roleName` (an instance role) pass.
    ///
    /// ## Why it matters
    /// CloudFormation does not redact resource metadata: the resolved credentials are returned
    /// in clear by `DescribeStackResource` to anyone allowed to call it, and `NoEcho` does not
    /// mask parameters used there. A literal key is also written in the template itself. Long-lived
    /// IAM user keys or passwords exposed this way give access to the buckets or servers they
    /// protect, and usually more.
    ///
    /// ## How to fix
    /// Give the instance a role with read access to the bucket and name it with `roleName`
    /// (type `S3`); for `basic` authentication against a web server, fetch the password at boot
    /// from Secrets Manager instead of passing it through metadata:
    /// ```yaml
    /// # before
    /// Metadata:
    ///   AWS::CloudFormation::Authentication:
    ///     S3Access:
    ///       type: S3
    ///       buckets: [my-config-bucket]
    ///       accessKeyId: !Ref DeployKeyId
    ///       secretKey: !Ref DeploySecretKey
    /// # after
    /// Metadata:
    ///   AWS::CloudFormation::Authentication:
    ///     S3Access:
    ///       type: S3
    ///       buckets: [my-config-bucket]
    ///       roleName: !Ref InstanceRole
    /// ```
    ///
    /// ## References
    /// - [AWS::CloudFormation::Authentication](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-authentication.html)
    /// - [Metadata attribute: CloudFormation doesn't redact or obfuscate metadata](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-metadata.html)
    /// - [Parameters: what `NoEcho` does not mask](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html)
    /// - cfn_nag W1
    ///
    /// ## Unknown values
    /// The values are read as written. `Fn::If` is checked in the branch each scenario takes
    /// (both branches, named in the message, when the condition is not enumerated);
    /// `AWS::NoValue` and empty strings are no credential. A `{{resolve:...}}` dynamic reference
    /// is reported at `info`: CloudFormation documents dynamic references for resource
    /// properties, not for metadata, so whether it is resolved (and exposed) there cannot be
    /// told from the template.
    CloudFormationAuthenticationCredentials {
        code: "CFN7002",
        name: "cloudformation-authentication-credentials",
        severity: High,
        group: "secrets",
        summary: "AWS::CloudFormation::Authentication metadata carries an access key, secret key or password",
        types: [],
        xrefs: [CfnNag("W1")],
    }
}

impl Rule for CloudFormationAuthenticationCredentials {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some(auth) = cx.resource.metadata.and_then(|m| m.get(AUTHENTICATION)) else {
            return;
        };
        let Some(blocks) = auth.as_map() else {
            return;
        };
        for block in blocks {
            for (key, severity) in CREDENTIAL_KEYS {
                let Some(v) = block.value.get(key) else {
                    continue;
                };
                let at = Place {
                    block: &block.key,
                    key,
                    severity: *severity,
                };
                for (n, note) in alternatives(cx, v, &None, false) {
                    check_value(cx, hits, &at, &n, &note);
                }
            }
        }
    }
}

/// Where a credential is: the block name, the key, and the severity of a finding there.
struct Place<'a> {
    block: &'a str,
    key: &'a str,
    severity: Severity,
}

fn check_value(cx: &ResourceCx<'_>, hits: &mut Hits, at: &Place<'_>, node: &Node, note: &Note) {
    let Place {
        block,
        key,
        severity,
    } = *at;
    let path = format!("Metadata.{AUTHENTICATION}.{block}.{key}");
    let suffix = note_suffix(note);
    let mut push = |message: String, unknown: bool| {
        hits.push(Hit {
            span: node.span,
            path: Some(path.clone()),
            message,
            unknown,
            severity: if unknown { None } else { Some(severity) },
        });
    };
    if matches!(node.value, Value::Null) && node.tag.is_none() {
        return;
    }
    if let Some(text) = plain_text(node) {
        if text.is_empty() {
            return;
        }
        if tokens(&text, false)
            .iter()
            .any(|t| matches!(t, Token::Dynamic(..)))
        {
            push(
                format!(
                    "cannot tell whether `{key}` of authentication block `{block}` exposes a credential: it is a dynamic reference, which CloudFormation does not document for resource metadata{suffix}"
                ),
                true,
            );
            return;
        }
        push(
            format!(
                "authentication block `{block}` sets `{key}` to a literal value ({} characters) in the resource metadata{suffix}",
                text.chars().count()
            ),
            false,
        );
        return;
    }
    let param = node
        .single_entry()
        .filter(|e| e.key == "Ref")
        .and_then(|e| e.value.as_str())
        .filter(|name| cx.template.parameters.contains_key(name));
    let message = match param {
        Some(name) => format!(
            "authentication block `{block}` takes `{key}` from parameter `{name}`: resource metadata is returned unmasked by `DescribeStackResource`, even for `NoEcho` parameters{suffix}"
        ),
        None => format!(
            "authentication block `{block}` sets `{key}` to `{}`, whose resolved value is returned unmasked by `DescribeStackResource`{suffix}",
            describe(node)
        ),
    };
    push(message, false);
}
