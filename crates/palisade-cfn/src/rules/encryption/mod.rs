pub(crate) mod backup_vault_cmk;
pub(crate) mod codebuild_project_cmk;
pub(crate) mod dax_cluster;
pub(crate) mod docdb_cluster_storage;
pub(crate) mod dynamodb_table_cmk;
pub(crate) mod efs_file_system;
pub(crate) mod eks_secrets;
pub(crate) mod elasticache_at_rest;
pub(crate) mod elasticache_in_transit;
pub(crate) mod kinesis_stream;
pub(crate) mod log_group_cmk;
pub(crate) mod neptune_cluster_storage;
pub(crate) mod opensearch_at_rest;
pub(crate) mod opensearch_https;
pub(crate) mod opensearch_node_to_node;
pub(crate) mod rds_cluster_storage;
pub(crate) mod rds_instance_storage;
pub(crate) mod redshift_cluster;
pub(crate) mod sagemaker_notebook_cmk;
pub(crate) mod secret_cmk;
pub(crate) mod sns_topic_kms;
pub(crate) mod sqs_queue_cmk;
pub(crate) mod util;

use crate::rule::Rule;

/// This group's rules.
pub(crate) static RULES: &[&dyn Rule] = &[
    &rds_instance_storage::RdsInstanceStorageNotEncrypted,
    &rds_cluster_storage::RdsClusterStorageNotEncrypted,
    &efs_file_system::EfsFileSystemNotEncrypted,
    &elasticache_at_rest::ElastiCacheNotEncryptedAtRest,
    &elasticache_in_transit::ElastiCacheNotEncryptedInTransit,
    &redshift_cluster::RedshiftClusterNotEncrypted,
    &neptune_cluster_storage::NeptuneClusterStorageNotEncrypted,
    &docdb_cluster_storage::DocDbClusterStorageNotEncrypted,
    &sqs_queue_cmk::SqsQueueWithoutCmk,
    &sns_topic_kms::SnsTopicNotEncryptedWithKms,
    &kinesis_stream::KinesisStreamWithoutKms,
    &dynamodb_table_cmk::DynamoDbTableWithoutCmk,
    &opensearch_at_rest::OpenSearchNotEncryptedAtRest,
    &opensearch_node_to_node::OpenSearchNodeToNodeDisabled,
    &opensearch_https::OpenSearchHttpsNotEnforced,
    &log_group_cmk::LogGroupWithoutCmk,
    &secret_cmk::SecretWithoutCmk,
    &dax_cluster::DaxClusterNotEncrypted,
    &eks_secrets::EksSecretsNotEncryptedWithKms,
    &sagemaker_notebook_cmk::SageMakerNotebookWithoutCmk,
    &codebuild_project_cmk::CodeBuildProjectWithoutCmk,
    &backup_vault_cmk::BackupVaultWithoutCmk,
];
