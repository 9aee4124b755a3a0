import { createRequire as __plangateRequire } from 'node:module'; const require = __plangateRequire(import.meta.url);
import {
  DEFAULT_OVERRIDE_LABEL,
  MATCH_ACTIONS,
  Minimatch,
  SEVERITIES
} from "./chunk-DDHS3BWW.js";
import {
  InputError,
  isObject
} from "./chunk-2GF3HBOD.js";

// src/load-yaml.ts
async function loadYaml() {
  const mod = await import("./dist-NDH55GF2.js");
  return mod.default ?? mod;
}
function yamlProblem(doc, what = "YAML") {
  const problem = doc.errors[0];
  if (!problem) return void 0;
  const at = problem.linePos?.[0];
  const message = (problem.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
  return `invalid ${what}${at ? ` at line ${at.line} column ${at.col}` : ""}: ${message}`;
}

// src/rules/strictness.ts
function compareStrictness(a, b) {
  return b.approvals - a.approvals || SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
}
function strictestRule(rules) {
  return [...rules].sort(compareStrictness)[0];
}

// src/rules/gate.ts
var GATE_RULE = "gate-files-changed";
function gateFileGlobs(configPath, extra = []) {
  return [configPath, ".github/workflows/**", ".github/actions/**", "CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS", ...extra];
}
function isGateFile(filename, globs) {
  return globs.some((glob) => new Minimatch(glob, { dot: true }).match(filename));
}
function gateRule(ruleSet, configPath) {
  const named = strictestRule(ruleSet.rules.filter((r) => r.approvers.teams.length + r.approvers.users.length > 0));
  const approvers = ruleSet.gateApprovers ?? named?.approvers ?? { teams: [], users: [] };
  return {
    name: GATE_RULE,
    reason: "A change to plangate's config, the workflows or CODEOWNERS can loosen the gate itself, so it needs the approval the strictest rule asks for.",
    severity: "critical",
    approvals: Math.max(1, ...ruleSet.rules.map((r) => r.approvals)),
    approvers: { teams: [...approvers.teams], users: [...approvers.users] },
    // Matched against the pull request's changed files, not against plans.
    match: { addresses: gateFileGlobs(configPath, ruleSet.gateFiles), actions: ["protection-removed"] }
  };
}
function isProtectedBase(base, protectedBranches, globs) {
  return protectedBranches.includes(base) || globs.some((glob) => new Minimatch(glob).match(base));
}

// rules/aws.yml
var aws_default = { "description": "Stateful and hard-to-recreate AWS resources (hashicorp/aws provider).", "rules": [{ "name": "aws-relational-databases", "reason": "Relational database: deleting it destroys its data unless a final snapshot is taken.", "severity": "critical", "match": { "types": ["aws_db_instance", "aws_rds_cluster", "aws_dsql_cluster", "aws_lightsail_database"] } }, { "name": "aws-document-graph-databases", "reason": "Document or graph database cluster: deleting it destroys its data unless a final snapshot is taken.", "severity": "critical", "match": { "types": ["aws_docdb_cluster", "aws_docdbelastic_cluster", "aws_neptune_cluster"] } }, { "name": "aws-global-databases", "reason": "Global database or cache: deleting it ends the cross-region replication and failover its member clusters rely on.", "severity": "high", "match": { "types": ["aws_rds_global_cluster", "aws_docdb_global_cluster", "aws_neptune_global_cluster", "aws_memorydb_multi_region_cluster", "aws_elasticache_global_replication_group"] } }, { "name": "aws-nosql-databases", "reason": "NoSQL table, keyspace or database: deleting it destroys every item stored in it.", "severity": "critical", "match": { "types": ["aws_dynamodb_table", "aws_dynamodb_global_table", "aws_dynamodb_table_replica", "aws_keyspaces_keyspace", "aws_keyspaces_table", "aws_memorydb_cluster"] } }, { "name": "aws-time-series-databases", "reason": "Time-series database or table: deleting it destroys every record stored in it.", "severity": "critical", "match": { "types": ["aws_timestreamwrite_database", "aws_timestreamwrite_table", "aws_timestreaminfluxdb_db_instance"] } }, { "name": "aws-data-warehouses", "reason": "Data warehouse or table store: deleting it destroys its tables and their data unless a final snapshot is taken.", "severity": "critical", "match": { "types": ["aws_redshift_cluster", "aws_redshiftserverless_namespace", "aws_s3tables_table_bucket", "aws_s3tables_table"] } }, { "name": "aws-object-storage", "reason": "Object storage: deleting it destroys every object in it (Terraform empties it first when force_destroy is set).", "severity": "critical", "match": { "types": ["aws_s3_bucket", "aws_s3_directory_bucket", "aws_s3control_bucket", "aws_glacier_vault", "aws_lightsail_bucket"] } }, { "name": "aws-block-volumes", "reason": "Block volume: deleting it destroys the data on it unless a snapshot was taken.", "severity": "critical", "match": { "types": ["aws_ebs_volume", "aws_lightsail_disk"] } }, { "name": "aws-file-systems", "reason": "File system: deleting it destroys every file on it unless a final backup is taken.", "severity": "critical", "match": { "types": ["aws_efs_file_system", "aws_fsx_lustre_file_system", "aws_fsx_windows_file_system", "aws_fsx_ontap_file_system", "aws_fsx_openzfs_file_system", "aws_fsx_ontap_volume", "aws_fsx_openzfs_volume"] } }, { "name": "aws-backups", "reason": "Backup vault or snapshot: deleting it destroys recovery points needed to restore lost data.", "severity": "high", "match": { "types": ["aws_backup_vault", "aws_backup_logically_air_gapped_vault", "aws_db_snapshot", "aws_db_cluster_snapshot", "aws_docdb_cluster_snapshot", "aws_neptune_cluster_snapshot", "aws_ebs_snapshot", "aws_ebs_snapshot_copy", "aws_fsx_backup"] } }, { "name": "aws-encryption-keys", "reason": "Encryption key: once deleted (after its waiting period) every piece of data encrypted with it is unreadable.", "severity": "critical", "match": { "types": ["aws_kms_key", "aws_kms_replica_key", "aws_kms_external_key", "aws_kms_replica_external_key", "aws_cloudhsm_v2_cluster"] } }, { "name": "aws-certificate-authorities", "reason": "Private certificate authority: deleting it loses its signing key; certificates it issued can no longer be renewed or revoked.", "severity": "high", "match": { "types": ["aws_acmpca_certificate_authority"] } }, { "name": "aws-caches", "reason": "Cache with data: deleting it loses every key in it unless a final snapshot is taken.", "severity": "high", "match": { "types": ["aws_elasticache_replication_group", "aws_elasticache_cluster", "aws_elasticache_serverless_cache"] } }, { "name": "aws-dns-zones", "reason": "DNS zone: deleting it removes every record in it, and a new zone gets new name servers that must be delegated again.", "severity": "high", "match": { "types": ["aws_route53_zone"] } }, { "name": "aws-secrets", "reason": "Secret: deleting it loses its value after the recovery window, and everything that reads it fails.", "severity": "high", "match": { "types": ["aws_secretsmanager_secret"] } }, { "name": "aws-parameters", "reason": "SSM parameter: deleting it loses its value (SecureString parameters often hold secrets).", "severity": "medium", "match": { "types": ["aws_ssm_parameter"] } }, { "name": "aws-identity", "reason": "User directory or identity pool: deleting it destroys every user, password and identity in it; they cannot be recreated with the same ids.", "severity": "high", "match": { "types": ["aws_cognito_user_pool", "aws_cognito_identity_pool", "aws_directory_service_directory"] } }, { "name": "aws-accounts", "reason": "AWS account: deleting it removes the account from the organization, or closes it when close_on_deletion is set.", "severity": "high", "match": { "types": ["aws_organizations_account"] } }, { "name": "aws-registries", "reason": "Image or package repository: deleting it destroys every image or package version stored in it.", "severity": "high", "match": { "types": ["aws_ecr_repository", "aws_ecrpublic_repository", "aws_codeartifact_repository", "aws_codeartifact_domain"] } }, { "name": "aws-source-repositories", "reason": "Source repository: deleting it destroys its Git history, branches and pull requests.", "severity": "critical", "match": { "types": ["aws_codecommit_repository"] } }, { "name": "aws-search-domains", "reason": "Search domain: deleting it destroys its indexes, which must be rebuilt or restored from a snapshot.", "severity": "high", "match": { "types": ["aws_opensearch_domain", "aws_elasticsearch_domain", "aws_opensearchserverless_collection", "aws_cloudsearch_domain"] } }, { "name": "aws-streams", "reason": "Stream or message broker: deleting it loses every retained record or message not yet consumed.", "severity": "high", "match": { "types": ["aws_kinesis_stream", "aws_kinesis_video_stream", "aws_msk_cluster", "aws_msk_serverless_cluster", "aws_mq_broker"] } }, { "name": "aws-queues", "reason": "Queue: deleting it loses every message waiting in it.", "severity": "medium", "match": { "types": ["aws_sqs_queue"] } }, { "name": "aws-networks", "reason": "Network: deleting or replacing it takes down everything attached to it (instances, load balancers, endpoints, peerings).", "severity": "high", "match": { "types": ["aws_vpc", "aws_subnet", "aws_ec2_transit_gateway"] } }, { "name": "aws-static-ips", "reason": "Elastic IP: a released address cannot be got back, so DNS records and allow-lists that name it break.", "severity": "high", "match": { "types": ["aws_eip"] } }, { "name": "aws-logs", "reason": "Log store: deleting it destroys the logs or events in it, which audits and investigations may need.", "severity": "medium", "match": { "types": ["aws_cloudwatch_log_group", "aws_cloudtrail_event_data_store"] } }] };

// rules/azure.yml
var azure_default = { "description": "Stateful and hard-to-recreate Azure resources (hashicorp/azurerm provider).", "rules": [{ "name": "azure-resource-groups", "reason": "Resource group: deleting it deletes every resource inside it.", "severity": "critical", "match": { "types": ["azurerm_resource_group"] } }, { "name": "azure-relational-databases", "reason": "Relational database or server: deleting it destroys its data, and deleting a server deletes its automatic backups too.", "severity": "critical", "match": { "types": ["azurerm_mssql_server", "azurerm_mssql_database", "azurerm_mssql_managed_instance", "azurerm_mssql_managed_database", "azurerm_postgresql_flexible_server", "azurerm_postgresql_flexible_server_database", "azurerm_mysql_flexible_server", "azurerm_mysql_flexible_database", "azurerm_cosmosdb_postgresql_cluster", "azurerm_postgresql_server", "azurerm_postgresql_database", "azurerm_mysql_server", "azurerm_mysql_database", "azurerm_mariadb_server", "azurerm_mariadb_database", "azurerm_sql_server", "azurerm_sql_database"] } }, { "name": "azure-nosql-databases", "reason": "Cosmos DB or MongoDB account, database or container: deleting it destroys every document, row or graph element in it.", "severity": "critical", "match": { "types": ["azurerm_cosmosdb_account", "azurerm_cosmosdb_sql_database", "azurerm_cosmosdb_sql_container", "azurerm_cosmosdb_mongo_database", "azurerm_cosmosdb_mongo_collection", "azurerm_cosmosdb_cassandra_keyspace", "azurerm_cosmosdb_cassandra_table", "azurerm_cosmosdb_gremlin_database", "azurerm_cosmosdb_gremlin_graph", "azurerm_cosmosdb_table", "azurerm_mongo_cluster"] } }, { "name": "azure-analytics-databases", "reason": "Data Explorer or Synapse store: deleting it destroys the data ingested into it.", "severity": "critical", "match": { "types": ["azurerm_kusto_cluster", "azurerm_kusto_database", "azurerm_synapse_workspace", "azurerm_synapse_sql_pool"] } }, { "name": "azure-storage", "reason": "Storage account, container or table: deleting it destroys every blob, file or entity stored in it.", "severity": "critical", "match": { "types": ["azurerm_storage_account", "azurerm_storage_container", "azurerm_storage_data_lake_gen2_filesystem", "azurerm_storage_table"] } }, { "name": "azure-file-systems", "reason": "File share or file system: deleting it destroys every file on it.", "severity": "critical", "match": { "types": ["azurerm_storage_share", "azurerm_netapp_volume", "azurerm_managed_lustre_file_system"] } }, { "name": "azure-disks", "reason": "Managed disk or SAN volume: deleting it destroys the data on it unless a snapshot was taken.", "severity": "critical", "match": { "types": ["azurerm_managed_disk", "azurerm_elastic_san", "azurerm_elastic_san_volume"] } }, { "name": "azure-backups", "reason": "Backup vault or snapshot: deleting it destroys recovery points needed to restore lost data.", "severity": "high", "match": { "types": ["azurerm_recovery_services_vault", "azurerm_data_protection_backup_vault", "azurerm_snapshot"] } }, { "name": "azure-key-vaults", "reason": "Key vault, HSM or key: once deleted and purged, every piece of data encrypted with its keys is unreadable.", "severity": "critical", "match": { "types": ["azurerm_key_vault", "azurerm_key_vault_key", "azurerm_key_vault_managed_hardware_security_module", "azurerm_key_vault_managed_hardware_security_module_key"] } }, { "name": "azure-secrets", "reason": "Key Vault secret or certificate: deleting it loses its value or private key, and everything that reads it fails.", "severity": "high", "match": { "types": ["azurerm_key_vault_secret", "azurerm_key_vault_certificate"] } }, { "name": "azure-caches", "reason": "Redis cache: deleting it loses every key in it unless it was exported or persisted.", "severity": "high", "match": { "types": ["azurerm_redis_cache", "azurerm_redis_enterprise_cluster", "azurerm_redis_enterprise_database", "azurerm_managed_redis"] } }, { "name": "azure-dns-zones", "reason": "DNS zone: deleting it removes every record in it, and a new public zone gets new name servers that must be delegated again.", "severity": "high", "match": { "types": ["azurerm_dns_zone", "azurerm_private_dns_zone"] } }, { "name": "azure-identity", "reason": "Managed identity or directory: deleting it destroys its identities; a recreated one gets new ids, so existing role assignments and sign-ins stop working.", "severity": "high", "match": { "types": ["azurerm_user_assigned_identity", "azurerm_aadb2c_directory", "azurerm_active_directory_domain_service"] } }, { "name": "azure-registries", "reason": "Container registry: deleting it destroys every image and artifact stored in it.", "severity": "high", "match": { "types": ["azurerm_container_registry"] } }, { "name": "azure-search", "reason": "Search service: deleting it destroys its indexes, which must be rebuilt from the source data.", "severity": "high", "match": { "types": ["azurerm_search_service"] } }, { "name": "azure-streams", "reason": "Event Hubs namespace or hub: deleting it loses every retained event not yet consumed.", "severity": "high", "match": { "types": ["azurerm_eventhub_namespace", "azurerm_eventhub"] } }, { "name": "azure-queues", "reason": "Service Bus or storage queue: deleting it loses every message waiting in it.", "severity": "medium", "match": { "types": ["azurerm_servicebus_namespace", "azurerm_servicebus_queue", "azurerm_servicebus_topic", "azurerm_storage_queue"] } }, { "name": "azure-networks", "reason": "Virtual network or subnet: deleting or replacing it takes down everything attached to it (VMs, private endpoints, peerings, gateways).", "severity": "high", "match": { "types": ["azurerm_virtual_network", "azurerm_subnet"] } }, { "name": "azure-static-ips", "reason": "Public IP address or prefix: a released address cannot be got back, so DNS records and allow-lists that name it break.", "severity": "high", "match": { "types": ["azurerm_public_ip", "azurerm_public_ip_prefix"] } }, { "name": "azure-logs", "reason": "Log Analytics workspace or Application Insights: deleting it destroys the logs and telemetry in it, which audits and investigations may need.", "severity": "medium", "match": { "types": ["azurerm_log_analytics_workspace", "azurerm_application_insights"] } }] };

// rules/cloudformation.yml
var cloudformation_default = { "description": "Stateful and hard-to-recreate AWS resources in CloudFormation change sets.", "rules": [{ "name": "cfn-relational-databases", "reason": "Relational database: deleting it destroys its data unless its DeletionPolicy is Snapshot or Retain.", "severity": "critical", "match": { "types": ["AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::DSQL::Cluster", "AWS::Lightsail::Database"] } }, { "name": "cfn-document-graph-databases", "reason": "Document or graph database cluster: deleting it destroys its data unless its DeletionPolicy is Snapshot or Retain.", "severity": "critical", "match": { "types": ["AWS::DocDB::DBCluster", "AWS::DocDBElastic::Cluster", "AWS::Neptune::DBCluster"] } }, { "name": "cfn-global-databases", "reason": "Global database or cache: deleting it ends the cross-region replication and failover its member clusters rely on.", "severity": "high", "match": { "types": ["AWS::RDS::GlobalCluster", "AWS::ElastiCache::GlobalReplicationGroup"] } }, { "name": "cfn-nosql-databases", "reason": "NoSQL table, keyspace or database: deleting it destroys every item stored in it.", "severity": "critical", "match": { "types": ["AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::Cassandra::Keyspace", "AWS::Cassandra::Table", "AWS::MemoryDB::Cluster"] } }, { "name": "cfn-time-series-databases", "reason": "Time-series database or table: deleting it destroys every record stored in it.", "severity": "critical", "match": { "types": ["AWS::Timestream::Database", "AWS::Timestream::Table", "AWS::Timestream::InfluxDBInstance"] } }, { "name": "cfn-data-warehouses", "reason": "Data warehouse or table store: deleting it destroys its tables and their data unless a final snapshot is taken.", "severity": "critical", "match": { "types": ["AWS::Redshift::Cluster", "AWS::RedshiftServerless::Namespace", "AWS::S3Tables::TableBucket", "AWS::S3Tables::Table"] } }, { "name": "cfn-object-storage", "reason": "Object storage: deleting it destroys every object in it (CloudFormation deletes a bucket only once something has emptied it).", "severity": "critical", "match": { "types": ["AWS::S3::Bucket", "AWS::S3Express::DirectoryBucket", "AWS::S3Outposts::Bucket", "AWS::Lightsail::Bucket"] } }, { "name": "cfn-block-volumes", "reason": "Block volume: deleting it destroys the data on it unless its DeletionPolicy is Snapshot or Retain.", "severity": "critical", "match": { "types": ["AWS::EC2::Volume", "AWS::Lightsail::Disk"] } }, { "name": "cfn-file-systems", "reason": "File system: deleting it destroys every file on it unless a final backup is taken.", "severity": "critical", "match": { "types": ["AWS::EFS::FileSystem", "AWS::FSx::FileSystem", "AWS::FSx::Volume"] } }, { "name": "cfn-backups", "reason": "Backup vault: deleting it destroys recovery points needed to restore lost data.", "severity": "high", "match": { "types": ["AWS::Backup::BackupVault", "AWS::Backup::LogicallyAirGappedBackupVault"] } }, { "name": "cfn-encryption-keys", "reason": "Encryption key: once deleted (after its waiting period) every piece of data encrypted with it is unreadable.", "severity": "critical", "match": { "types": ["AWS::KMS::Key", "AWS::KMS::ReplicaKey"] } }, { "name": "cfn-certificate-authorities", "reason": "Private certificate authority: deleting it loses its signing key; certificates it issued can no longer be renewed or revoked.", "severity": "high", "match": { "types": ["AWS::ACMPCA::CertificateAuthority"] } }, { "name": "cfn-caches", "reason": "Cache with data: deleting it loses every key in it unless a final snapshot is taken.", "severity": "high", "match": { "types": ["AWS::ElastiCache::ReplicationGroup", "AWS::ElastiCache::CacheCluster", "AWS::ElastiCache::ServerlessCache"] } }, { "name": "cfn-dns-zones", "reason": "DNS zone: deleting it removes every record in it, and a new zone gets new name servers that must be delegated again.", "severity": "high", "match": { "types": ["AWS::Route53::HostedZone"] } }, { "name": "cfn-secrets", "reason": "Secret: deleting it loses its value after the recovery window, and everything that reads it fails.", "severity": "high", "match": { "types": ["AWS::SecretsManager::Secret"] } }, { "name": "cfn-parameters", "reason": "SSM parameter: deleting it loses its value, and everything that reads it fails.", "severity": "medium", "match": { "types": ["AWS::SSM::Parameter"] } }, { "name": "cfn-identity", "reason": "User directory or identity pool: deleting it destroys every user, password and identity in it; they cannot be recreated with the same ids.", "severity": "high", "match": { "types": ["AWS::Cognito::UserPool", "AWS::Cognito::IdentityPool", "AWS::DirectoryService::MicrosoftAD", "AWS::DirectoryService::SimpleAD"] } }, { "name": "cfn-accounts", "reason": "AWS account: deleting it from the stack removes the account from the organization or closes it.", "severity": "high", "match": { "types": ["AWS::Organizations::Account"] } }, { "name": "cfn-registries", "reason": "Image or package repository: deleting it destroys every image or package version stored in it.", "severity": "high", "match": { "types": ["AWS::ECR::Repository", "AWS::ECR::PublicRepository", "AWS::CodeArtifact::Repository", "AWS::CodeArtifact::Domain"] } }, { "name": "cfn-source-repositories", "reason": "Source repository: deleting it destroys its Git history, branches and pull requests.", "severity": "critical", "match": { "types": ["AWS::CodeCommit::Repository"] } }, { "name": "cfn-search-domains", "reason": "Search domain: deleting it destroys its indexes, which must be rebuilt or restored from a snapshot.", "severity": "high", "match": { "types": ["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain", "AWS::OpenSearchServerless::Collection"] } }, { "name": "cfn-streams", "reason": "Stream or message broker: deleting it loses every retained record or message not yet consumed.", "severity": "high", "match": { "types": ["AWS::Kinesis::Stream", "AWS::KinesisVideo::Stream", "AWS::MSK::Cluster", "AWS::MSK::ServerlessCluster", "AWS::AmazonMQ::Broker"] } }, { "name": "cfn-queues", "reason": "Queue: deleting it loses every message waiting in it.", "severity": "medium", "match": { "types": ["AWS::SQS::Queue"] } }, { "name": "cfn-networks", "reason": "Network: deleting or replacing it takes down everything attached to it (instances, load balancers, endpoints, peerings).", "severity": "high", "match": { "types": ["AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::TransitGateway"] } }, { "name": "cfn-static-ips", "reason": "Elastic IP: a released address cannot be got back, so DNS records and allow-lists that name it break.", "severity": "high", "match": { "types": ["AWS::EC2::EIP"] } }, { "name": "cfn-logs", "reason": "Log store: deleting it destroys the logs or events in it, which audits and investigations may need.", "severity": "medium", "match": { "types": ["AWS::Logs::LogGroup", "AWS::CloudTrail::EventDataStore"] } }, { "name": "cfn-nested-stacks", "reason": "Nested stack: deleting it deletes every resource inside it, though the change set may show only the stack.", "severity": "high", "match": { "types": ["AWS::CloudFormation::Stack"] } }] };

// rules/google.yml
var google_default = { "description": "Stateful and hard-to-recreate Google Cloud resources (hashicorp/google and google-beta providers).", "rules": [{ "name": "google-relational-databases", "reason": "Relational database: deleting it destroys its data and, unless they are retained, its automatic backups.", "severity": "critical", "match": { "types": ["google_sql_database_instance", "google_sql_database", "google_alloydb_cluster", "google_spanner_instance", "google_spanner_database"] } }, { "name": "google-nosql-databases", "reason": "NoSQL database or table: deleting it destroys every row or document stored in it.", "severity": "critical", "match": { "types": ["google_bigtable_instance", "google_bigtable_table", "google_firestore_database"] } }, { "name": "google-data-warehouses", "reason": "BigQuery dataset or table: deleting it destroys its tables and their data.", "severity": "critical", "match": { "types": ["google_bigquery_dataset", "google_bigquery_table"] } }, { "name": "google-healthcare-stores", "reason": "Healthcare dataset or store: deleting it destroys the patient records, images or messages in it.", "severity": "critical", "match": { "types": ["google_healthcare_dataset", "google_healthcare_fhir_store", "google_healthcare_dicom_store", "google_healthcare_hl7_v2_store"] } }, { "name": "google-object-storage", "reason": "Storage bucket: deleting it destroys every object in it (Terraform empties it first when force_destroy is set).", "severity": "critical", "match": { "types": ["google_storage_bucket"] } }, { "name": "google-disks", "reason": "Persistent disk: deleting it destroys the data on it unless a snapshot was taken.", "severity": "critical", "match": { "types": ["google_compute_disk", "google_compute_region_disk"] } }, { "name": "google-file-systems", "reason": "File system: deleting it destroys every file on it.", "severity": "critical", "match": { "types": ["google_filestore_instance", "google_netapp_volume", "google_parallelstore_instance"] } }, { "name": "google-backups", "reason": "Backup vault, backup or snapshot: deleting it destroys recovery points needed to restore lost data.", "severity": "high", "match": { "types": ["google_compute_snapshot", "google_filestore_backup", "google_filestore_snapshot", "google_backup_dr_backup_vault", "google_netapp_backup_vault"] } }, { "name": "google-encryption-keys", "reason": "Cloud KMS key: once its versions are destroyed, every piece of data encrypted with them is unreadable.", "severity": "critical", "match": { "types": ["google_kms_key_ring", "google_kms_crypto_key", "google_kms_crypto_key_version"] } }, { "name": "google-caches", "reason": "Memorystore instance: deleting it loses every key in it unless it was exported or backed up.", "severity": "high", "match": { "types": ["google_redis_instance", "google_redis_cluster", "google_memorystore_instance"] } }, { "name": "google-dns-zones", "reason": "DNS zone: deleting it removes every record in it, and a new zone gets new name servers that must be delegated again.", "severity": "high", "match": { "types": ["google_dns_managed_zone"] } }, { "name": "google-secrets", "reason": "Secret or secret version: deleting it loses its value, and everything that reads it fails.", "severity": "high", "match": { "types": ["google_secret_manager_secret", "google_secret_manager_secret_version", "google_secret_manager_regional_secret", "google_secret_manager_regional_secret_version"] } }, { "name": "google-identity", "reason": "Identity platform, identity pool or service account: deleting it destroys its users or identity, and a recreated one gets new ids that existing grants do not name.", "severity": "high", "match": { "types": ["google_identity_platform_config", "google_identity_platform_tenant", "google_iam_workload_identity_pool", "google_iam_workforce_pool", "google_service_account"] } }, { "name": "google-registries", "reason": "Artifact Registry repository: deleting it destroys every image or package version stored in it.", "severity": "high", "match": { "types": ["google_artifact_registry_repository"] } }, { "name": "google-source-repositories", "reason": "Source repository: deleting it destroys its Git history and branches.", "severity": "critical", "match": { "types": ["google_sourcerepo_repository"] } }, { "name": "google-messaging", "reason": "Topic, subscription or task queue: deleting it loses every retained message or task not yet delivered.", "severity": "medium", "match": { "types": ["google_pubsub_topic", "google_pubsub_subscription", "google_cloud_tasks_queue"] } }, { "name": "google-networks", "reason": "VPC network or subnet: deleting or replacing it takes down everything attached to it (instances, clusters, peerings, private services).", "severity": "high", "match": { "types": ["google_compute_network", "google_compute_subnetwork"] } }, { "name": "google-static-ips", "reason": "Static IP address: a released address cannot be got back, so DNS records and allow-lists that name it break.", "severity": "high", "match": { "types": ["google_compute_address", "google_compute_global_address"] } }, { "name": "google-logs", "reason": "Log bucket: deleting it destroys the logs stored in it, which audits and investigations may need.", "severity": "medium", "match": { "types": ["google_logging_project_bucket_config", "google_logging_folder_bucket_config", "google_logging_organization_bucket_config"] } }, { "name": "google-projects", "reason": "Project: deleting it shuts down every resource in it, and it can be restored for 30 days only.", "severity": "critical", "match": { "types": ["google_project"] } }] };

// rules/kubernetes.yml
var kubernetes_default = { "description": "Stateful Kubernetes objects (hashicorp/kubernetes provider).", "rules": [{ "name": "k8s-persistent-volumes", "reason": "Persistent volume or claim: deleting it can delete the disk behind it (reclaim policy Delete) and the data on it.", "severity": "critical", "match": { "types": ["kubernetes_persistent_volume", "kubernetes_persistent_volume_v1", "kubernetes_persistent_volume_claim", "kubernetes_persistent_volume_claim_v1"] } }, { "name": "k8s-namespaces", "reason": "Namespace: deleting it deletes everything inside it, including volume claims and secrets.", "severity": "high", "match": { "types": ["kubernetes_namespace", "kubernetes_namespace_v1"] } }, { "name": "k8s-stateful-sets", "reason": "Stateful set: deleting or replacing it stops its pods, and deletes their volume claims too when its claim retention policy says Delete.", "severity": "high", "match": { "types": ["kubernetes_stateful_set", "kubernetes_stateful_set_v1"] } }, { "name": "k8s-secrets", "reason": "Secret: deleting it loses its values, and workloads that mount or read it fail to start.", "severity": "high", "match": { "types": ["kubernetes_secret", "kubernetes_secret_v1"] } }] };

// rules/recommended.yml
var recommended_default = { "description": "Stateful and hard-to-recreate resources on every supported platform, and any deletion guard switched off.", "extends": ["aws", "google", "azure", "kubernetes", "cloudformation"], "rules": [{ "name": "deletion-guard-removed", "reason": "Someone turned this guard on to stop deletion; switching it off is the first step of deleting the resource.", "severity": "high", "match": { "types": ["*"], "actions": ["protection-removed"] } }] };

// src/rules/repository-path.ts
function repositoryPathProblem(path) {
  if (path.startsWith("/")) return "a path relative to the repository root, without a leading /";
  if (path.endsWith("/")) return "a path without a trailing / (a directory is dir/**)";
  if (path.includes("\\")) return "a path with / between its parts";
  if (path.split("/").some((part) => part === "" || part === "." || part === "..")) return "a path without empty, . or .. parts";
  return void 0;
}

// src/rules/validate.ts
function validatePack(raw, source) {
  const v = new Validator(source);
  const doc = v.object(raw, "");
  v.onlyKeys(doc, "", ["description", "extends", "rules"]);
  return v.pack(doc);
}
function validateConfig(raw, source) {
  const v = new Validator(source);
  const doc = raw === null || raw === void 0 ? {} : v.object(raw, "");
  v.onlyKeys(doc, "", ["description", "extends", "rules", "ignore", "override-label", "gate-approvers", "gate-files", "protected-bases", "guard"]);
  const pack = v.pack(doc);
  const config = {
    description: pack.description,
    rules: pack.rules,
    ignore: doc.ignore === void 0 ? [] : v.strings(doc.ignore, "ignore"),
    protectedBases: doc["protected-bases"] === void 0 ? [] : v.strings(doc["protected-bases"], "protected-bases"),
    gateFiles: doc["gate-files"] === void 0 ? [] : v.paths(doc["gate-files"], "gate-files")
  };
  if (doc["gate-approvers"] !== void 0) {
    config.gateApprovers = v.approvers(doc["gate-approvers"], "gate-approvers");
    if (config.gateApprovers.teams.length + config.gateApprovers.users.length === 0) v.fail("gate-approvers", "at least one team or user (leave the key out to use the strictest rule's approvers)");
  }
  if (doc.extends !== void 0) config.extends = pack.extends;
  if (doc.guard !== void 0) config.guard = doc.guard;
  const label = doc["override-label"];
  if (label !== void 0) {
    config.overrideLabel = v.string(label, "override-label");
    if (config.overrideLabel.length > 50 || /[,\n]/.test(config.overrideLabel)) v.fail("override-label", "a GitHub label name: at most 50 characters, no commas or newlines", label);
  }
  return config;
}
var Validator = class {
  constructor(source) {
    this.source = source;
  }
  source;
  /** The keys a pack and a config share: description, extends, rules (names unique). */
  pack(doc) {
    const rules = this.list(doc.rules ?? [], "rules").map((r, i) => this.rule(r, `rules[${i}]`));
    const seen = /* @__PURE__ */ new Set();
    for (const [i, rule] of rules.entries()) {
      if (seen.has(rule.name)) this.fail(`rules[${i}].name`, `a unique rule name (${JSON.stringify(rule.name)} is used twice)`);
      seen.add(rule.name);
    }
    return {
      description: doc.description === void 0 ? "" : this.string(doc.description, "description"),
      extends: this.strings(doc.extends ?? [], "extends"),
      rules
    };
  }
  fail(path, expected, ...got) {
    const what = got.length === 0 ? "" : `, got ${describe(got[0])}`;
    throw new InputError(this.source, `${path || "(top level)"}: expected ${expected}${what}`);
  }
  object(value, path) {
    if (!isObject(value)) this.fail(path, "a mapping", value);
    return value;
  }
  onlyKeys(value, path, allowed) {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        const at = path ? `${path}.${key}` : key;
        throw new InputError(this.source, `${at}: unknown key ${JSON.stringify(key)}; expected one of ${allowed.join(", ")}`);
      }
    }
  }
  list(value, path) {
    if (!Array.isArray(value)) this.fail(path, "a list", value);
    return value;
  }
  string(value, path) {
    if (typeof value !== "string" || value.trim() === "") this.fail(path, "a non-empty string", value);
    return value;
  }
  strings(value, path) {
    return this.list(value, path).map((item, i) => this.string(item, `${path}[${i}]`));
  }
  /** Repository path globs, as GitHub names changed files. */
  paths(value, path) {
    return this.strings(value, path).map((glob, i) => {
      const problem = repositoryPathProblem(glob);
      if (problem) this.fail(`${path}[${i}]`, problem, glob);
      return glob;
    });
  }
  oneOf(value, path, allowed) {
    if (typeof value !== "string" || !allowed.includes(value)) this.fail(path, `one of ${allowed.join(", ")}`, value);
    return value;
  }
  rule(raw, path) {
    const doc = this.object(raw, path);
    this.onlyKeys(doc, path, ["name", "reason", "severity", "approvals", "approvers", "match"]);
    const rule = {
      name: this.string(doc.name, `${path}.name`),
      severity: doc.severity === void 0 ? "high" : this.oneOf(doc.severity, `${path}.severity`, SEVERITIES),
      approvals: doc.approvals === void 0 ? 1 : this.count(doc.approvals, `${path}.approvals`),
      approvers: doc.approvers === void 0 ? { teams: [], users: [] } : this.approvers(doc.approvers, `${path}.approvers`),
      match: this.match(doc.match, `${path}.match`)
    };
    if (doc.reason !== void 0) rule.reason = this.string(doc.reason, `${path}.reason`);
    return rule;
  }
  count(value, path) {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 20) this.fail(path, "a whole number from 1 to 20", value);
    return value;
  }
  approvers(raw, path) {
    const doc = this.object(raw, path);
    this.onlyKeys(doc, path, ["teams", "users"]);
    return { teams: this.strings(doc.teams ?? [], `${path}.teams`), users: this.strings(doc.users ?? [], `${path}.users`) };
  }
  match(raw, path) {
    const doc = this.object(raw, path);
    this.onlyKeys(doc, path, ["types", "addresses", "modules", "providers", "tags", "actions"]);
    const match = {
      actions: doc.actions === void 0 ? [...MATCH_ACTIONS] : this.list(doc.actions, `${path}.actions`).map((a, i) => this.oneOf(a, `${path}.actions[${i}]`, MATCH_ACTIONS))
    };
    for (const key of ["types", "addresses", "modules", "providers"]) {
      if (doc[key] !== void 0) match[key] = this.globs(doc[key], `${path}.${key}`);
    }
    if (doc.tags !== void 0) match.tags = this.tags(doc.tags, `${path}.tags`);
    if (!match.types && !match.addresses && !match.modules && !match.providers && !match.tags) {
      this.fail(path, 'at least one of types, addresses, modules, providers, tags (a rule for everything says types: ["*"])');
    }
    return match;
  }
  globs(value, path) {
    const globs = this.strings(value, path);
    if (globs.length === 0) this.fail(path, "a non-empty list (leave the key out to match any)");
    return globs;
  }
  tags(raw, path) {
    const doc = this.object(raw, path);
    const tags = {};
    for (const [key, value] of Object.entries(doc)) {
      if (typeof value === "number" || typeof value === "boolean") tags[key] = String(value);
      else tags[key] = this.string(value, `${path}.${key}`);
    }
    if (Object.keys(tags).length === 0) this.fail(path, "at least one tag (leave the key out to match any)");
    return tags;
  }
};
function describe(value) {
  if (value === void 0) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return JSON.stringify(value);
}

