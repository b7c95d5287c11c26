use super::util::check_managed_policy_arns;
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};

declare_rule! {
    /// ## What it checks
    /// An `AWS::IAM::Role`, `AWS::IAM::User` or `AWS::IAM::Group` whose `ManagedPolicyArns`
    /// attach the AWS managed `AdministratorAccess` policy
    /// (`arn:aws:iam::aws:policy/AdministratorAccess`, in any partition, also when built with
    /// `!Sub 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess'`).
    ///
    /// SAM functions and state machines (`AWS::Serverless::Function`, `AWS::Serverless::StateMachine`)
    /// are checked natively: the inline policy documents of their `Policies`, and the AWS managed policies it names (`AdministratorAccess` or its ARN), reported on the SAM resource.
    ///
    /// ## Why it matters
    /// `AdministratorAccess` allows every action on every resource. Whoever can use the
    /// identity (the workload, anyone who steals its credentials, anyone its trust policy lets
    /// in) controls the whole account, including IAM, billing and every piece of data.
    ///
    /// ## How to fix
    /// Attach a policy limited to what the identity does; keep administrator access for a few
    /// humans through IAM Identity Center permission sets, with MFA:
    /// ```yaml
    /// # before
    /// ManagedPolicyArns:
    ///   - !Sub arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess
    /// # after
    /// ManagedPolicyArns:
    ///   - !Sub arn:${AWS::Partition}:iam::aws:policy/AmazonS3ReadOnlyAccess
    /// ```
    ///
    /// ## References
    /// - [AWS managed policies for job functions: AdministratorAccess](https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html)
    /// - cfn_nag W43; checkov CKV_AWS_62 (related: inline `*` on `*`)
    ///
    /// ## Unknown values
    /// An entry that is not known before deployment and might name the policy (a parameter
    /// without a value, an `!Sub` whose policy name is a placeholder) gives an `info` finding
    /// naming it. `!Ref` of a managed policy declared in the template is a customer managed
    /// policy and is not reported.
    AwsManagedAdminPolicy {
        code: "CFN3009",
        name: "iam-administrator-access-attached",
        severity: High,
        group: "iam",
        summary: "role, user or group attaches the AWS managed `AdministratorAccess` policy",
        types: ["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group", "AWS::Serverless::Function", "AWS::Serverless::StateMachine"],
        xrefs: [CfnNag("W43"), Checkov("CKV_AWS_62")],
    }
}

impl Rule for AwsManagedAdminPolicy {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        check_managed_policy_arns(cx, hits, &["AdministratorAccess"], &|name| {
            format!("`ManagedPolicyArns` attaches the AWS managed `{name}` policy: full administrator access")
        });
    }
}
