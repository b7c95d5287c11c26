use palisade_core::Severity;
use palisade_iam::lint::CREDENTIAL_ACTIONS;

use super::util::{check_family, Family};
use crate::declare_rule;
use crate::rule::{Hits, ResourceCx, Rule};
use crate::rules::iam::util::IDENTITY_POLICY_TYPES;

declare_rule! {
    /// ## What it checks
    /// Identity policies (inline `Policies` of an `AWS::IAM::Role`, `AWS::IAM::User` or
    /// `AWS::IAM::Group`; the `PolicyDocument` of an `AWS::IAM::Policy`,
    /// `AWS::IAM::ManagedPolicy`, `AWS::IAM::RolePolicy`, `AWS::IAM::UserPolicy` or
    /// `AWS::IAM::GroupPolicy`) with an `Allow` statement that grants, on `Resource: "*"`, an
    /// action whose response carries credentials, tokens, private keys or sign-in URLs. Any
    /// pattern that covers one counts (`sts:*`, `iam:Create*`, `*`, or a `NotAction` that does
    /// not exclude it).
    ///
    /// The actions (Palisade's IAM catalogue list, shared with `palisade iam lint`'s
    /// `credentials-exposure` check): `iam:CreateAccessKey`,
    /// `iam:CreateServiceSpecificCredential`, `iam:ResetServiceSpecificCredential`,
    /// `sts:AssumeRole`, `sts:AssumeRoleWithSAML`, `sts:AssumeRoleWithWebIdentity`,
    /// `sts:AssumeRoot`, `sts:GetSessionToken`, `sts:GetFederationToken`,
    /// `sts:GetServiceBearerToken`, `sts:GetWebIdentityToken`, `ecr:GetAuthorizationToken`,
    /// `ecr-public:GetAuthorizationToken`, `codeartifact:GetAuthorizationToken`,
    /// `redshift:GetClusterCredentials`, `redshift:GetClusterCredentialsWithIAM`,
    /// `redshift-serverless:GetCredentials`, `lightsail:GetInstanceAccessDetails`,
    /// `lightsail:GetRelationalDatabaseMasterUserPassword`, `lightsail:DownloadDefaultKeyPair`,
    /// `lightsail:CreateKeyPair`, `lightsail:CreateBucketAccessKey`, `ec2:CreateKeyPair`,
    /// `ec2:GetPasswordData`, `cognito-identity:GetCredentialsForIdentity`,
    /// `cognito-identity:GetOpenIdToken`, `cognito-identity:GetOpenIdTokenForDeveloperIdentity`,
    /// `gamelift:GetInstanceAccess`, `gamelift:GetComputeAccess`,
    /// `gamelift:GetComputeAuthToken`, `gamelift:RequestUploadCredentials`,
    /// `iot:CreateKeysAndCertificate`, `connect:GetFederationToken`,
    /// `sagemaker:CreatePresignedDomainUrl`, `sagemaker:CreatePresignedNotebookInstanceUrl`,
    /// `airflow:CreateCliToken`, `airflow:CreateWebLoginToken`,
    /// `grafana:CreateWorkspaceApiKey`, `grafana:CreateWorkspaceServiceAccountToken`,
    /// `appsync:CreateApiKey`, `emr-containers:GetManagedEndpointSessionCredentials` and
    /// `elasticmapreduce:GetClusterSessionCredentials`.
    ///
    /// Severity: `high`; **`medium`** when a condition restricts the statement to known
    /// callers, networks, organizations or resource tags (`aws:SourceVpce`,
    /// `aws:PrincipalOrgID`, `aws:ResourceTag/...` and similar, without a value that matches
    /// everything). Any other condition is named in the message but keeps the severity.
    ///
    /// Like checkov (which runs Cloudsplaining), only statements on `Resource: "*"` are
    /// reported and the role's trust policy is not examined; unlike it, `Deny` statements
    /// never count as a grant. A grant on named resources (`sts:AssumeRole` on one role ARN) is
    /// left to `palisade iam lint`, which reports it at a lower severity.
    ///
    /// ## Why it matters
    /// These actions turn the policy's holder into a source of new credentials: access keys
    /// for any user, temporary credentials of any role it may assume, database and registry
    /// passwords, EC2 Windows passwords, signed console URLs. The credentials outlive the
    /// session that minted them and act outside this policy, so one compromised workload
    /// spreads to every identity and resource the minted credentials reach.
    ///
    /// ## How to fix
    /// Name the resources the action may mint credentials for:
    /// ```yaml
    /// # before
    /// - Effect: Allow
    ///   Action: [sts:AssumeRole, redshift:GetClusterCredentials]
    ///   Resource: "*"
    /// # after
    /// - Effect: Allow
    ///   Action: sts:AssumeRole
    ///   Resource: !GetAtt DeployRole.Arn
    /// - Effect: Allow
    ///   Action: redshift:GetClusterCredentials
    ///   Resource: !Sub "arn:${AWS::Partition}:redshift:${AWS::Region}:${AWS::AccountId}:dbuser:${Cluster}/reporting"
    /// ```
    /// Actions that only work on `Resource: "*"` (`ecr:GetAuthorizationToken`,
    /// `sts:GetSessionToken`) are better granted in a separate statement with a condition
    /// such as `aws:SourceVpce`, or suppressed with a reason.
    ///
    /// ## References
    /// - [Actions, resources, and condition keys for AWS services](https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html)
    /// - [Security best practices in IAM: apply least-privilege permissions](https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)
    /// - [IAM JSON policy elements: Resource](https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html)
    /// - checkov CKV_AWS_107
    ///
    /// ## Unknown values
    /// An `Action` value that is not known before deployment and might cover one of the
    /// actions, or a `Resource` value that might be `*` (a parameter without a value, an
    /// `Fn::ImportValue`), gives an `info` finding naming it; `!GetAtt` and `!Sub` ARNs are never
    /// `*`. So does an `Effect`, a statement or a whole document that is not known. A condition
    /// that is not known counts as restricting.
    PolicyCredentialsExposure {
        code: "CFN3105",
        name: "iam-policy-grants-credential-actions",
        severity: High,
        group: "iam",
        summary: "identity policy grants credential-returning actions (`sts:AssumeRole`, `iam:CreateAccessKey`...) on every resource",
        types: IDENTITY_POLICY_TYPES,
        xrefs: [Checkov("CKV_AWS_107")],
    }
}

impl Rule for PolicyCredentialsExposure {
    fn decl(&self) -> &'static crate::rule::Decl {
        &Self::DECL
    }

    fn check(&self, cx: &ResourceCx<'_>, hits: &mut Hits) {
        check_family(
            cx,
            hits,
            &Family {
                actions: CREDENTIAL_ACTIONS,
                kind: "credential-returning actions",
                consequence: "the responses carry credentials, tokens or keys",
                default: Severity::High,
            },
        );
    }
}
