pub(crate) mod apigw_method_no_auth;
pub(crate) mod cloudfront_viewer_protocol;
pub(crate) mod cloudfront_viewer_tls;
pub(crate) mod dms_public;
pub(crate) mod elb_classic_listener_plaintext;
pub(crate) mod elbv2_listener_http;
pub(crate) mod elbv2_listener_tls_policy;
pub(crate) mod kms_key_rotation;
pub(crate) mod rds_deletion_protection;
pub(crate) mod rds_public;
pub(crate) mod redshift_public;

use crate::rule::Rule;

/// This group's rules.
pub(crate) static RULES: &[&dyn Rule] = &[
    &elbv2_listener_http::Elbv2ListenerHttp,
    &elbv2_listener_tls_policy::Elbv2ListenerTlsPolicy,
    &elb_classic_listener_plaintext::ElbClassicListenerPlaintext,
    &cloudfront_viewer_protocol::CloudFrontViewerProtocol,
    &cloudfront_viewer_tls::CloudFrontViewerTls,
    &apigw_method_no_auth::ApiGatewayMethodNoAuth,
    &rds_public::RdsInstancePublic,
    &rds_deletion_protection::RdsDeletionProtection,
    &dms_public::DmsReplicationInstancePublic,
    &redshift_public::RedshiftClusterPublic,
    &kms_key_rotation::KmsKeyRotation,
];
