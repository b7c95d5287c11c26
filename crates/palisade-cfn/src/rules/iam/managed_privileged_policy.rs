use super::util::check_managed_policy_arns;
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// An `AWS::IAM::Role`, `AWS::IAM::User` or `AWS::IAM::Group` whose `ManagedPolicyArns`
    /// attach the AWS managed `PowerUserAccess` or `IAMFullAccess` policy (in any partition,
    /// also when the ARN is built with `!Sub` and `${AWS::Partition}`).
    ///
    /// SAM functions and state machines (`AWS::Serverless::Function`, `AWS::Serverless::StateMachine`)
    /// are checked natively: the inline policy documents of their `Policies`, and the AWS managed policies it names (`AdministratorAccess` or its ARN), reported on the SAM resource.
    ///
    /// ## Why it matters
    /// `PowerUserAccess` allows every action outside IAM and Organizations: every secret, every
    /// bucket, every database. `IAMFullAccess` allows every IAM action, which is enough to grant
    /// oneself anything (create an access key for an administrator, attach
    /// `AdministratorAccess` to oneself). Both are administrator access one step away.
    ///
    /// ## How to fix
    /// Attach policies limited to the services and resources the identity uses:
    /// ```yaml
    /// # before
    /// ManagedPolicyArns:
    ///   - arn:aws:iam::aws:policy/PowerUserAccess
    /// # after
    /// ManagedPolicyArns:
    ///   - arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess
    /// ```
    ///
    /// ## References
    /// - [AWS managed policies for job functions: PowerUserAccess](https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html)
    /// - [IAMFullAccess](https://docs.aws.amazon.com/aws-managed-policy/latest/reference/IAMFullAccess.html)
    /// - cfn_nag W44
    ///
    /// ## Unknown values
    /// An entry that is not known before deployment and might name one of the policies gives an
    /// `info` finding naming it. `!Ref` of a managed policy declared in the template is a
    /// customer managed policy and is not reported.
    AwsManagedPrivilegedPolicy {
        code: "CFN3010",
        name: "iam-power-user-or-iam-full-access-attached",
        severity: Medium,
        group: "iam",
        summary: "role, user or group attaches the AWS managed `PowerUserAccess` or `IAMFullAccess` policy",
        types: ["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group", "AWS::Serverless::Function", "AWS::Serverless::StateMachine"],
        xrefs: [CfnNag("W44")],
    }
}

impl Rule for AwsManagedPrivilegedPolicy {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        check_managed_policy_arns(cx, hits, &["PowerUserAccess", "IAMFullAccess"], &|name| {
            match name {
                "IAMFullAccess" => format!(
                    "`ManagedPolicyArns` attaches the AWS managed `{name}` policy: every IAM action, enough to grant itself anything"
                ),
                _ => format!(
                    "`ManagedPolicyArns` attaches the AWS managed `{name}` policy: every action outside IAM and Organizations"
                ),
            }
        });
    }
}
