pub(crate) mod cluster_audit_log_export;
pub(crate) mod cluster_backup_retention;
pub(crate) mod docdb_audit_logs;
pub(crate) mod docdb_tls_disabled;
pub(crate) mod dynamodb_billing_mode;
pub(crate) mod dynamodb_global_table_pitr;
pub(crate) mod dynamodb_table_pitr;
pub(crate) mod elasticache_auth;
pub(crate) mod mq_broker_audit_logs;
pub(crate) mod mq_broker_cmk;
pub(crate) mod opensearch_audit_logs;
pub(crate) mod opensearch_vpc;
pub(crate) mod qldb_deletion_protection;
pub(crate) mod qldb_permissions_mode;
pub(crate) mod rds_backups_disabled;
pub(crate) mod rds_enhanced_monitoring;
pub(crate) mod rds_iam_auth;
pub(crate) mod rds_multi_az;
pub(crate) mod rds_tls;
pub(crate) mod redshift_logging;
pub(crate) mod redshift_tls;
pub(crate) mod timestream_cmk;
pub(crate) mod util;

use crate::rule::Rule;

/// This group's rules.
pub(crate) static RULES: &[&dyn Rule] = &[
    &dynamodb_billing_mode::DynamoDbBillingModeNotSet,
    &dynamodb_table_pitr::DynamoDbTablePitrDisabled,
    &dynamodb_global_table_pitr::DynamoDbGlobalTablePitrDisabled,
    &rds_backups_disabled::RdsInstanceBackupsDisabled,
    &rds_enhanced_monitoring::RdsEnhancedMonitoringDisabled,
    &rds_multi_az::RdsInstanceNotMultiAz,
    &rds_iam_auth::RdsIamAuthDisabled,
    &rds_tls::RdsTlsNotRequired,
    &mq_broker_cmk::MqBrokerWithoutCmk,
    &mq_broker_audit_logs::MqBrokerAuditLogsDisabled,
    &elasticache_auth::ElastiCacheWithoutAuth,
    &redshift_logging::RedshiftAuditLoggingDisabled,
    &redshift_tls::RedshiftTlsNotRequired,
    &opensearch_audit_logs::OpenSearchAuditLogsDisabled,
    &opensearch_vpc::OpenSearchNotInVpc,
    &cluster_audit_log_export::ClusterAuditLogsNotExported,
    &docdb_tls_disabled::DocDbTlsDisabled,
    &docdb_audit_logs::DocDbAuditLogsDisabled,
    &cluster_backup_retention::ClusterBackupRetentionShort,
    &timestream_cmk::TimestreamWithoutCmk,
    &qldb_permissions_mode::QldbPermissionsAllowAll,
    &qldb_deletion_protection::QldbDeletionProtectionDisabled,
];
