-- Schema of the LibSQL file written by @mastra/libsql 1.23.0 (@mastra/memory 1.31.0, @mastra/core 1.71.0),
-- dumped from sqlite_master in creation order by benchmarks/mastra-peer-memory/dump-libsql.mjs.
-- Pragmas of the file after the run (a fresh connection; per-connection pragmas such as synchronous are the
-- connection defaults, not necessarily what LibSQLStore set on its own connection):
--   journal_mode=wal synchronous=2 page_size=4096 user_version=0
-- table mastra_scorers (table mastra_scorers)
CREATE TABLE mastra_scorers (
  "id" TEXT NOT NULL PRIMARY KEY,
  "scorerId" TEXT,
  "traceId" TEXT,
  "spanId" TEXT,
  "runId" TEXT,
  "scorer" TEXT,
  "preprocessStepResult" TEXT,
  "extractStepResult" TEXT,
  "analyzeStepResult" TEXT,
  "score" REAL,
  "reason" TEXT,
  "metadata" TEXT,
  "preprocessPrompt" TEXT,
  "extractPrompt" TEXT,
  "generateScorePrompt" TEXT,
  "generateReasonPrompt" TEXT,
  "analyzePrompt" TEXT,
  "reasonPrompt" TEXT,
  "input" TEXT,
  "output" TEXT,
  "additionalContext" TEXT,
  "requestContext" TEXT,
  "entityType" TEXT,
  "entity" TEXT,
  "entityId" TEXT,
  "source" TEXT,
  "resourceId" TEXT,
  "threadId" TEXT,
  "organizationId" TEXT,
  "projectId" TEXT,
  "batchId" TEXT,
  "datasetId" TEXT,
  "datasetItemId" TEXT,
  "createdAt" TEXT,
  "updatedAt" TEXT
);

-- table mastra_workflow_snapshot (table mastra_workflow_snapshot)
CREATE TABLE mastra_workflow_snapshot (
  "workflow_name" TEXT,
  "run_id" TEXT,
  "resourceId" TEXT,
  "snapshot" TEXT,
  "createdAt" TEXT,
  "updatedAt" TEXT,
  UNIQUE (workflow_name, run_id)
);

-- table mastra_workflow_definitions (table mastra_workflow_definitions)
CREATE TABLE mastra_workflow_definitions (
  "id" TEXT NOT NULL PRIMARY KEY,
  "description" TEXT,
  "metadata" TEXT,
  "inputSchema" TEXT NOT NULL,
  "outputSchema" TEXT NOT NULL,
  "stateSchema" TEXT,
  "requestContextSchema" TEXT,
  "graph" TEXT NOT NULL,
  "schedule" TEXT,
  "status" TEXT NOT NULL,
  "source" TEXT NOT NULL,
  "authorId" TEXT,
  "createdAt" TEXT NOT NULL,
  "updatedAt" TEXT NOT NULL
);

-- index idx_workflow_definitions_status (table mastra_workflow_definitions)
CREATE INDEX idx_workflow_definitions_status ON "mastra_workflow_definitions" ("status");

-- table mastra_threads (table mastra_threads)
CREATE TABLE mastra_threads (
  "id" TEXT NOT NULL PRIMARY KEY,
  "resourceId" TEXT NOT NULL,
  "title" TEXT NOT NULL,
  "metadata" TEXT,
  "createdAt" TEXT NOT NULL,
  "updatedAt" TEXT NOT NULL
);

-- table mastra_messages (table mastra_messages)
CREATE TABLE mastra_messages (
  "id" TEXT NOT NULL PRIMARY KEY,
  "thread_id" TEXT NOT NULL,
  "content" TEXT NOT NULL,
  "role" TEXT NOT NULL,
  "type" TEXT NOT NULL,
  "createdAt" TEXT NOT NULL,
  "resourceId" TEXT
);

-- table mastra_resources (table mastra_resources)
CREATE TABLE mastra_resources (
  "id" TEXT NOT NULL PRIMARY KEY,
  "workingMemory" TEXT,
  "metadata" TEXT,
  "createdAt" TEXT NOT NULL,
  "updatedAt" TEXT NOT NULL
);

