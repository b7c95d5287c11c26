pub(crate) mod apigw_stage_access_logging;
pub(crate) mod apigwv2_stage_access_logging;
pub(crate) mod cloudfront_access_logging;
pub(crate) mod elb_classic_access_logging;
pub(crate) mod elbv2_access_logging;
pub(crate) mod log_group_retention;
pub(crate) mod trail_kms_encryption;
pub(crate) mod trail_log_file_validation;
pub(crate) mod trail_multi_region;
pub(crate) mod util;

use crate::rule::Rule;

/// This group's rules.
pub(crate) static RULES: &[&dyn Rule] = &[
    &trail_log_file_validation::TrailLogFileValidation,
    &trail_multi_region::TrailMultiRegion,
    &trail_kms_encryption::TrailKmsEncryption,
    &cloudfront_access_logging::CloudFrontAccessLogging,
    &elb_classic_access_logging::ElbClassicAccessLogging,
    &elbv2_access_logging::Elbv2AccessLogging,
    &apigw_stage_access_logging::ApiGatewayStageAccessLogging,
    &apigwv2_stage_access_logging::ApiGatewayV2StageAccessLogging,
    &log_group_retention::LogGroupRetention,
];
