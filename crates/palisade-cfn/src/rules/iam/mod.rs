pub(crate) mod allow_not_action;
pub(crate) mod allow_not_principal;
pub(crate) mod allow_not_resource;
pub(crate) mod bucket_policy_no_tls;
pub(crate) mod kms_key_any_principal;
pub(crate) mod lambda_permission_action;
pub(crate) mod lambda_permission_any_principal;
pub(crate) mod lambda_permission_service_source;
pub(crate) mod managed_admin_policy;
pub(crate) mod managed_privileged_policy;
pub(crate) mod pass_role_any_resource;
pub(crate) mod policy_all_actions;
pub(crate) mod policy_all_resources;
pub(crate) mod policy_attached_to_user;
pub(crate) mod resource_policy_all_actions;
pub(crate) mod resource_policy_any_principal;
pub(crate) mod trust_all_actions;
pub(crate) mod trust_any_principal;
pub(crate) mod user_without_group;
pub(crate) mod util;

use crate::rule::Rule;

/// This group's rules.
pub(crate) static RULES: &[&dyn Rule] = &[
    &policy_all_actions::PolicyAllowsAllActions,
    &policy_all_resources::PolicyAllowsAllResources,
    &allow_not_action::AllowWithNotAction,
    &allow_not_resource::AllowWithNotResource,
    &allow_not_principal::AllowWithNotPrincipal,
    &pass_role_any_resource::PassRoleOnAnyResource,
    &trust_all_actions::TrustPolicyAllowsAllActions,
    &trust_any_principal::TrustPolicyAnyPrincipal,
    &managed_admin_policy::AwsManagedAdminPolicy,
    &managed_privileged_policy::AwsManagedPrivilegedPolicy,
    &policy_attached_to_user::PolicyAttachedToUser,
    &user_without_group::UserWithoutGroup,
    &resource_policy_any_principal::ResourcePolicyAnyPrincipal,
    &resource_policy_all_actions::ResourcePolicyAllActions,
    &kms_key_any_principal::KmsKeyPolicyAnyPrincipal,
    &bucket_policy_no_tls::BucketPolicyNoTlsEnforcement,
    &lambda_permission_any_principal::LambdaPermissionAnyPrincipal,
    &lambda_permission_service_source::LambdaPermissionServiceWithoutSource,
    &lambda_permission_action::LambdaPermissionNonInvokeAction,
];
