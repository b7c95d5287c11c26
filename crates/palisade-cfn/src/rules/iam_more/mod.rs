//! More IAM-related rules: IoT policies, policy complexity, account-wide trust, credential,
//! data and permissions-management grants, SageMaker notebook roles, login profiles, and two
//! hygiene checks (explicit physical names, buckets without a bucket policy).

pub(crate) mod bucket_without_policy;
pub(crate) mod credentials_exposure;
pub(crate) mod data_exfiltration;
pub(crate) mod explicit_name;
pub(crate) mod iot_all_actions;
pub(crate) mod iot_all_resources;
pub(crate) mod permissions_management;
pub(crate) mod policy_complexity;
pub(crate) mod sagemaker_notebook_role;
pub(crate) mod trust_whole_account;
pub(crate) mod user_password_reset;
pub(crate) mod util;

use crate::rule::Rule;

/// This group's rules.
pub(crate) static RULES: &[&dyn Rule] = &[
    &iot_all_actions::IotPolicyAllowsAllActions,
    &iot_all_resources::IotPolicyAllowsAllResources,
    &policy_complexity::PolicyComplexity,
    &trust_whole_account::TrustPolicyWholeAccount,
    &credentials_exposure::PolicyCredentialsExposure,
    &data_exfiltration::PolicyDataExfiltration,
    &permissions_management::PolicyPermissionsManagement,
    &sagemaker_notebook_role::SageMakerNotebookRoleOverlyPermissive,
    &explicit_name::ResourceExplicitName,
    &user_password_reset::UserPasswordResetNotRequired,
    &bucket_without_policy::BucketWithoutPolicy,
];