-- table mastra_observational_memory (table mastra_observational_memory)
CREATE TABLE mastra_observational_memory (
  "id" TEXT NOT NULL PRIMARY KEY,
  "lookupKey" TEXT NOT NULL,
  "scope" TEXT NOT NULL,
  "resourceId" TEXT,
  "threadId" TEXT,
  "activeObservations" TEXT NOT NULL,
  "activeObservationsPendingUpdate" TEXT,
  "originType" TEXT NOT NULL,
  "config" TEXT NOT NULL,
  "generationCount" INTEGER NOT NULL,
  "lastObservedAt" TEXT,
  "lastReflectionAt" TEXT,
  "pendingMessageTokens" INTEGER NOT NULL,
  "totalTokensObserved" INTEGER NOT NULL,
  "observationTokenCount" INTEGER NOT NULL,
  "isObserving" INTEGER NOT NULL,
  "isReflecting" INTEGER NOT NULL,
  "observedMessageIds" TEXT,
  "observedTimezone" TEXT,
  "bufferedObservations" TEXT,
  "bufferedObservationTokens" INTEGER,
  "bufferedMessageIds" TEXT,
  "bufferedReflection" TEXT,
  "bufferedReflectionTokens" INTEGER,
  "bufferedReflectionInputTokens" INTEGER,
  "reflectedObservationLineCount" INTEGER,
  "bufferedObservationChunks" TEXT,
  "isBufferingObservation" INTEGER NOT NULL,
  "isBufferingReflection" INTEGER NOT NULL,
  "lastBufferedAtTokens" INTEGER NOT NULL,
  "lastBufferedAtTime" TEXT,
  "metadata" TEXT,
  "createdAt" TEXT NOT NULL,
  "updatedAt" TEXT NOT NULL
);

-- index idx_messages_thread_created_at (table mastra_messages)
CREATE INDEX idx_messages_thread_created_at ON mastra_messages (thread_id, "createdAt");

-- index idx_messages_thread_resource_created_at (table mastra_messages)
CREATE INDEX idx_messages_thread_resource_created_at ON mastra_messages (thread_id, "resourceId", "createdAt");

-- index idx_om_lookup_key (table mastra_observational_memory)
CREATE INDEX idx_om_lookup_key ON "mastra_observational_memory" ("lookupKey");

-- table mastra_knowledge_nodes (table mastra_knowledge_nodes)
CREATE TABLE mastra_knowledge_nodes (
  "id" TEXT NOT NULL PRIMARY KEY,
  "type" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "canonicalName" TEXT NOT NULL,
  "kind" TEXT,
  "content" TEXT,
  "description" TEXT,
  "scope" TEXT NOT NULL,
  "scopeKey" TEXT NOT NULL,
  "version" INTEGER NOT NULL,
  "mergedInto" TEXT,
  "createdAt" TEXT NOT NULL,
  "updatedAt" TEXT NOT NULL
);

-- table mastra_knowledge_records (table mastra_knowledge_records)
CREATE TABLE mastra_knowledge_records (
  "id" TEXT NOT NULL PRIMARY KEY,
  "node" TEXT NOT NULL,
  "text" TEXT NOT NULL,
  "scope" TEXT NOT NULL,
  "scopeKey" TEXT NOT NULL,
  "sourceThreadId" TEXT NOT NULL,
  "capturedAt" TEXT NOT NULL,
  "when" TEXT,
  "maxScope" TEXT,
  "metadata" TEXT,
  "deletedAt" TEXT,
  "deletedBy" TEXT
);

-- table mastra_knowledge_mentions (table mastra_knowledge_mentions)
CREATE TABLE mastra_knowledge_mentions (
  "sourceType" TEXT NOT NULL,
  "sourceId" TEXT NOT NULL,
  "recordId" TEXT NOT NULL,
  PRIMARY KEY ("sourceType", "sourceId", "recordId")
);

-- table mastra_knowledge_cursors (table mastra_knowledge_cursors)
CREATE TABLE mastra_knowledge_cursors (
  "sourceThreadId" TEXT NOT NULL,
  "agent" TEXT NOT NULL,
  "lastKnowledgeId" TEXT NOT NULL,
  "updatedAt" TEXT NOT NULL,
  PRIMARY KEY ("sourceThreadId", "agent")
);

-- table mastra_knowledge_activity (table mastra_knowledge_activity)
CREATE TABLE mastra_knowledge_activity (
  "id" TEXT NOT NULL PRIMARY KEY,
  "action" TEXT NOT NULL,
  "recordType" TEXT NOT NULL,
  "recordId" TEXT NOT NULL,
  "scope" TEXT NOT NULL,
  "scopeKey" TEXT NOT NULL,
  "sourceThreadId" TEXT,
  "createdAt" TEXT NOT NULL
);

-- table mastra_knowledge_semantic_outbox (table mastra_knowledge_semantic_outbox)
CREATE TABLE mastra_knowledge_semantic_outbox (
  "id" TEXT NOT NULL PRIMARY KEY,
  "idempotencyKey" TEXT NOT NULL,
  "documentId" TEXT NOT NULL,
  "documentType" TEXT NOT NULL,
  "operation" TEXT NOT NULL,
  "scope" TEXT NOT NULL,
  "scopeKey" TEXT NOT NULL,
  "status" TEXT NOT NULL,
  "attempts" INTEGER NOT NULL,
  "availableAt" TEXT NOT NULL,
  "claimedAt" TEXT,
  "claimedBy" TEXT,
  "createdAt" TEXT NOT NULL,
  "completedAt" TEXT
);

