use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::encryption::util::require_cmk;

declare_rule! {
    /// ## What it checks
    /// An `AWS::Kendra::Index` without a customer managed KMS key in
    /// `ServerSideEncryptionConfiguration.KmsKeyId` (the configuration is absent, has no key,
    /// or names an AWS managed key `alias/aws/...`). Without a key, Kendra encrypts the index
    /// with a key owned by AWS, which the account can neither see nor control. The key can
    /// only be chosen when the index is created.
    ///
    /// ## Why it matters
    /// A Kendra index holds the text of every document it crawls (wikis, tickets, file shares,
    /// mailboxes) in searchable form. With a customer managed key the account decides who may
    /// use the key, sees every use of it in CloudTrail, and can make the index unreadable at
    /// once by disabling the key.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Search:
    ///   Type: AWS::Kendra::Index
    ///   Properties:
    ///     Name: intranet
    ///     Edition: ENTERPRISE_EDITION
    ///     RoleArn: !GetAtt KendraRole.Arn
    /// # after
    /// Search:
    ///   Type: AWS::Kendra::Index
    ///   Properties:
    ///     Name: intranet
    ///     Edition: ENTERPRISE_EDITION
    ///     RoleArn: !GetAtt KendraRole.Arn
    ///     ServerSideEncryptionConfiguration:
    ///       KmsKeyId: !Ref SearchKey
    /// ```
    ///
    /// ## References
    /// - [AWS::Kendra::Index ServerSideEncryptionConfiguration](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-kendra-index-serversideencryptionconfiguration.html)
    /// - [Data protection in Amazon Kendra: encryption at rest](https://docs.aws.amazon.com/kendra/latest/dg/encryption-at-rest.html)
    /// - cfn_nag W80
    ///
    /// ## Unknown values
    /// A `KmsKeyId` from a parameter without a value or an import is reported at `info`; a
    /// `Ref` or `Fn::GetAtt` to a key or alias of this template counts as a customer managed
    /// key.
    KendraIndexWithoutCmk {
        code: "CFN8202",
        name: "kendra-index-without-customer-managed-key",
        severity: Medium,
        group: "ml",
        summary: "Kendra index is not encrypted with a customer managed KMS key (`ServerSideEncryptionConfiguration.KmsKeyId`)",
        types: ["AWS::Kendra::Index"],
        xrefs: [CfnNag("W80")],
    }
}

impl Rule for KendraIndexWithoutCmk {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        require_cmk(
            cx,
            hits,
            "ServerSideEncryptionConfiguration.KmsKeyId",
            "Kendra index",
            "index is encrypted only with a key owned by AWS",
        );
    }
}
