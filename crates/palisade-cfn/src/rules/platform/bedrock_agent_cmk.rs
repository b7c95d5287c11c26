use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::encryption::util::require_cmk;

declare_rule! {
    /// ## What it checks
    /// An `AWS::Bedrock::Agent` without a customer managed KMS key in
    /// `CustomerEncryptionKeyArn` (absent, empty, or an AWS managed key `alias/aws/...`).
    /// Without it, Bedrock encrypts the agent's information with a key owned by AWS.
    ///
    /// This is the check of checkov CKV_AWS_373, which accepts any value.
    ///
    /// ## Why it matters
    /// An agent's stored information includes its instructions, prompt templates, action group
    /// API schemas and knowledge base descriptions: how the agent reasons and which internal
    /// APIs it can call. A customer managed key lets the account restrict and audit who can
    /// read that information, and revoke access by disabling the key.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Assistant:
    ///   Type: AWS::Bedrock::Agent
    ///   Properties:
    ///     AgentName: support-assistant
    ///     AgentResourceRoleArn: !GetAtt AgentRole.Arn
    ///     FoundationModel: anthropic.claude-3-haiku-20240307-v1:0
    /// # after
    /// Assistant:
    ///   Type: AWS::Bedrock::Agent
    ///   Properties:
    ///     AgentName: support-assistant
    ///     AgentResourceRoleArn: !GetAtt AgentRole.Arn
    ///     FoundationModel: anthropic.claude-3-haiku-20240307-v1:0
    ///     CustomerEncryptionKeyArn: !GetAtt AgentKey.Arn
    /// ```
    ///
    /// ## References
    /// - [AWS::Bedrock::Agent](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-bedrock-agent.html)
    /// - [Encryption of agent resources with customer managed keys (CMK)](https://docs.aws.amazon.com/bedrock/latest/userguide/cmk-agent-resources.html)
    /// - checkov CKV_AWS_373
    ///
    /// ## Unknown values
    /// A `CustomerEncryptionKeyArn` from a parameter without a value or an import is reported
    /// at `info`; a `Ref` or `Fn::GetAtt` to a key or alias of this template counts as a
    /// customer managed key.
    BedrockAgentWithoutCmk {
        code: "CFN8219",
        name: "bedrock-agent-without-customer-managed-key",
        severity: Medium,
        group: "ml",
        summary: "Bedrock agent is not encrypted with a customer managed KMS key (`CustomerEncryptionKeyArn`)",
        types: ["AWS::Bedrock::Agent"],
        xrefs: [Checkov("CKV_AWS_373")],
    }
}

impl Rule for BedrockAgentWithoutCmk {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        require_cmk(
            cx,
            hits,
            "CustomerEncryptionKeyArn",
            "Bedrock agent",
            "agent information is encrypted only with a key owned by AWS",
        );
    }
}