-- index idx_knowledge_nodes_identity (table mastra_knowledge_nodes)
CREATE UNIQUE INDEX idx_knowledge_nodes_identity ON "mastra_knowledge_nodes" (type, scopeKey, canonicalName);

-- index idx_knowledge_nodes_scope (table mastra_knowledge_nodes)
CREATE INDEX idx_knowledge_nodes_scope ON "mastra_knowledge_nodes" (scopeKey, type);

-- index idx_knowledge_records_node_latest (table mastra_knowledge_records)
CREATE INDEX idx_knowledge_records_node_latest ON "mastra_knowledge_records" (node, id DESC);

-- index idx_knowledge_records_thread_latest (table mastra_knowledge_records)
CREATE INDEX idx_knowledge_records_thread_latest ON "mastra_knowledge_records" (sourceThreadId, id DESC);

-- index idx_knowledge_mentions_record (table mastra_knowledge_mentions)
CREATE INDEX idx_knowledge_mentions_record ON "mastra_knowledge_mentions" (recordId, sourceType, sourceId);

-- index idx_knowledge_activity_latest (table mastra_knowledge_activity)
CREATE INDEX idx_knowledge_activity_latest ON "mastra_knowledge_activity" (id DESC);

-- index idx_knowledge_outbox_idempotency (table mastra_knowledge_semantic_outbox)
CREATE UNIQUE INDEX idx_knowledge_outbox_idempotency ON "mastra_knowledge_semantic_outbox" (idempotencyKey);

-- index idx_knowledge_outbox_claim (table mastra_knowledge_semantic_outbox)
CREATE INDEX idx_knowledge_outbox_claim ON "mastra_knowledge_semantic_outbox" (status, availableAt, createdAt);

-- table mastra_ai_spans (table mastra_ai_spans)
CREATE TABLE mastra_ai_spans (
  "traceId" TEXT NOT NULL,
  "spanId" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "spanType" TEXT NOT NULL,
  "isEvent" INTEGER NOT NULL,
  "startedAt" TEXT NOT NULL,
  "parentSpanId" TEXT,
  "entityType" TEXT,
  "entityId" TEXT,
  "entityName" TEXT,
  "parentEntityType" TEXT,
  "parentEntityId" TEXT,
  "parentEntityName" TEXT,
  "rootEntityType" TEXT,
  "rootEntityId" TEXT,
  "rootEntityName" TEXT,
  "userId" TEXT,
  "organizationId" TEXT,
  "resourceId" TEXT,
  "runId" TEXT,
  "sessionId" TEXT,
  "threadId" TEXT,
  "requestId" TEXT,
  "environment" TEXT,
  "serviceName" TEXT,
  "scope" TEXT,
  "entityVersionId" TEXT,
  "parentEntityVersionId" TEXT,
  "rootEntityVersionId" TEXT,
  "experimentId" TEXT,
  "source" TEXT,
  "metadata" TEXT,
  "tags" TEXT,
  "attributes" TEXT,
  "links" TEXT,
  "input" TEXT,
  "output" TEXT,
  "error" TEXT,
  "endedAt" TEXT,
  "requestContext" TEXT,
  "createdAt" TEXT NOT NULL,
  "updatedAt" TEXT,
  UNIQUE (spanId, traceId)
);

-- index mastra_ai_spans_spanid_traceid_idx (table mastra_ai_spans)
CREATE UNIQUE INDEX "mastra_ai_spans_spanid_traceid_idx" ON "mastra_ai_spans" ("spanId", "traceId");

-- index mastra_ai_spans_roots_started_at_idx (table mastra_ai_spans)
CREATE INDEX "mastra_ai_spans_roots_started_at_idx" ON "mastra_ai_spans" ("startedAt" DESC) WHERE "parentSpanId" IS NULL;

-- index mastra_ai_spans_trace_started_at_idx (table mastra_ai_spans)
CREATE INDEX "mastra_ai_spans_trace_started_at_idx" ON "mastra_ai_spans" ("traceId", "startedAt");

-- table mastra_agents (table mastra_agents)
CREATE TABLE mastra_agents (
  "id" TEXT NOT NULL PRIMARY KEY,
  "status" TEXT NOT NULL,
  "activeVersionId" TEXT,
  "authorId" TEXT,
  "visibility" TEXT,
  "metadata" TEXT,
  "favoriteCount" INTEGER,
  "createdAt" TEXT NOT NULL,
  "updatedAt" TEXT NOT NULL
);