// src/rules/packs.ts
var PACKS = { recommended: recommended_default, aws: aws_default, google: google_default, azure: azure_default, cloudformation: cloudformation_default, kubernetes: kubernetes_default };
var PACK_NAMES = Object.keys(PACKS);
function loadPacks(names, source = "extends") {
  const rules = [];
  const packs = [];
  const visit = (name, trail) => {
    if (packs.includes(name)) return;
    if (trail.includes(name)) throw new InputError(`rules/${name}.yml`, `extends itself through ${[...trail, name].join(" → ")}`);
    const raw = PACKS[name];
    if (raw === void 0) {
      throw new InputError(source, `unknown rule pack ${JSON.stringify(name)}; built-in packs are ${PACK_NAMES.join(", ")}`);
    }
    const pack = validatePack(raw, `rules/${name}.yml`);
    for (const parent of pack.extends) visit(parent, [...trail, name]);
    packs.push(name);
    for (const rule of pack.rules) rules.push({ ...rule, pack: name });
  };
  for (const name of names) visit(name, []);
  return { rules, packs };
}

// src/rules/config.ts
var DEFAULT_CONFIG_PATH = ".github/plangate.yml";
function defaultRuleSet() {
  return { ...loadPacks(["recommended"]), ignore: [], overrideLabel: DEFAULT_OVERRIDE_LABEL, protectedBases: [] };
}
async function parseConfig(text, source, defaults = {}) {
  const { parseDocument } = await loadYaml();
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const problem = yamlProblem(doc);
  if (problem) throw new InputError(source, problem);
  const config = validateConfig(doc.toJS(), source);
  const base = loadPacks(config.extends ?? ["recommended"], `${source}: extends`);
  const names = new Set(base.rules.map((r) => r.name));
  for (const [i, rule] of config.rules.entries()) {
    if (rule.name === GATE_RULE) throw new InputError(source, `rules[${i}].name: ${JSON.stringify(rule.name)} is the rule for changes to the gate's own files; choose another name`);
    if (names.has(rule.name)) {
      throw new InputError(source, `rules[${i}].name: ${JSON.stringify(rule.name)} is already a rule of a built-in pack; choose another name`);
    }
  }
  const ruleSet = {
    rules: [...base.rules, ...config.rules],
    packs: base.packs,
    ignore: config.ignore,
    overrideLabel: config.overrideLabel ?? defaults.overrideLabel ?? DEFAULT_OVERRIDE_LABEL,
    protectedBases: config.protectedBases
  };
  if (config.gateApprovers) ruleSet.gateApprovers = config.gateApprovers;
  if (config.gateFiles.length > 0) ruleSet.gateFiles = config.gateFiles;
  return ruleSet;
}

export {
  loadYaml,
  yamlProblem,
  strictestRule,
  isGateFile,
  gateRule,
  isProtectedBase,
  repositoryPathProblem,
  Validator,
  DEFAULT_CONFIG_PATH,
  defaultRuleSet,
  parseConfig
};
