//! Network perimeter rules: network ACL entries, VPC flow logs, WAF coverage, TLS on custom
//! domains and origins, and services exposed to the internet.

pub(crate) mod acm_wildcard_certificate;
pub(crate) mod alb_keeps_invalid_headers;
pub(crate) mod apigw_domain_tls_1_0;
pub(crate) mod appsync_without_waf;
pub(crate) mod cloudfront_origin_not_https;
pub(crate) mod cloudfront_without_waf;
pub(crate) mod eks_nodegroup_ssh_open;
pub(crate) mod gamelift_port_range;
pub(crate) mod mq_broker_public;
pub(crate) mod msk_public_access;
pub(crate) mod nacl;
pub(crate) mod nacl_allows_all_ports;
pub(crate) mod nacl_allows_all_protocols;
pub(crate) mod nacl_deny_overridden;
pub(crate) mod nacl_duplicate_rule_number;
pub(crate) mod nacl_entry_never_applies;
pub(crate) mod redshift_without_subnet_group;
pub(crate) mod transfer_server_public;
pub(crate) mod util;
pub(crate) mod vpc_without_flow_log;
pub(crate) mod vpce_service_auto_accept;
pub(crate) mod waf_classic_default_allow;
pub(crate) mod wafv2_without_log4j_rules;

use crate::rule::Rule;

/// This group's rules.
pub(crate) static RULES: &[&dyn Rule] = &[
    &nacl_duplicate_rule_number::NaclEntryDuplicateRuleNumber,
    &nacl_allows_all_protocols::NaclEntryAllowsAllProtocols,
    &nacl_allows_all_ports::NaclEntryAllowsAllPorts,
    &nacl_deny_overridden::NaclDenyEntryOverridden,
    &nacl_entry_never_applies::NaclEntryNeverApplies,
    &vpc_without_flow_log::VpcWithoutFlowLog,
    &gamelift_port_range::GameLiftFleetInboundPortRange,
    &waf_classic_default_allow::WafClassicWebAclDefaultAllow,
    &wafv2_without_log4j_rules::Wafv2WebAclWithoutLog4jRules,
    &appsync_without_waf::AppSyncApiWithoutWaf,
    &cloudfront_without_waf::CloudFrontDistributionWithoutWaf,
    &cloudfront_origin_not_https::CloudFrontOriginNotHttpsOnly,
    &acm_wildcard_certificate::AcmCertificateWildcardDomain,
    &apigw_domain_tls_1_0::ApiGatewayDomainAcceptsTls10,
    &eks_nodegroup_ssh_open::EksNodegroupSshOpenToWorld,
    &vpce_service_auto_accept::VpcEndpointServiceAutoAccept,
    &alb_keeps_invalid_headers::AlbKeepsInvalidHeaderFields,
    &transfer_server_public::TransferServerPublicEndpoint,
    &msk_public_access::MskClusterPublicAccess,
    &redshift_without_subnet_group::RedshiftClusterWithoutSubnetGroup,
    &mq_broker_public::MqBrokerPubliclyAccessible,
];