-- table mastra_agent_versions (table mastra_agent_versions)
CREATE TABLE mastra_agent_versions (
  "id" TEXT NOT NULL PRIMARY KEY,
  "agentId" TEXT NOT NULL,
  "versionNumber" INTEGER NOT NULL,
  "name" TEXT NOT NULL,
  "description" TEXT,
  "instructions" TEXT NOT NULL,
  "model" TEXT NOT NULL,
  "tools" TEXT,
  "defaultOptions" TEXT,
  "workflows" TEXT,
  "agents" TEXT,
  "integrationTools" TEXT,
  "toolProviders" TEXT,
  "inputProcessors" TEXT,
  "outputProcessors" TEXT,
  "memory" TEXT,
  "scorers" TEXT,
  "mcpClients" TEXT,
  "requestContextSchema" TEXT,
  "workspace" TEXT,
  "skills" TEXT,
  "skillsFormat" TEXT,
  "durable" TEXT,
  "browser" TEXT,
  "changedFields" TEXT,
  "changeMessage" TEXT,
  "createdAt" TEXT NOT NULL
);

-- table mastra_channel_installations (table mastra_channel_installations)
CREATE TABLE mastra_channel_installations (
  "id" TEXT NOT NULL PRIMARY KEY,
  "platform" TEXT NOT NULL,
  "agentId" TEXT NOT NULL,
  "status" TEXT NOT NULL,
  "webhookId" TEXT,
  "data" TEXT NOT NULL,
  "configHash" TEXT,
  "error" TEXT,
  "createdAt" TEXT NOT NULL,
  "updatedAt" TEXT NOT NULL
);

-- table mastra_channel_config (table mastra_channel_config)
CREATE TABLE mastra_channel_config (
  "platform" TEXT NOT NULL PRIMARY KEY,
  "data" TEXT NOT NULL,
  "updatedAt" TEXT NOT NULL
);

-- index idx_channel_installations_webhook (table mastra_channel_installations)
CREATE UNIQUE INDEX idx_channel_installations_webhook ON "mastra_channel_installations" ("webhookId");

-- index idx_channel_installations_platform_agent (table mastra_channel_installations)
CREATE INDEX idx_channel_installations_platform_agent ON "mastra_channel_installations" ("platform", "agentId");

-- table mastra_datasets (table mastra_datasets)
CREATE TABLE mastra_datasets (
  "id" TEXT NOT NULL PRIMARY KEY,
  "name" TEXT NOT NULL,
  "description" TEXT,
  "metadata" TEXT,
  "inputSchema" TEXT,
  "groundTruthSchema" TEXT,
  "requestContextSchema" TEXT,
  "tags" TEXT,
  "targetType" TEXT,
  "targetIds" TEXT,
  "scorerIds" TEXT,
  "organizationId" TEXT,
  "projectId" TEXT,
  "candidateKey" TEXT,
  "candidateId" TEXT,
  "version" INTEGER NOT NULL,
  "createdAt" TEXT NOT NULL,
  "updatedAt" TEXT NOT NULL
);

-- table mastra_dataset_items (table mastra_dataset_items)
CREATE TABLE mastra_dataset_items (
  "id" TEXT NOT NULL,
  "datasetId" TEXT NOT NULL,
  "datasetVersion" INTEGER NOT NULL,
  "externalId" TEXT,
  "organizationId" TEXT,
  "projectId" TEXT,
  "validTo" INTEGER,
  "isDeleted" INTEGER NOT NULL,
  "input" TEXT NOT NULL,
  "groundTruth" TEXT,
  "requestContext" TEXT,
  "metadata" TEXT,
  "source" TEXT,
  "expectedTrajectory" TEXT,
  "toolMocks" TEXT,
  "unmockedToolPolicy" TEXT,
  "scorerIds" TEXT,
  "createdAt" TEXT NOT NULL,
  "updatedAt" TEXT NOT NULL
);

-- table mastra_dataset_versions (table mastra_dataset_versions)
CREATE TABLE mastra_dataset_versions (
  "id" TEXT NOT NULL PRIMARY KEY,
  "datasetId" TEXT NOT NULL,
  "version" INTEGER NOT NULL,
  "createdAt" TEXT NOT NULL
);

-- index idx_dataset_items_dataset_validto (table mastra_dataset_items)
CREATE INDEX idx_dataset_items_dataset_validto ON "mastra_dataset_items" ("datasetId", "validTo");

-- index idx_dataset_items_dataset_version (table mastra_dataset_items)
CREATE INDEX idx_dataset_items_dataset_version ON "mastra_dataset_items" ("datasetId", "datasetVersion");

-- index idx_dataset_items_dataset_externalid_version (table mastra_dataset_items)
CREATE INDEX idx_dataset_items_dataset_externalid_version ON "mastra_dataset_items" ("datasetId", "externalId", "datasetVersion");

-- index idx_dataset_items_dataset_validto_deleted (table mastra_dataset_items)
CREATE INDEX idx_dataset_items_dataset_validto_deleted ON "mastra_dataset_items" ("datasetId", "validTo", "isDeleted");

-- index idx_dataset_versions_dataset_version (table mastra_dataset_versions)
CREATE INDEX idx_dataset_versions_dataset_version ON "mastra_dataset_versions" ("datasetId", "version");

