use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// A resource that sets its physical name explicitly, for the 14 types cfn_nag checks:
    ///
    /// | type | name property |
    /// |---|---|
    /// | `AWS::ApiGateway::ApiKey` | `Name` |
    /// | `AWS::CloudWatch::Alarm` | `AlarmName` |
    /// | `AWS::CodeDeploy::DeploymentConfig` | `DeploymentConfigName` |
    /// | `AWS::CodeDeploy::DeploymentGroup` | `DeploymentGroupName` |
    /// | `AWS::DynamoDB::Table` | `TableName` |
    /// | `AWS::EC2::SecurityGroup` | `GroupName` |
    /// | `AWS::ECR::Repository` | `RepositoryName` |
    /// | `AWS::ElasticLoadBalancingV2::LoadBalancer` | `Name` |
    /// | `AWS::Elasticsearch::Domain` | `DomainName` |
    /// | `AWS::IAM::Group` | `GroupName` |
    /// | `AWS::IAM::ManagedPolicy` | `ManagedPolicyName` |
    /// | `AWS::IAM::Role` | `RoleName` |
    /// | `AWS::Kinesis::Stream` | `Name` |
    /// | `AWS::RDS::DBInstance` | `DBInstanceIdentifier` |
    ///
    /// Any value counts, also a `!Ref` to a parameter or an `!Sub` with the stack name: the
    /// name is still fixed for the life of the resource. When the property is absent (or
    /// removed with `AWS::NoValue`) CloudFormation generates a unique name from the stack
    /// name, the logical id and a random suffix, and the rule passes.
    ///
    /// This is a hygiene check, not a security finding: it is reported at `low` and the whole
    /// group can be turned off with `--ignore hygiene`.
    ///
    /// ## Why it matters
    /// CloudFormation cannot replace a resource with a custom name: an update that changes a
    /// property requiring replacement (a table's key schema, a load balancer's scheme, a
    /// database's engine) fails until the name is changed too, and a fixed name also stops the
    /// template from being deployed twice in the same account and Region. Fixes that need a
    /// replacement, including security fixes, then stall or need manual steps.
    ///
    /// ## How to fix
    /// Let CloudFormation name the resource, and pass the generated name to whatever needs it
    /// with `!Ref` or an output:
    /// ```yaml
    /// # before
    /// OrdersTable:
    ///   Type: AWS::DynamoDB::Table
    ///   Properties:
    ///     TableName: orders
    /// # after
    /// OrdersTable:
    ///   Type: AWS::DynamoDB::Table
    ///   Properties:
    ///     BillingMode: PAY_PER_REQUEST
    /// ```
    ///
    /// ## References
    /// - [CloudFormation resource custom naming](https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-name.html)
    /// - [Resolve "CloudFormation cannot update a stack when a custom-named resource requires replacing"](https://repost.aws/knowledge-center/cloudformation-custom-name)
    /// - cfn_nag W28
    ///
    /// ## Unknown values
    /// None: the rule asks whether the name property is present, not what it holds, so a value
    /// not known before deployment still counts as an explicit name. A name inside an
    /// undecided `Fn::If` is reported in the scenarios where it is set.
    ResourceExplicitName {
        code: "CFN3109",
        name: "resource-explicit-physical-name",
        severity: Low,
        group: "hygiene",
        summary: "resource sets an explicit physical name, which blocks updates that replace it",
        types: [
            "AWS::ApiGateway::ApiKey",
            "AWS::CloudWatch::Alarm",
            "AWS::CodeDeploy::DeploymentConfig",
            "AWS::CodeDeploy::DeploymentGroup",
            "AWS::DynamoDB::Table",
            "AWS::EC2::SecurityGroup",
            "AWS::ECR::Repository",
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            "AWS::Elasticsearch::Domain",
            "AWS::IAM::Group",
            "AWS::IAM::ManagedPolicy",
            "AWS::IAM::Role",
            "AWS::Kinesis::Stream",
            "AWS::RDS::DBInstance",
        ],
        xrefs: [CfnNag("W28")],
    }
}

/// The name property of each type.
const NAME_PROPERTY: &[(&str, &str)] = &[
    ("AWS::ApiGateway::ApiKey", "Name"),
    ("AWS::CloudWatch::Alarm", "AlarmName"),
    ("AWS::CodeDeploy::DeploymentConfig", "DeploymentConfigName"),
    ("AWS::CodeDeploy::DeploymentGroup", "DeploymentGroupName"),
    ("AWS::DynamoDB::Table", "TableName"),
    ("AWS::EC2::SecurityGroup", "GroupName"),
    ("AWS::ECR::Repository", "RepositoryName"),
    ("AWS::ElasticLoadBalancingV2::LoadBalancer", "Name"),
    ("AWS::Elasticsearch::Domain", "DomainName"),
    ("AWS::IAM::Group", "GroupName"),
    ("AWS::IAM::ManagedPolicy", "ManagedPolicyName"),
    ("AWS::IAM::Role", "RoleName"),
    ("AWS::Kinesis::Stream", "Name"),
    ("AWS::RDS::DBInstance", "DBInstanceIdentifier"),
];

impl Rule for ResourceExplicitName {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        let Some((_, key)) = NAME_PROPERTY.iter().find(|(ty, _)| *ty == cx.resource.ty) else {
            return;
        };
        if let Some(name) = cx.prop(key) {
            hits.at(
                name,
                format!(
                    "`{key}` sets an explicit physical name: CloudFormation cannot replace the resource on update until the name changes"
                ),
            );
        }
    }
}
