use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

use super::super::encryption::util::require_cmk;

declare_rule! {
    /// ## What it checks
    /// An `AWS::Timestream::Database` without a customer managed KMS key in `KmsKeyId`, or with
    /// the AWS managed key `alias/aws/timestream`. Timestream always encrypts data at rest;
    /// without `KmsKeyId` it uses the Timestream managed key of the account.
    ///
    /// ## Why it matters
    /// With the AWS managed key, the account cannot change who may use the key: anyone allowed
    /// to query the database can read its data, and the data cannot be made unreadable by
    /// disabling the key. A customer managed key adds a key policy the account controls and a
    /// separate permission (`kms:Decrypt`) to audit and revoke.
    ///
    /// ## How to fix
    /// ```yaml
    /// # before
    /// Metrics:
    ///   Type: AWS::Timestream::Database
    ///   Properties:
    ///     DatabaseName: metrics
    /// # after
    /// Metrics:
    ///   Type: AWS::Timestream::Database
    ///   Properties:
    ///     DatabaseName: metrics
    ///     KmsKeyId: !Ref MetricsKey
    /// ```
    ///
    /// ## References
    /// - [AWS::Timestream::Database](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-timestream-database.html)
    /// - [Encryption at rest in Timestream](https://docs.aws.amazon.com/timestream/latest/developerguide/EncryptionAtRest.html)
    /// - checkov CKV_AWS_160
    ///
    /// ## Unknown values
    /// A `KmsKeyId` taken from a parameter without a value or an import is reported at `info`; a
    /// `Ref` or `Fn::GetAtt` to a key or alias of this template counts as a customer managed key.
    TimestreamWithoutCmk {
        code: "CFN8120",
        name: "timestream-database-without-customer-managed-key",
        severity: Low,
        group: "database",
        summary: "Timestream database is not encrypted with a customer managed KMS key",
        types: ["AWS::Timestream::Database"],
        xrefs: [Checkov("CKV_AWS_160")],
    }
}

impl Rule for TimestreamWithoutCmk {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        require_cmk(
            cx,
            hits,
            "KmsKeyId",
            "database",
            "database is encrypted only with the AWS managed key `aws/timestream`",
        );
    }
}