-- index idx_dataset_versions_dataset_version_unique (table mastra_dataset_versions)
CREATE UNIQUE INDEX idx_dataset_versions_dataset_version_unique ON "mastra_dataset_versions" ("datasetId", "version");

-- index idx_datasets_tenancy_createdat (table mastra_datasets)
CREATE INDEX idx_datasets_tenancy_createdat ON "mastra_datasets" ("organizationId", "projectId", "createdAt", "id");

-- index idx_datasets_tenancy_candidate (table mastra_datasets)
CREATE INDEX idx_datasets_tenancy_candidate ON "mastra_datasets" ("organizationId", "projectId", "candidateKey", "candidateId");

-- index idx_dataset_items_tenancy_list (table mastra_dataset_items)
CREATE INDEX idx_dataset_items_tenancy_list ON "mastra_dataset_items" ("organizationId", "projectId", "datasetId", "validTo", "isDeleted");

-- table mastra_experiments (table mastra_experiments)
CREATE TABLE mastra_experiments (
  "id" TEXT NOT NULL PRIMARY KEY,
  "name" TEXT,
  "description" TEXT,
  "metadata" TEXT,
  "provenance" TEXT,
  "runnerAttestation" TEXT,
  "experimentSetId" TEXT,
  "comparisonId" TEXT,
  "variantId" TEXT,
  "trialIndex" INTEGER,
  "datasetId" TEXT,
  "datasetVersion" INTEGER,
  "targetType" TEXT,
  "targetId" TEXT,
  "scorerIds" TEXT,
  "status" TEXT NOT NULL,
  "totalItems" INTEGER NOT NULL,
  "succeededCount" INTEGER NOT NULL,
  "failedCount" INTEGER NOT NULL,
  "skippedCount" INTEGER NOT NULL,
  "startedAt" TEXT,
  "completedAt" TEXT,
  "agentVersion" TEXT,
  "organizationId" TEXT,
  "projectId" TEXT,
  "createdAt" TEXT NOT NULL,
  "updatedAt" TEXT NOT NULL
);

-- table mastra_experiment_results (table mastra_experiment_results)
CREATE TABLE mastra_experiment_results (
  "id" TEXT NOT NULL PRIMARY KEY,
  "experimentId" TEXT NOT NULL,
  "itemId" TEXT NOT NULL,
  "itemDatasetVersion" INTEGER,
  "input" TEXT NOT NULL,
  "output" TEXT,
  "groundTruth" TEXT,
  "metadata" TEXT,
  "error" TEXT,
  "startedAt" TEXT NOT NULL,
  "completedAt" TEXT NOT NULL,
  "retryCount" INTEGER NOT NULL,
  "attempt" INTEGER,
  "traceId" TEXT,
  "status" TEXT,
  "tags" TEXT,
  "comment" TEXT,
  "toolMockReport" TEXT,
  "organizationId" TEXT,
  "projectId" TEXT,
  "createdAt" TEXT NOT NULL
);

-- index idx_experiments_datasetid (table mastra_experiments)
CREATE INDEX idx_experiments_datasetid ON "mastra_experiments" ("datasetId");

-- index idx_experiments_grouping (table mastra_experiments)
CREATE INDEX idx_experiments_grouping ON "mastra_experiments" ("experimentSetId", "comparisonId", "variantId", "trialIndex");

-- index idx_experiment_results_experimentid (table mastra_experiment_results)
CREATE INDEX idx_experiment_results_experimentid ON "mastra_experiment_results" ("experimentId");

-- index idx_experiment_results_exp_item_attempt (table mastra_experiment_results)
CREATE UNIQUE INDEX idx_experiment_results_exp_item_attempt ON "mastra_experiment_results" ("experimentId", "itemId", "attempt");

-- index idx_experiments_org_project (table mastra_experiments)
CREATE INDEX idx_experiments_org_project ON "mastra_experiments" ("organizationId", "projectId");

-- index idx_experiment_results_org_project (table mastra_experiment_results)
CREATE INDEX idx_experiment_results_org_project ON "mastra_experiment_results" ("organizationId", "projectId");

-- table mastra_prompt_blocks (table mastra_prompt_blocks)
CREATE TABLE mastra_prompt_blocks (
  "id" TEXT NOT NULL PRIMARY KEY,
  "status" TEXT NOT NULL,
  "activeVersionId" TEXT,
  "authorId" TEXT,
  "metadata" TEXT,
  "createdAt" TEXT NOT NULL,
  "updatedAt" TEXT NOT NULL
);

-- table mastra_prompt_block_versions (table mastra_prompt_block_versions)
CREATE TABLE mastra_prompt_block_versions (
  "id" TEXT NOT NULL PRIMARY KEY,
  "blockId" TEXT NOT NULL,
  "versionNumber" INTEGER NOT NULL,
  "name" TEXT NOT NULL,
  "description" TEXT,
  "content" TEXT NOT NULL,
  "rules" TEXT,
  "requestContextSchema" TEXT,
  "changedFields" TEXT,
  "changeMessage" TEXT,
  "createdAt" TEXT NOT NULL
);

