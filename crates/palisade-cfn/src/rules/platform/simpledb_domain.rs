use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// Any `AWS::SDB::Domain` (an Amazon SimpleDB domain). The resource has a single optional
    /// property, `Description`: nothing about encryption, key management, access policy or
    /// network access can be set in the template, so there is no secure configuration to check
    /// for. This is the check of cfn_nag F77.
    ///
    /// ## Why it matters
    /// SimpleDB is a legacy service, launched before KMS and resource-based policies existed.
    /// A template can give a domain neither a key nor an access policy, so the protection of
    /// its data rests entirely on IAM policies elsewhere in the account, and nothing in the
    /// template shows how the data is protected. A domain in a template is also often a
    /// leftover that nobody reviews.
    ///
    /// ## How to fix
    /// Move the data to a current data store whose encryption and access can be declared, such
    /// as DynamoDB:
    /// ```yaml
    /// # before
    /// Sessions:
    ///   Type: AWS::SDB::Domain
    ///   Properties:
    ///     Description: user sessions
    /// # after
    /// Sessions:
    ///   Type: AWS::DynamoDB::Table
    ///   Properties:
    ///     BillingMode: PAY_PER_REQUEST
    ///     AttributeDefinitions:
    ///       - {AttributeName: id, AttributeType: S}
    ///     KeySchema:
    ///       - {AttributeName: id, KeyType: HASH}
    ///     SSESpecification:
    ///       SSEEnabled: true
    ///       SSEType: KMS
    ///       KMSMasterKeyId: !Ref SessionsKey
    /// ```
    ///
    /// ## References
    /// - [AWS::SDB::Domain](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sdb-domain.html)
    /// - cfn_nag F77
    ///
    /// ## Unknown values
    /// The rule reads no property, so it never reports unknown values. A domain whose
    /// `Condition` is false in a scenario is not created and not reported.
    SimpleDbDomainDeclared {
        code: "CFN8208",
        name: "simpledb-domain-declared",
        severity: Low,
        group: "storage",
        summary: "template declares an Amazon SimpleDB domain (`AWS::SDB::Domain`), a legacy data store without encryption or access controls to configure",
        types: ["AWS::SDB::Domain"],
        xrefs: [CfnNag("F77")],
    }
}

impl Rule for SimpleDbDomainDeclared {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, _cx: &ResourceCx<'_>, hits: &mut Hits) {
        hits.resource("SimpleDB domain declared: SimpleDB offers no encryption, key or access policy settings to configure");
    }
}
