pub(crate) mod athena_workgroup_enforce;
pub(crate) mod batch_privileged_container;
pub(crate) mod bedrock_agent_cmk;
pub(crate) mod dlm_cross_region_copy;
pub(crate) mod ecr_image_tags_mutable;
pub(crate) mod ecr_policy_public;
pub(crate) mod ecr_repository_kms;
pub(crate) mod ecr_scan_on_push;
pub(crate) mod ecs_container_insights;
pub(crate) mod ecs_efs_transit_encryption;
pub(crate) mod emr_cluster_security_configuration;
pub(crate) mod emr_security_configuration_encryption;
pub(crate) mod firehose_stream_sse;
pub(crate) mod glue_component_security_configuration;
pub(crate) mod glue_data_catalog_encryption;
pub(crate) mod glue_security_configuration_encryption;
pub(crate) mod kendra_index_cmk;
pub(crate) mod msk_broker_logging;
pub(crate) mod msk_plaintext_traffic;
pub(crate) mod sagemaker_data_quality_output_cmk;
pub(crate) mod sagemaker_data_quality_traffic;
pub(crate) mod sagemaker_data_quality_volume_cmk;
pub(crate) mod sagemaker_endpoint_config_cmk;
pub(crate) mod sagemaker_model_network_isolation;
pub(crate) mod sagemaker_notebook_imdsv1;
pub(crate) mod simpledb_domain;
pub(crate) mod util;
pub(crate) mod workspaces_volume_encryption;

use crate::rule::Rule;

/// This group's rules: analytics, containers, machine learning and storage services.
pub(crate) static RULES: &[&dyn Rule] = &[
    &workspaces_volume_encryption::WorkspacesVolumeNotEncrypted,
    &kendra_index_cmk::KendraIndexWithoutCmk,
    &dlm_cross_region_copy::DlmCrossRegionCopyNotEncrypted,
    &firehose_stream_sse::FirehoseDirectPutNotEncrypted,
    &sagemaker_endpoint_config_cmk::SageMakerEndpointConfigWithoutCmk,
    &emr_security_configuration_encryption::EmrSecurityConfigurationEncryptionIncomplete,
    &emr_cluster_security_configuration::EmrClusterWithoutSecurityConfiguration,
    &simpledb_domain::SimpleDbDomainDeclared,
    &batch_privileged_container::BatchPrivilegedContainer,
    &athena_workgroup_enforce::AthenaWorkgroupNotEnforced,
    &glue_data_catalog_encryption::GlueDataCatalogNotEncrypted,
    &glue_security_configuration_encryption::GlueSecurityConfigurationUnencrypted,
    &glue_component_security_configuration::GlueComponentWithoutSecurityConfiguration,
    &sagemaker_data_quality_output_cmk::DataQualityOutputWithoutCmk,
    &sagemaker_data_quality_volume_cmk::DataQualityVolumeWithoutCmk,
    &sagemaker_data_quality_traffic::DataQualityTrafficNotEncrypted,
    &sagemaker_model_network_isolation::SageMakerModelWithoutNetworkIsolation,
    &sagemaker_notebook_imdsv1::SageMakerNotebookImdsv1Allowed,
    &bedrock_agent_cmk::BedrockAgentWithoutCmk,
    &ecr_policy_public::EcrRepositoryPolicyPublic,
    &ecr_image_tags_mutable::EcrImageTagsMutable,
    &ecr_repository_kms::EcrRepositoryWithoutKms,
    &ecr_scan_on_push::EcrScanOnPushDisabled,
    &ecs_container_insights::EcsContainerInsightsDisabled,
    &ecs_efs_transit_encryption::EcsEfsTransitEncryptionDisabled,
    &msk_broker_logging::MskBrokerLoggingDisabled,
    &msk_plaintext_traffic::MskPlaintextTraffic,
];