-- index idx_prompt_block_versions_block_version (table mastra_prompt_block_versions)
CREATE UNIQUE INDEX idx_prompt_block_versions_block_version ON "mastra_prompt_block_versions" ("blockId", "versionNumber");

-- table mastra_scorer_definitions (table mastra_scorer_definitions)
CREATE TABLE mastra_scorer_definitions (
  "id" TEXT NOT NULL PRIMARY KEY,
  "status" TEXT NOT NULL,
  "activeVersionId" TEXT,
  "authorId" TEXT,
  "organizationId" TEXT,
  "projectId" TEXT,
  "metadata" TEXT,
  "createdAt" TEXT NOT NULL,
  "updatedAt" TEXT NOT NULL
);

-- table mastra_scorer_definition_versions (table mastra_scorer_definition_versions)
CREATE TABLE mastra_scorer_definition_versions (
  "id" TEXT NOT NULL PRIMARY KEY,
  "scorerDefinitionId" TEXT NOT NULL,
  "versionNumber" INTEGER NOT NULL,
  "name" TEXT NOT NULL,
  "description" TEXT,
  "type" TEXT NOT NULL,
  "model" TEXT,
  "instructions" TEXT,
  "scoreRange" TEXT,
  "presetConfig" TEXT,
  "defaultSampling" TEXT,
  "changedFields" TEXT,
  "changeMessage" TEXT,
  "createdAt" TEXT NOT NULL
);

-- index idx_scorer_definition_versions_scorer_version (table mastra_scorer_definition_versions)
CREATE UNIQUE INDEX idx_scorer_definition_versions_scorer_version ON "mastra_scorer_definition_versions" ("scorerDefinitionId", "versionNumber");

-- table mastra_mcp_clients (table mastra_mcp_clients)
CREATE TABLE mastra_mcp_clients (
  "id" TEXT NOT NULL PRIMARY KEY,
  "status" TEXT NOT NULL,
  "activeVersionId" TEXT,
  "authorId" TEXT,
  "metadata" TEXT,
  "createdAt" TEXT NOT NULL,
  "updatedAt" TEXT NOT NULL
);

-- table mastra_mcp_client_versions (table mastra_mcp_client_versions)
CREATE TABLE mastra_mcp_client_versions (
  "id" TEXT NOT NULL PRIMARY KEY,
  "mcpClientId" TEXT NOT NULL,
  "versionNumber" INTEGER NOT NULL,
  "name" TEXT NOT NULL,
  "description" TEXT,
  "servers" TEXT NOT NULL,
  "changedFields" TEXT,
  "changeMessage" TEXT,
  "createdAt" TEXT NOT NULL
);

-- index idx_mcp_client_versions_client_version (table mastra_mcp_client_versions)
CREATE UNIQUE INDEX idx_mcp_client_versions_client_version ON "mastra_mcp_client_versions" ("mcpClientId", "versionNumber");

-- table mastra_mcp_servers (table mastra_mcp_servers)
CREATE TABLE mastra_mcp_servers (
  "id" TEXT NOT NULL PRIMARY KEY,
  "status" TEXT NOT NULL,
  "activeVersionId" TEXT,
  "authorId" TEXT,
  "metadata" TEXT,
  "createdAt" TEXT NOT NULL,
  "updatedAt" TEXT NOT NULL
);

-- table mastra_mcp_server_versions (table mastra_mcp_server_versions)
CREATE TABLE mastra_mcp_server_versions (
  "id" TEXT NOT NULL PRIMARY KEY,
  "mcpServerId" TEXT NOT NULL,
  "versionNumber" INTEGER NOT NULL,
  "name" TEXT NOT NULL,
  "version" TEXT NOT NULL,
  "description" TEXT,
  "instructions" TEXT,
  "repository" TEXT,
  "releaseDate" TEXT,
  "isLatest" INTEGER,
  "packageCanonical" TEXT,
  "tools" TEXT,
  "agents" TEXT,
  "workflows" TEXT,
  "changedFields" TEXT,
  "changeMessage" TEXT,
  "createdAt" TEXT NOT NULL
);

-- index idx_mcp_server_versions_server_version (table mastra_mcp_server_versions)
CREATE UNIQUE INDEX idx_mcp_server_versions_server_version ON "mastra_mcp_server_versions" ("mcpServerId", "versionNumber");

-- table mastra_workspaces (table mastra_workspaces)
CREATE TABLE mastra_workspaces (
  "id" TEXT NOT NULL PRIMARY KEY,
  "status" TEXT NOT NULL,
  "activeVersionId" TEXT,
  "authorId" TEXT,
  "metadata" TEXT,
  "createdAt" TEXT NOT NULL,
  "updatedAt" TEXT NOT NULL
);

