//! Serverless and application services: API Gateway stages, Lambda functions (and their SAM
//! forms), AppSync and Cognito, and hard-coded secrets in function environments, EC2 user data
//! and SSM parameters.

pub(crate) mod apigw_cache_not_encrypted;
pub(crate) mod apigw_caching_disabled;
pub(crate) mod apigw_deployment_access_logging;
pub(crate) mod apigw_stage_without_usage_plan;
pub(crate) mod apigw_xray_disabled;
pub(crate) mod appsync_field_logging_disabled;
pub(crate) mod appsync_logging_disabled;
pub(crate) mod cognito_identity_pool_unauthenticated;
pub(crate) mod cognito_user_pool_mfa_off;
pub(crate) mod ec2_user_data_secret;
pub(crate) mod lambda_deprecated_runtime;
pub(crate) mod lambda_environment_not_cmk;
pub(crate) mod lambda_environment_secret;
pub(crate) mod lambda_no_dead_letter_queue;
pub(crate) mod lambda_no_reserved_concurrency;
pub(crate) mod lambda_not_in_vpc;
pub(crate) mod lambda_role_no_logs;
pub(crate) mod lambda_url_auth_none;
pub(crate) mod lambda_url_cors_any_origin;
pub(crate) mod ssm_parameter_secret;
pub(crate) mod util;

use crate::rule::Rule;

/// This group's rules.
pub(crate) static RULES: &[&dyn Rule] = &[
    &apigw_deployment_access_logging::ApiGatewayDeploymentStageAccessLogging,
    &apigw_stage_without_usage_plan::ApiGatewayStageWithoutUsagePlan,
    &apigw_cache_not_encrypted::ApiGatewayCacheNotEncrypted,
    &apigw_xray_disabled::ApiGatewayXrayTracingDisabled,
    &apigw_caching_disabled::ApiGatewayCachingDisabled,
    &lambda_role_no_logs::LambdaRoleCannotWriteLogs,
    &lambda_not_in_vpc::LambdaNotInVpc,
    &lambda_no_reserved_concurrency::LambdaNoReservedConcurrency,
    &lambda_no_dead_letter_queue::LambdaNoDeadLetterQueue,
    &lambda_environment_not_cmk::LambdaEnvironmentNotCmkEncrypted,
    &lambda_deprecated_runtime::LambdaDeprecatedRuntime,
    &lambda_url_auth_none::LambdaUrlWithoutAuth,
    &lambda_url_cors_any_origin::LambdaUrlCorsAnyOrigin,
    &lambda_environment_secret::LambdaEnvironmentSecret,
    &ec2_user_data_secret::Ec2UserDataSecret,
    &ssm_parameter_secret::SsmParameterSecret,
    &appsync_logging_disabled::AppSyncLoggingDisabled,
    &appsync_field_logging_disabled::AppSyncFieldLoggingDisabled,
    &cognito_identity_pool_unauthenticated::CognitoIdentityPoolGuestAccess,
    &cognito_user_pool_mfa_off::CognitoUserPoolMfaOff,
];