-- table mastra_workspace_versions (table mastra_workspace_versions)
CREATE TABLE mastra_workspace_versions (
  "id" TEXT NOT NULL PRIMARY KEY,
  "workspaceId" TEXT NOT NULL,
  "versionNumber" INTEGER NOT NULL,
  "name" TEXT NOT NULL,
  "description" TEXT,
  "filesystem" TEXT,
  "sandbox" TEXT,
  "mounts" TEXT,
  "search" TEXT,
  "skills" TEXT,
  "tools" TEXT,
  "autoSync" INTEGER,
  "operationTimeout" INTEGER,
  "changedFields" TEXT,
  "changeMessage" TEXT,
  "createdAt" TEXT NOT NULL
);

-- index idx_workspace_versions_workspace_version (table mastra_workspace_versions)
CREATE UNIQUE INDEX idx_workspace_versions_workspace_version ON "mastra_workspace_versions" ("workspaceId", "versionNumber");

-- table mastra_skills (table mastra_skills)
CREATE TABLE mastra_skills (
  "id" TEXT NOT NULL PRIMARY KEY,
  "status" TEXT NOT NULL,
  "activeVersionId" TEXT,
  "authorId" TEXT,
  "visibility" TEXT,
  "favoriteCount" INTEGER,
  "createdAt" TEXT NOT NULL,
  "updatedAt" TEXT NOT NULL
);

-- table mastra_skill_versions (table mastra_skill_versions)
CREATE TABLE mastra_skill_versions (
  "id" TEXT NOT NULL PRIMARY KEY,
  "skillId" TEXT NOT NULL,
  "versionNumber" INTEGER NOT NULL,
  "name" TEXT NOT NULL,
  "description" TEXT NOT NULL,
  "instructions" TEXT NOT NULL,
  "license" TEXT,
  "compatibility" TEXT,
  "source" TEXT,
  "references" TEXT,
  "scripts" TEXT,
  "assets" TEXT,
  "files" TEXT,
  "metadata" TEXT,
  "tree" TEXT,
  "changedFields" TEXT,
  "changeMessage" TEXT,
  "createdAt" TEXT NOT NULL
);

-- index idx_skill_versions_skill_version (table mastra_skill_versions)
CREATE UNIQUE INDEX idx_skill_versions_skill_version ON "mastra_skill_versions" ("skillId", "versionNumber");

-- table mastra_favorites (table mastra_favorites)
CREATE TABLE mastra_favorites (
  "userId" TEXT NOT NULL,
  "entityType" TEXT NOT NULL,
  "entityId" TEXT NOT NULL,
  "createdAt" TEXT NOT NULL,
  PRIMARY KEY ("userId", "entityType", "entityId")
);

-- index idx_favorites_entity (table mastra_favorites)
CREATE INDEX idx_favorites_entity ON "mastra_favorites" ("entityType", "entityId");

-- table mastra_skill_blobs (table mastra_skill_blobs)
CREATE TABLE mastra_skill_blobs (
  "hash" TEXT NOT NULL PRIMARY KEY,
  "content" TEXT NOT NULL,
  "size" INTEGER NOT NULL,
  "mimeType" TEXT,
  "createdAt" TEXT NOT NULL
);

-- table mastra_background_tasks (table mastra_background_tasks)
CREATE TABLE mastra_background_tasks (
  "id" TEXT NOT NULL PRIMARY KEY,
  "tool_call_id" TEXT NOT NULL,
  "tool_name" TEXT NOT NULL,
  "agent_id" TEXT NOT NULL,
  "run_id" TEXT NOT NULL,
  "thread_id" TEXT,
  "resource_id" TEXT,
  "status" TEXT NOT NULL,
  "args" TEXT NOT NULL,
  "result" TEXT,
  "error" TEXT,
  "suspend_payload" TEXT,
  "retry_count" INTEGER NOT NULL,
  "max_retries" INTEGER NOT NULL,
  "timeout_ms" INTEGER NOT NULL,
  "createdAt" TEXT NOT NULL,
  "startedAt" TEXT,
  "suspendedAt" TEXT,
  "completedAt" TEXT
);

-- table mastra_schedules (table mastra_schedules)
CREATE TABLE mastra_schedules (
  "id" TEXT NOT NULL PRIMARY KEY,
  "target" TEXT NOT NULL,
  "cron" TEXT NOT NULL,
  "timezone" TEXT,
  "status" TEXT NOT NULL,
  "next_fire_at" INTEGER NOT NULL,
  "last_fire_at" INTEGER,
  "last_run_id" TEXT,
  "created_at" INTEGER NOT NULL,
  "updated_at" INTEGER NOT NULL,
  "metadata" TEXT,
  "owner_type" TEXT,
  "owner_id" TEXT
);

-- table mastra_schedule_triggers (table mastra_schedule_triggers)
CREATE TABLE mastra_schedule_triggers (
  "id" TEXT NOT NULL PRIMARY KEY,
  "schedule_id" TEXT NOT NULL,
  "run_id" TEXT,
  "scheduled_fire_at" INTEGER NOT NULL,
  "actual_fire_at" INTEGER NOT NULL,
  "outcome" TEXT NOT NULL,
  "error" TEXT,
  "trigger_kind" TEXT NOT NULL,
  "parent_trigger_id" TEXT,
  "metadata" TEXT
);

-- index idx_schedules_status_next_fire (table mastra_schedules)
CREATE INDEX idx_schedules_status_next_fire ON "mastra_schedules" ("status", "next_fire_at");

-- index idx_schedule_triggers_schedule_fire (table mastra_schedule_triggers)
CREATE INDEX idx_schedule_triggers_schedule_fire ON "mastra_schedule_triggers" ("schedule_id", "actual_fire_at");

-- table mastra_harness_sessions (table mastra_harness_sessions)
CREATE TABLE mastra_harness_sessions (
  "id" TEXT NOT NULL PRIMARY KEY,
  "ownerId" TEXT NOT NULL,
  "resourceId" TEXT NOT NULL,
  "threadId" TEXT NOT NULL,
  "parentSessionId" TEXT,
  "subagentDepth" INTEGER,
  "source" TEXT,
  "origin" TEXT NOT NULL,
  "runtimeCompatibilityGeneration" TEXT,
  "modeId" TEXT NOT NULL,
  "modelId" TEXT NOT NULL,
  "title" TEXT,
  "metadata" TEXT,
  "state" TEXT,
  "pending" TEXT,
  "createdAt" TEXT NOT NULL,
  "lastActivityAt" TEXT NOT NULL,
  "closingAt" TEXT,
  "closeDeadlineAt" TEXT,
  "closedAt" TEXT,
  "deletedAt" TEXT
);

-- table mastra_tool_provider_connections (table mastra_tool_provider_connections)
CREATE TABLE mastra_tool_provider_connections (
  "authorId" TEXT NOT NULL,
  "providerId" TEXT NOT NULL,
  "connectionId" TEXT NOT NULL,
  "toolkit" TEXT NOT NULL,
  "label" TEXT,
  "scope" TEXT NOT NULL,
  "createdAt" TEXT NOT NULL,
  "updatedAt" TEXT NOT NULL,
  PRIMARY KEY ("authorId", "providerId", "connectionId")
);

-- index idx_tool_provider_connections_author (table mastra_tool_provider_connections)
CREATE INDEX idx_tool_provider_connections_author ON "mastra_tool_provider_connections" ("authorId", "providerId", "toolkit");

-- table mastra_notifications (table mastra_notifications)
CREATE TABLE mastra_notifications (
  "id" TEXT NOT NULL,
  "threadId" TEXT NOT NULL,
  "source" TEXT NOT NULL,
  "kind" TEXT NOT NULL,
  "priority" TEXT NOT NULL,
  "status" TEXT NOT NULL,
  "summary" TEXT NOT NULL,
  "payload" TEXT,
  "resourceId" TEXT,
  "agentId" TEXT,
  "sourceId" TEXT,
  "dedupeKey" TEXT,
  "coalesceKey" TEXT,
  "coalescedCount" INTEGER NOT NULL,
  "attributes" TEXT,
  "createdAt" TEXT NOT NULL,
  "updatedAt" TEXT NOT NULL,
  "deliveredAt" TEXT,
  "seenAt" TEXT,
  "dismissedAt" TEXT,
  "archivedAt" TEXT,
  "discardedAt" TEXT,
  "deliverAt" TEXT,
  "summaryAt" TEXT,
  "deliveryReason" TEXT,
  "deliveryAttempts" INTEGER NOT NULL,
  "lastDeliveryAttemptAt" TEXT,
  "lastDeliveryError" TEXT,
  "deliveredSignalId" TEXT,
  "summarySignalId" TEXT,
  "metadata" TEXT
);

-- index idx_notifications_thread_status_updated (table mastra_notifications)
CREATE INDEX idx_notifications_thread_status_updated ON "mastra_notifications" ("threadId", "status", "updatedAt");

-- index idx_notifications_coalescing (table mastra_notifications)
CREATE INDEX idx_notifications_coalescing ON "mastra_notifications" ("threadId", "source", "kind", "status", "agentId", "resourceId", "dedupeKey", "coalesceKey");

-- index idx_notifications_due (table mastra_notifications)
CREATE INDEX idx_notifications_due ON "mastra_notifications" ("status", "deliverAt", "summaryAt");

-- table mastra_thread_state (table mastra_thread_state)
CREATE TABLE mastra_thread_state (
  "threadId" TEXT NOT NULL,
  "type" TEXT NOT NULL,
  "value" TEXT NOT NULL,
  "createdAt" TEXT NOT NULL,
  "updatedAt" TEXT NOT NULL,
  PRIMARY KEY ("threadId", "type")
);
