-- Schema created by @mastra/pg 1.27.1 (@mastra/memory 1.31.0, @mastra/core 1.71.0) on
-- PostgreSQL 15.18 (Debian 15.18-0+deb12u1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14+deb12u1) 12.2.0, 64-bit
-- pg_dump --schema-only --no-owner --no-privileges, written by benchmarks/mastra-peer-memory/capture-memory-pg.sh
--
-- PostgreSQL database dump
--

\restrict Qp0h2aPESKMjYW4ahhgaeg0Rw0qJ3Lcxvmp27D568jXybDPd2XQ94YfIgmnqAhJ


SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: trigger_set_timestamps(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.trigger_set_timestamps() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW."createdAt" = NOW();
        NEW."updatedAt" = NOW();
        NEW."createdAtZ" = NOW();
        NEW."updatedAtZ" = NOW();
    ELSIF TG_OP = 'UPDATE' THEN
        NEW."updatedAt" = NOW();
        NEW."updatedAtZ" = NOW();
        NEW."createdAt" = OLD."createdAt";
        NEW."createdAtZ" = OLD."createdAtZ";
    END IF;
    RETURN NEW;
END;
$$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: mastra_agent_versions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_agent_versions (
    id text NOT NULL,
    "agentId" text NOT NULL,
    "versionNumber" integer NOT NULL,
    name text NOT NULL,
    description text,
    instructions text NOT NULL,
    model jsonb NOT NULL,
    tools jsonb,
    "defaultOptions" jsonb,
    workflows jsonb,
    agents jsonb,
    "integrationTools" jsonb,
    "toolProviders" jsonb,
    "inputProcessors" jsonb,
    "outputProcessors" jsonb,
    memory jsonb,
    scorers jsonb,
    "mcpClients" jsonb,
    "requestContextSchema" jsonb,
    workspace jsonb,
    skills jsonb,
    "skillsFormat" text,
    durable jsonb,
    browser jsonb,
    "changedFields" jsonb,
    "changeMessage" text,
    "createdAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_agents; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_agents (
    id text NOT NULL,
    status text NOT NULL,
    "activeVersionId" text,
    "authorId" text,
    visibility text,
    metadata jsonb,
    "favoriteCount" integer,
    "createdAt" timestamp without time zone NOT NULL,
    "updatedAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now(),
    "updatedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_ai_spans; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_ai_spans (
    "traceId" text NOT NULL,
    "spanId" text NOT NULL,
    name text NOT NULL,
    "spanType" text NOT NULL,
    "isEvent" boolean NOT NULL,
    "startedAt" timestamp without time zone NOT NULL,
    "parentSpanId" text,
    "entityType" text,
    "entityId" text,
    "entityName" text,
    "parentEntityType" text,
    "parentEntityId" text,
    "parentEntityName" text,
    "rootEntityType" text,
    "rootEntityId" text,
    "rootEntityName" text,
    "userId" text,
    "organizationId" text,
    "resourceId" text,
    "runId" text,
    "sessionId" text,
    "threadId" text,
    "requestId" text,
    environment text,
    "serviceName" text,
    scope jsonb,
    "entityVersionId" text,
    "parentEntityVersionId" text,
    "rootEntityVersionId" text,
    "experimentId" text,
    source text,
    metadata jsonb,
    tags jsonb,
    attributes jsonb,
    links jsonb,
    input jsonb,
    output jsonb,
    error jsonb,
    "endedAt" timestamp without time zone,
    "requestContext" jsonb,
    "createdAt" timestamp without time zone NOT NULL,
    "updatedAt" timestamp without time zone,
    "startedAtZ" timestamp with time zone DEFAULT now(),
    "endedAtZ" timestamp with time zone DEFAULT now(),
    "createdAtZ" timestamp with time zone DEFAULT now(),
    "updatedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_background_tasks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_background_tasks (
    id text NOT NULL,
    tool_call_id text NOT NULL,
    tool_name text NOT NULL,
    agent_id text NOT NULL,
    run_id text NOT NULL,
    thread_id text,
    resource_id text,
    status text NOT NULL,
    args jsonb NOT NULL,
    result jsonb,
    error jsonb,
    suspend_payload jsonb,
    retry_count integer NOT NULL,
    max_retries integer NOT NULL,
    timeout_ms integer NOT NULL,
    "createdAt" timestamp without time zone NOT NULL,
    "startedAt" timestamp without time zone,
    "suspendedAt" timestamp without time zone,
    "completedAt" timestamp without time zone,
    "createdAtZ" timestamp with time zone DEFAULT now(),
    "startedAtZ" timestamp with time zone DEFAULT now(),
    "suspendedAtZ" timestamp with time zone DEFAULT now(),
    "completedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_channel_config; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_channel_config (
    platform text NOT NULL,
    data jsonb NOT NULL,
    "updatedAt" timestamp without time zone NOT NULL,
    "updatedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_channel_installations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_channel_installations (
    id text NOT NULL,
    platform text NOT NULL,
    "agentId" text NOT NULL,
    status text NOT NULL,
    "webhookId" text,
    data jsonb NOT NULL,
    "configHash" text,
    error text,
    "createdAt" timestamp without time zone NOT NULL,
    "updatedAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now(),
    "updatedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_dataset_items; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_dataset_items (
    id text NOT NULL,
    "datasetId" text NOT NULL,
    "datasetVersion" integer NOT NULL,
    "externalId" text,
    "organizationId" text,
    "projectId" text,
    "validTo" integer,
    "isDeleted" boolean NOT NULL,
    input jsonb NOT NULL,
    "groundTruth" jsonb,
    "requestContext" jsonb,
    metadata jsonb,
    source jsonb,
    "expectedTrajectory" jsonb,
    "toolMocks" jsonb,
    "unmockedToolPolicy" text,
    "scorerIds" jsonb,
    "createdAt" timestamp without time zone NOT NULL,
    "updatedAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now(),
    "updatedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_dataset_versions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_dataset_versions (
    id text NOT NULL,
    "datasetId" text NOT NULL,
    version integer NOT NULL,
    "createdAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_datasets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_datasets (
    id text NOT NULL,
    name text NOT NULL,
    description text,
    metadata jsonb,
    "inputSchema" jsonb,
    "groundTruthSchema" jsonb,
    "requestContextSchema" jsonb,
    tags jsonb,
    "targetType" text,
    "targetIds" jsonb,
    "scorerIds" jsonb,
    "organizationId" text,
    "projectId" text,
    "candidateKey" text,
    "candidateId" text,
    version integer NOT NULL,
    "createdAt" timestamp without time zone NOT NULL,
    "updatedAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now(),
    "updatedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_experiment_results; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_experiment_results (
    id text NOT NULL,
    "experimentId" text NOT NULL,
    "itemId" text NOT NULL,
    "itemDatasetVersion" integer,
    input jsonb NOT NULL,
    output jsonb,
    "groundTruth" jsonb,
    metadata jsonb,
    error jsonb,
    "startedAt" timestamp without time zone NOT NULL,
    "completedAt" timestamp without time zone NOT NULL,
    "retryCount" integer NOT NULL,
    attempt integer,
    "traceId" text,
    status text,
    tags jsonb,
    comment text,
    "toolMockReport" jsonb,
    "organizationId" text,
    "projectId" text,
    "createdAt" timestamp without time zone NOT NULL,
    "startedAtZ" timestamp with time zone DEFAULT now(),
    "completedAtZ" timestamp with time zone DEFAULT now(),
    "createdAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_experiments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_experiments (
    id text NOT NULL,
    name text,
    description text,
    metadata jsonb,
    provenance jsonb,
    "runnerAttestation" jsonb,
    "experimentSetId" text,
    "comparisonId" text,
    "variantId" text,
    "trialIndex" integer,
    "datasetId" text,
    "datasetVersion" integer,
    "targetType" text,
    "targetId" text,
    "scorerIds" jsonb,
    status text NOT NULL,
    "totalItems" integer NOT NULL,
    "succeededCount" integer NOT NULL,
    "failedCount" integer NOT NULL,
    "skippedCount" integer NOT NULL,
    "startedAt" timestamp without time zone,
    "completedAt" timestamp without time zone,
    "agentVersion" text,
    "organizationId" text,
    "projectId" text,
    "createdAt" timestamp without time zone NOT NULL,
    "updatedAt" timestamp without time zone NOT NULL,
    "startedAtZ" timestamp with time zone DEFAULT now(),
    "completedAtZ" timestamp with time zone DEFAULT now(),
    "createdAtZ" timestamp with time zone DEFAULT now(),
    "updatedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_favorites; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_favorites (
    "userId" text NOT NULL,
    "entityType" text NOT NULL,
    "entityId" text NOT NULL,
    "createdAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_knowledge_activity; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_knowledge_activity (
    id text NOT NULL,
    action text NOT NULL,
    "recordType" text NOT NULL,
    "recordId" text NOT NULL,
    scope jsonb NOT NULL,
    "scopeKey" text NOT NULL,
    "sourceThreadId" text,
    "createdAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_knowledge_cursors; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_knowledge_cursors (
    "sourceThreadId" text NOT NULL,
    agent text NOT NULL,
    "lastKnowledgeId" text NOT NULL,
    "updatedAt" timestamp without time zone NOT NULL,
    "updatedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_knowledge_mentions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_knowledge_mentions (
    "sourceType" text NOT NULL,
    "sourceId" text NOT NULL,
    "recordId" text NOT NULL
);


--
-- Name: mastra_knowledge_nodes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_knowledge_nodes (
    id text NOT NULL,
    type text NOT NULL,
    name text NOT NULL,
    "canonicalName" text NOT NULL,
    kind text,
    content text,
    description text,
    scope jsonb NOT NULL,
    "scopeKey" text NOT NULL,
    version integer NOT NULL,
    "mergedInto" text,
    "createdAt" timestamp without time zone NOT NULL,
    "updatedAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now(),
    "updatedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_knowledge_records; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_knowledge_records (
    id text NOT NULL,
    node text NOT NULL,
    text text NOT NULL,
    scope jsonb NOT NULL,
    "scopeKey" text NOT NULL,
    "sourceThreadId" text NOT NULL,
    "capturedAt" timestamp without time zone NOT NULL,
    "when" timestamp without time zone,
    "maxScope" text,
    metadata jsonb,
    "deletedAt" timestamp without time zone,
    "deletedBy" text,
    "capturedAtZ" timestamp with time zone DEFAULT now(),
    "whenZ" timestamp with time zone DEFAULT now(),
    "deletedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_knowledge_semantic_outbox; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_knowledge_semantic_outbox (
    id text NOT NULL,
    "idempotencyKey" text NOT NULL,
    "documentId" text NOT NULL,
    "documentType" text NOT NULL,
    operation text NOT NULL,
    scope jsonb NOT NULL,
    "scopeKey" text NOT NULL,
    status text NOT NULL,
    attempts integer NOT NULL,
    "availableAt" timestamp without time zone NOT NULL,
    "claimedAt" timestamp without time zone,
    "claimedBy" text,
    "createdAt" timestamp without time zone NOT NULL,
    "completedAt" timestamp without time zone,
    "availableAtZ" timestamp with time zone DEFAULT now(),
    "claimedAtZ" timestamp with time zone DEFAULT now(),
    "createdAtZ" timestamp with time zone DEFAULT now(),
    "completedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_mcp_client_versions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_mcp_client_versions (
    id text NOT NULL,
    "mcpClientId" text NOT NULL,
    "versionNumber" integer NOT NULL,
    name text NOT NULL,
    description text,
    servers jsonb NOT NULL,
    "changedFields" jsonb,
    "changeMessage" text,
    "createdAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_mcp_clients; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_mcp_clients (
    id text NOT NULL,
    status text NOT NULL,
    "activeVersionId" text,
    "authorId" text,
    metadata jsonb,
    "createdAt" timestamp without time zone NOT NULL,
    "updatedAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now(),
    "updatedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_mcp_server_versions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_mcp_server_versions (
    id text NOT NULL,
    "mcpServerId" text NOT NULL,
    "versionNumber" integer NOT NULL,
    name text NOT NULL,
    version text NOT NULL,
    description text,
    instructions text,
    repository jsonb,
    "releaseDate" text,
    "isLatest" boolean,
    "packageCanonical" text,
    tools jsonb,
    agents jsonb,
    workflows jsonb,
    "changedFields" jsonb,
    "changeMessage" text,
    "createdAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_mcp_servers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_mcp_servers (
    id text NOT NULL,
    status text NOT NULL,
    "activeVersionId" text,
    "authorId" text,
    metadata jsonb,
    "createdAt" timestamp without time zone NOT NULL,
    "updatedAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now(),
    "updatedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_messages; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_messages (
    id text NOT NULL,
    thread_id text NOT NULL,
    content text NOT NULL,
    role text NOT NULL,
    type text NOT NULL,
    "createdAt" timestamp without time zone NOT NULL,
    "resourceId" text,
    "createdAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_notifications; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_notifications (
    id text NOT NULL,
    "threadId" text NOT NULL,
    source text NOT NULL,
    kind text NOT NULL,
    priority text NOT NULL,
    status text NOT NULL,
    summary text NOT NULL,
    payload jsonb,
    "resourceId" text,
    "agentId" text,
    "sourceId" text,
    "dedupeKey" text,
    "coalesceKey" text,
    "coalescedCount" integer NOT NULL,
    attributes jsonb,
    "createdAt" timestamp without time zone NOT NULL,
    "updatedAt" timestamp without time zone NOT NULL,
    "deliveredAt" timestamp without time zone,
    "seenAt" timestamp without time zone,
    "dismissedAt" timestamp without time zone,
    "archivedAt" timestamp without time zone,
    "discardedAt" timestamp without time zone,
    "deliverAt" timestamp without time zone,
    "summaryAt" timestamp without time zone,
    "deliveryReason" text,
    "deliveryAttempts" integer NOT NULL,
    "lastDeliveryAttemptAt" timestamp without time zone,
    "lastDeliveryError" text,
    "deliveredSignalId" text,
    "summarySignalId" text,
    metadata jsonb,
    "createdAtZ" timestamp with time zone DEFAULT now(),
    "updatedAtZ" timestamp with time zone DEFAULT now(),
    "deliveredAtZ" timestamp with time zone DEFAULT now(),
    "seenAtZ" timestamp with time zone DEFAULT now(),
    "dismissedAtZ" timestamp with time zone DEFAULT now(),
    "archivedAtZ" timestamp with time zone DEFAULT now(),
    "discardedAtZ" timestamp with time zone DEFAULT now(),
    "deliverAtZ" timestamp with time zone DEFAULT now(),
    "summaryAtZ" timestamp with time zone DEFAULT now(),
    "lastDeliveryAttemptAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_observational_memory; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_observational_memory (
    id text NOT NULL,
    "lookupKey" text NOT NULL,
    scope text NOT NULL,
    "resourceId" text,
    "threadId" text,
    "activeObservations" text NOT NULL,
    "activeObservationsPendingUpdate" text,
    "originType" text NOT NULL,
    config text NOT NULL,
    "generationCount" integer NOT NULL,
    "lastObservedAt" timestamp without time zone,
    "lastReflectionAt" timestamp without time zone,
    "pendingMessageTokens" integer NOT NULL,
    "totalTokensObserved" integer NOT NULL,
    "observationTokenCount" integer NOT NULL,
    "isObserving" boolean NOT NULL,
    "isReflecting" boolean NOT NULL,
    "observedMessageIds" jsonb,
    "observedTimezone" text,
    "bufferedObservations" text,
    "bufferedObservationTokens" integer,
    "bufferedMessageIds" jsonb,
    "bufferedReflection" text,
    "bufferedReflectionTokens" integer,
    "bufferedReflectionInputTokens" integer,
    "reflectedObservationLineCount" integer,
    "bufferedObservationChunks" jsonb,
    "isBufferingObservation" boolean NOT NULL,
    "isBufferingReflection" boolean NOT NULL,
    "lastBufferedAtTokens" integer NOT NULL,
    "lastBufferedAtTime" timestamp without time zone,
    metadata jsonb,
    "createdAt" timestamp without time zone NOT NULL,
    "updatedAt" timestamp without time zone NOT NULL,
    "lastObservedAtZ" timestamp with time zone DEFAULT now(),
    "lastReflectionAtZ" timestamp with time zone DEFAULT now(),
    "lastBufferedAtTimeZ" timestamp with time zone DEFAULT now(),
    "createdAtZ" timestamp with time zone DEFAULT now(),
    "updatedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_prompt_block_versions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_prompt_block_versions (
    id text NOT NULL,
    "blockId" text NOT NULL,
    "versionNumber" integer NOT NULL,
    name text NOT NULL,
    description text,
    content text NOT NULL,
    rules jsonb,
    "requestContextSchema" jsonb,
    "changedFields" jsonb,
    "changeMessage" text,
    "createdAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_prompt_blocks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_prompt_blocks (
    id text NOT NULL,
    status text NOT NULL,
    "activeVersionId" text,
    "authorId" text,
    metadata jsonb,
    "createdAt" timestamp without time zone NOT NULL,
    "updatedAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now(),
    "updatedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_resources; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_resources (
    id text NOT NULL,
    "workingMemory" text,
    metadata jsonb,
    "createdAt" timestamp without time zone NOT NULL,
    "updatedAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now(),
    "updatedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_schedule_triggers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_schedule_triggers (
    id text NOT NULL,
    schedule_id text NOT NULL,
    run_id text,
    scheduled_fire_at bigint NOT NULL,
    actual_fire_at bigint NOT NULL,
    outcome text NOT NULL,
    error text,
    trigger_kind text NOT NULL,
    parent_trigger_id text,
    metadata jsonb
);


--
-- Name: mastra_schedules; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_schedules (
    id text NOT NULL,
    target jsonb NOT NULL,
    cron text NOT NULL,
    timezone text,
    status text NOT NULL,
    next_fire_at bigint NOT NULL,
    last_fire_at bigint,
    last_run_id text,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    metadata jsonb,
    owner_type text,
    owner_id text
);


--
-- Name: mastra_scorer_definition_versions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_scorer_definition_versions (
    id text NOT NULL,
    "scorerDefinitionId" text NOT NULL,
    "versionNumber" integer NOT NULL,
    name text NOT NULL,
    description text,
    type text NOT NULL,
    model jsonb,
    instructions text,
    "scoreRange" jsonb,
    "presetConfig" jsonb,
    "defaultSampling" jsonb,
    "changedFields" jsonb,
    "changeMessage" text,
    "createdAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_scorer_definitions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_scorer_definitions (
    id text NOT NULL,
    status text NOT NULL,
    "activeVersionId" text,
    "authorId" text,
    "organizationId" text,
    "projectId" text,
    metadata jsonb,
    "createdAt" timestamp without time zone NOT NULL,
    "updatedAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now(),
    "updatedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_scorers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_scorers (
    id text NOT NULL,
    "scorerId" text NOT NULL,
    "traceId" text,
    "spanId" text,
    "runId" text NOT NULL,
    scorer jsonb NOT NULL,
    "preprocessStepResult" jsonb,
    "extractStepResult" jsonb,
    "analyzeStepResult" jsonb,
    score double precision NOT NULL,
    reason text,
    metadata jsonb,
    "preprocessPrompt" text,
    "extractPrompt" text,
    "generateScorePrompt" text,
    "generateReasonPrompt" text,
    "analyzePrompt" text,
    "reasonPrompt" text,
    input jsonb NOT NULL,
    output jsonb NOT NULL,
    "additionalContext" jsonb,
    "requestContext" jsonb,
    "entityType" text,
    entity jsonb,
    "entityId" text,
    source text NOT NULL,
    "resourceId" text,
    "threadId" text,
    "organizationId" text,
    "projectId" text,
    "batchId" text,
    "datasetId" text,
    "datasetItemId" text,
    "createdAt" timestamp without time zone NOT NULL,
    "updatedAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now(),
    "updatedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_skill_blobs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_skill_blobs (
    hash text NOT NULL,
    content text NOT NULL,
    size integer NOT NULL,
    "mimeType" text,
    "createdAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_skill_versions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_skill_versions (
    id text NOT NULL,
    "skillId" text NOT NULL,
    "versionNumber" integer NOT NULL,
    name text NOT NULL,
    description text NOT NULL,
    instructions text NOT NULL,
    license text,
    compatibility jsonb,
    source jsonb,
    "references" jsonb,
    scripts jsonb,
    assets jsonb,
    files jsonb,
    metadata jsonb,
    tree jsonb,
    "changedFields" jsonb,
    "changeMessage" text,
    "createdAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_skills; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_skills (
    id text NOT NULL,
    status text NOT NULL,
    "activeVersionId" text,
    "authorId" text,
    visibility text,
    "favoriteCount" integer,
    "createdAt" timestamp without time zone NOT NULL,
    "updatedAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now(),
    "updatedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_thread_state; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_thread_state (
    "threadId" text NOT NULL,
    type text NOT NULL,
    value jsonb NOT NULL,
    "createdAt" timestamp without time zone NOT NULL,
    "updatedAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now(),
    "updatedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_threads; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_threads (
    id text NOT NULL,
    "resourceId" text NOT NULL,
    title text NOT NULL,
    metadata jsonb,
    "createdAt" timestamp without time zone NOT NULL,
    "updatedAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now(),
    "updatedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_tool_provider_connections; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_tool_provider_connections (
    "authorId" text NOT NULL,
    "providerId" text NOT NULL,
    "connectionId" text NOT NULL,
    toolkit text NOT NULL,
    label text,
    scope text NOT NULL,
    "createdAt" timestamp without time zone NOT NULL,
    "updatedAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now(),
    "updatedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_workflow_definitions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_workflow_definitions (
    id text NOT NULL,
    description text,
    metadata jsonb,
    "inputSchema" jsonb NOT NULL,
    "outputSchema" jsonb NOT NULL,
    "stateSchema" jsonb,
    "requestContextSchema" jsonb,
    graph jsonb NOT NULL,
    schedule jsonb,
    status text NOT NULL,
    source text NOT NULL,
    "authorId" text,
    "createdAt" timestamp without time zone NOT NULL,
    "updatedAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now(),
    "updatedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_workflow_snapshot; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_workflow_snapshot (
    workflow_name text NOT NULL,
    run_id text NOT NULL,
    "resourceId" text,
    snapshot jsonb NOT NULL,
    "createdAt" timestamp without time zone NOT NULL,
    "updatedAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now(),
    "updatedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_workspace_versions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_workspace_versions (
    id text NOT NULL,
    "workspaceId" text NOT NULL,
    "versionNumber" integer NOT NULL,
    name text NOT NULL,
    description text,
    filesystem jsonb,
    sandbox jsonb,
    mounts jsonb,
    search jsonb,
    skills jsonb,
    tools jsonb,
    "autoSync" boolean,
    "operationTimeout" integer,
    "changedFields" jsonb,
    "changeMessage" text,
    "createdAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_workspaces; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.mastra_workspaces (
    id text NOT NULL,
    status text NOT NULL,
    "activeVersionId" text,
    "authorId" text,
    metadata jsonb,
    "createdAt" timestamp without time zone NOT NULL,
    "updatedAt" timestamp without time zone NOT NULL,
    "createdAtZ" timestamp with time zone DEFAULT now(),
    "updatedAtZ" timestamp with time zone DEFAULT now()
);


--
-- Name: mastra_agent_versions mastra_agent_versions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_agent_versions
    ADD CONSTRAINT mastra_agent_versions_pkey PRIMARY KEY (id);


--
-- Name: mastra_agents mastra_agents_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_agents
    ADD CONSTRAINT mastra_agents_pkey PRIMARY KEY (id);


--
-- Name: mastra_background_tasks mastra_background_tasks_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_background_tasks
    ADD CONSTRAINT mastra_background_tasks_pkey PRIMARY KEY (id);


--
-- Name: mastra_channel_config mastra_channel_config_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_channel_config
    ADD CONSTRAINT mastra_channel_config_pkey PRIMARY KEY (platform);


--
-- Name: mastra_channel_installations mastra_channel_installations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_channel_installations
    ADD CONSTRAINT mastra_channel_installations_pkey PRIMARY KEY (id);


--
-- Name: mastra_dataset_items mastra_dataset_items_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_dataset_items
    ADD CONSTRAINT mastra_dataset_items_pkey PRIMARY KEY (id, "datasetVersion");


--
-- Name: mastra_dataset_versions mastra_dataset_versions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_dataset_versions
    ADD CONSTRAINT mastra_dataset_versions_pkey PRIMARY KEY (id);


--
-- Name: mastra_datasets mastra_datasets_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_datasets
    ADD CONSTRAINT mastra_datasets_pkey PRIMARY KEY (id);


--
-- Name: mastra_experiment_results mastra_experiment_results_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_experiment_results
    ADD CONSTRAINT mastra_experiment_results_pkey PRIMARY KEY (id);


--
-- Name: mastra_experiments mastra_experiments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_experiments
    ADD CONSTRAINT mastra_experiments_pkey PRIMARY KEY (id);


--
-- Name: mastra_favorites mastra_favorites_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_favorites
    ADD CONSTRAINT mastra_favorites_pkey PRIMARY KEY ("userId", "entityType", "entityId");


--
-- Name: mastra_knowledge_activity mastra_knowledge_activity_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_knowledge_activity
    ADD CONSTRAINT mastra_knowledge_activity_pkey PRIMARY KEY (id);


--
-- Name: mastra_knowledge_cursors mastra_knowledge_cursors_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_knowledge_cursors
    ADD CONSTRAINT mastra_knowledge_cursors_pkey PRIMARY KEY ("sourceThreadId", agent);


--
-- Name: mastra_knowledge_mentions mastra_knowledge_mentions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_knowledge_mentions
    ADD CONSTRAINT mastra_knowledge_mentions_pkey PRIMARY KEY ("sourceType", "sourceId", "recordId");


--
-- Name: mastra_knowledge_nodes mastra_knowledge_nodes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_knowledge_nodes
    ADD CONSTRAINT mastra_knowledge_nodes_pkey PRIMARY KEY (id);


--
-- Name: mastra_knowledge_records mastra_knowledge_records_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_knowledge_records
    ADD CONSTRAINT mastra_knowledge_records_pkey PRIMARY KEY (id);


--
-- Name: mastra_knowledge_semantic_outbox mastra_knowledge_semantic_outbox_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_knowledge_semantic_outbox
    ADD CONSTRAINT mastra_knowledge_semantic_outbox_pkey PRIMARY KEY (id);


--
-- Name: mastra_mcp_client_versions mastra_mcp_client_versions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_mcp_client_versions
    ADD CONSTRAINT mastra_mcp_client_versions_pkey PRIMARY KEY (id);


--
-- Name: mastra_mcp_clients mastra_mcp_clients_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_mcp_clients
    ADD CONSTRAINT mastra_mcp_clients_pkey PRIMARY KEY (id);


--
-- Name: mastra_mcp_server_versions mastra_mcp_server_versions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_mcp_server_versions
    ADD CONSTRAINT mastra_mcp_server_versions_pkey PRIMARY KEY (id);


--
-- Name: mastra_mcp_servers mastra_mcp_servers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_mcp_servers
    ADD CONSTRAINT mastra_mcp_servers_pkey PRIMARY KEY (id);


--
-- Name: mastra_messages mastra_messages_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_messages
    ADD CONSTRAINT mastra_messages_pkey PRIMARY KEY (id);


--
-- Name: mastra_observational_memory mastra_observational_memory_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_observational_memory
    ADD CONSTRAINT mastra_observational_memory_pkey PRIMARY KEY (id);


--
-- Name: mastra_prompt_block_versions mastra_prompt_block_versions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_prompt_block_versions
    ADD CONSTRAINT mastra_prompt_block_versions_pkey PRIMARY KEY (id);


--
-- Name: mastra_prompt_blocks mastra_prompt_blocks_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_prompt_blocks
    ADD CONSTRAINT mastra_prompt_blocks_pkey PRIMARY KEY (id);


--
-- Name: mastra_resources mastra_resources_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_resources
    ADD CONSTRAINT mastra_resources_pkey PRIMARY KEY (id);


--
-- Name: mastra_schedule_triggers mastra_schedule_triggers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_schedule_triggers
    ADD CONSTRAINT mastra_schedule_triggers_pkey PRIMARY KEY (id);


--
-- Name: mastra_schedules mastra_schedules_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_schedules
    ADD CONSTRAINT mastra_schedules_pkey PRIMARY KEY (id);


--
-- Name: mastra_scorer_definition_versions mastra_scorer_definition_versions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_scorer_definition_versions
    ADD CONSTRAINT mastra_scorer_definition_versions_pkey PRIMARY KEY (id);


--
-- Name: mastra_scorer_definitions mastra_scorer_definitions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_scorer_definitions
    ADD CONSTRAINT mastra_scorer_definitions_pkey PRIMARY KEY (id);


--
-- Name: mastra_scorers mastra_scorers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_scorers
    ADD CONSTRAINT mastra_scorers_pkey PRIMARY KEY (id);


--
-- Name: mastra_skill_blobs mastra_skill_blobs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_skill_blobs
    ADD CONSTRAINT mastra_skill_blobs_pkey PRIMARY KEY (hash);


--
-- Name: mastra_skill_versions mastra_skill_versions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_skill_versions
    ADD CONSTRAINT mastra_skill_versions_pkey PRIMARY KEY (id);


--
-- Name: mastra_skills mastra_skills_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_skills
    ADD CONSTRAINT mastra_skills_pkey PRIMARY KEY (id);


--
-- Name: mastra_thread_state mastra_thread_state_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_thread_state
    ADD CONSTRAINT mastra_thread_state_pkey PRIMARY KEY ("threadId", type);


--
-- Name: mastra_threads mastra_threads_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_threads
    ADD CONSTRAINT mastra_threads_pkey PRIMARY KEY (id);


--
-- Name: mastra_tool_provider_connections mastra_tool_provider_connections_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_tool_provider_connections
    ADD CONSTRAINT mastra_tool_provider_connections_pkey PRIMARY KEY ("authorId", "providerId", "connectionId");


--
-- Name: mastra_workflow_definitions mastra_workflow_definitions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_workflow_definitions
    ADD CONSTRAINT mastra_workflow_definitions_pkey PRIMARY KEY (id);


--
-- Name: mastra_workspace_versions mastra_workspace_versions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_workspace_versions
    ADD CONSTRAINT mastra_workspace_versions_pkey PRIMARY KEY (id);


--
-- Name: mastra_workspaces mastra_workspaces_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_workspaces
    ADD CONSTRAINT mastra_workspaces_pkey PRIMARY KEY (id);


--
-- Name: mastra_ai_spans public_mastra_ai_spans_traceid_spanid_pk; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_ai_spans
    ADD CONSTRAINT public_mastra_ai_spans_traceid_spanid_pk PRIMARY KEY ("traceId", "spanId");


--
-- Name: mastra_workflow_snapshot public_mastra_workflow_snapshot_workflow_name_run_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.mastra_workflow_snapshot
    ADD CONSTRAINT public_mastra_workflow_snapshot_workflow_name_run_id_key UNIQUE (workflow_name, run_id);

ALTER TABLE ONLY public.mastra_workflow_snapshot REPLICA IDENTITY USING INDEX public_mastra_workflow_snapshot_workflow_name_run_id_key;


--
-- Name: idx_channel_installations_platform_agent; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_channel_installations_platform_agent ON public.mastra_channel_installations USING btree (platform, "agentId");


--
-- Name: idx_channel_installations_webhook; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX idx_channel_installations_webhook ON public.mastra_channel_installations USING btree ("webhookId");


--
-- Name: idx_dataset_items_dataset_validto; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_dataset_items_dataset_validto ON public.mastra_dataset_items USING btree ("datasetId", "validTo");


--
-- Name: idx_dataset_items_dataset_validto_deleted; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_dataset_items_dataset_validto_deleted ON public.mastra_dataset_items USING btree ("datasetId", "validTo", "isDeleted");


--
-- Name: idx_dataset_items_dataset_version; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_dataset_items_dataset_version ON public.mastra_dataset_items USING btree ("datasetId", "datasetVersion");


--
-- Name: idx_dataset_items_external_id_history; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_dataset_items_external_id_history ON public.mastra_dataset_items USING btree ("datasetId", "externalId", "datasetVersion");


--
-- Name: idx_dataset_items_org_project; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_dataset_items_org_project ON public.mastra_dataset_items USING btree ("organizationId", "projectId");


--
-- Name: idx_dataset_versions_dataset_version; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_dataset_versions_dataset_version ON public.mastra_dataset_versions USING btree ("datasetId", version);


--
-- Name: idx_dataset_versions_dataset_version_unique; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX idx_dataset_versions_dataset_version_unique ON public.mastra_dataset_versions USING btree ("datasetId", version);


--
-- Name: idx_datasets_candidate; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_datasets_candidate ON public.mastra_datasets USING btree ("candidateKey", "candidateId");


--
-- Name: idx_datasets_org_project; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_datasets_org_project ON public.mastra_datasets USING btree ("organizationId", "projectId");


--
-- Name: idx_experiment_results_exp_item_attempt; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX idx_experiment_results_exp_item_attempt ON public.mastra_experiment_results USING btree ("experimentId", "itemId", attempt);


--
-- Name: idx_experiment_results_experimentid; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_experiment_results_experimentid ON public.mastra_experiment_results USING btree ("experimentId");


--
-- Name: idx_experiment_results_org_project; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_experiment_results_org_project ON public.mastra_experiment_results USING btree ("organizationId", "projectId");


--
-- Name: idx_experiment_results_tags_gin; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_experiment_results_tags_gin ON public.mastra_experiment_results USING gin (tags);


--
-- Name: idx_experiments_datasetid; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_experiments_datasetid ON public.mastra_experiments USING btree ("datasetId");


--
-- Name: idx_experiments_grouping; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_experiments_grouping ON public.mastra_experiments USING btree ("experimentSetId", "comparisonId", "variantId", "trialIndex");


--
-- Name: idx_experiments_org_project; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_experiments_org_project ON public.mastra_experiments USING btree ("organizationId", "projectId");


--
-- Name: idx_favorites_entity; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_favorites_entity ON public.mastra_favorites USING btree ("entityType", "entityId");


--
-- Name: idx_knowledge_activity_latest; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_knowledge_activity_latest ON public.mastra_knowledge_activity USING btree (id DESC);


--
-- Name: idx_knowledge_mentions_record; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_knowledge_mentions_record ON public.mastra_knowledge_mentions USING btree ("recordId", "sourceType", "sourceId");


--
-- Name: idx_knowledge_nodes_identity; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX idx_knowledge_nodes_identity ON public.mastra_knowledge_nodes USING btree (type, "scopeKey", "canonicalName");


--
-- Name: idx_knowledge_nodes_scope; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_knowledge_nodes_scope ON public.mastra_knowledge_nodes USING btree ("scopeKey", type);


--
-- Name: idx_knowledge_outbox_claim; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_knowledge_outbox_claim ON public.mastra_knowledge_semantic_outbox USING btree (status, "availableAt", "createdAt");


--
-- Name: idx_knowledge_outbox_idempotency; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX idx_knowledge_outbox_idempotency ON public.mastra_knowledge_semantic_outbox USING btree ("idempotencyKey");


--
-- Name: idx_knowledge_records_node_latest; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_knowledge_records_node_latest ON public.mastra_knowledge_records USING btree (node, id DESC);


--
-- Name: idx_knowledge_records_thread_latest; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_knowledge_records_thread_latest ON public.mastra_knowledge_records USING btree ("sourceThreadId", id DESC);


--
-- Name: idx_mastra_schedule_triggers_schedule_fire; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_mastra_schedule_triggers_schedule_fire ON public.mastra_schedule_triggers USING btree (schedule_id, actual_fire_at DESC);


--
-- Name: idx_mastra_schedules_status_next_fire; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_mastra_schedules_status_next_fire ON public.mastra_schedules USING btree (status, next_fire_at);


--
-- Name: idx_mcp_client_versions_client_version; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX idx_mcp_client_versions_client_version ON public.mastra_mcp_client_versions USING btree ("mcpClientId", "versionNumber");


--
-- Name: idx_mcp_server_versions_server_version; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX idx_mcp_server_versions_server_version ON public.mastra_mcp_server_versions USING btree ("mcpServerId", "versionNumber");


--
-- Name: idx_notifications_coalescing; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_notifications_coalescing ON public.mastra_notifications USING btree ("threadId", source, kind, status, "agentId", "resourceId", "dedupeKey", "coalesceKey");


--
-- Name: idx_notifications_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_notifications_due ON public.mastra_notifications USING btree (status, "deliverAt", "summaryAt");


--
-- Name: idx_notifications_thread_status_updated; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_notifications_thread_status_updated ON public.mastra_notifications USING btree ("threadId", status, "updatedAt");


--
-- Name: idx_om_lookup_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_om_lookup_key ON public.mastra_observational_memory USING btree ("lookupKey");


--
-- Name: idx_prompt_block_versions_block_version; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX idx_prompt_block_versions_block_version ON public.mastra_prompt_block_versions USING btree ("blockId", "versionNumber");


--
-- Name: idx_scorer_definition_versions_def_version; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX idx_scorer_definition_versions_def_version ON public.mastra_scorer_definition_versions USING btree ("scorerDefinitionId", "versionNumber");


--
-- Name: idx_skill_versions_skill_version; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX idx_skill_versions_skill_version ON public.mastra_skill_versions USING btree ("skillId", "versionNumber");


--
-- Name: idx_tool_provider_connections_author; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_tool_provider_connections_author ON public.mastra_tool_provider_connections USING btree ("authorId", "providerId", toolkit);


--
-- Name: idx_workflow_definitions_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX idx_workflow_definitions_status ON public.mastra_workflow_definitions USING btree (status);


--
-- Name: idx_workspace_versions_workspace_version; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX idx_workspace_versions_workspace_version ON public.mastra_workspace_versions USING btree ("workspaceId", "versionNumber");


--
-- Name: mastra_ai_spans_entitytype_entityid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mastra_ai_spans_entitytype_entityid_idx ON public.mastra_ai_spans USING btree ("entityType", "entityId");


--
-- Name: mastra_ai_spans_entitytype_entityname_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mastra_ai_spans_entitytype_entityname_idx ON public.mastra_ai_spans USING btree ("entityType", "entityName");


--
-- Name: mastra_ai_spans_metadata_gin_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mastra_ai_spans_metadata_gin_idx ON public.mastra_ai_spans USING gin (metadata);


--
-- Name: mastra_ai_spans_name_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mastra_ai_spans_name_idx ON public.mastra_ai_spans USING btree (name);


--
-- Name: mastra_ai_spans_orgid_userid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mastra_ai_spans_orgid_userid_idx ON public.mastra_ai_spans USING btree ("organizationId", "userId");


--
-- Name: mastra_ai_spans_parentspanid_startedat_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mastra_ai_spans_parentspanid_startedat_idx ON public.mastra_ai_spans USING btree ("parentSpanId", "startedAt" DESC);


--
-- Name: mastra_ai_spans_root_spans_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mastra_ai_spans_root_spans_idx ON public.mastra_ai_spans USING btree ("startedAt" DESC) WHERE ("parentSpanId" IS NULL);


--
-- Name: mastra_ai_spans_spantype_startedat_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mastra_ai_spans_spantype_startedat_idx ON public.mastra_ai_spans USING btree ("spanType", "startedAt" DESC);


--
-- Name: mastra_ai_spans_tags_gin_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mastra_ai_spans_tags_gin_idx ON public.mastra_ai_spans USING gin (tags);


--
-- Name: mastra_ai_spans_traceid_startedat_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mastra_ai_spans_traceid_startedat_idx ON public.mastra_ai_spans USING btree ("traceId", "startedAt" DESC);


--
-- Name: mastra_bg_tasks_agent_status_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mastra_bg_tasks_agent_status_idx ON public.mastra_background_tasks USING btree (agent_id, status);


--
-- Name: mastra_bg_tasks_status_created_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mastra_bg_tasks_status_created_at_idx ON public.mastra_background_tasks USING btree (status, "createdAt");


--
-- Name: mastra_bg_tasks_thread_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mastra_bg_tasks_thread_idx ON public.mastra_background_tasks USING btree (thread_id, "createdAt");


--
-- Name: mastra_bg_tasks_tool_call_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mastra_bg_tasks_tool_call_idx ON public.mastra_background_tasks USING btree (tool_call_id);


--
-- Name: mastra_messages_thread_id_createdat_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mastra_messages_thread_id_createdat_idx ON public.mastra_messages USING btree (thread_id, "createdAt" DESC);


--
-- Name: mastra_scores_trace_id_span_id_created_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mastra_scores_trace_id_span_id_created_at_idx ON public.mastra_scorers USING btree ("traceId", "spanId", "createdAt" DESC);


--
-- Name: mastra_threads_resourceid_createdat_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mastra_threads_resourceid_createdat_idx ON public.mastra_threads USING btree ("resourceId", "createdAt" DESC);


--
-- Name: mastra_workflow_snapshot_name_createdat_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mastra_workflow_snapshot_name_createdat_idx ON public.mastra_workflow_snapshot USING btree (workflow_name, "createdAt" DESC);


--
-- Name: mastra_workflow_snapshot_name_status_createdat_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mastra_workflow_snapshot_name_status_createdat_idx ON public.mastra_workflow_snapshot USING btree (workflow_name, ((snapshot ->> 'status'::text)), "createdAt" DESC);


--
-- Name: mastra_workflow_snapshot_threadid_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX mastra_workflow_snapshot_threadid_idx ON public.mastra_workflow_snapshot USING btree (COALESCE((jsonb_path_query_first(snapshot, '$."context".*?(@."status" == "suspended")."suspendPayload"."__streamState"."messageList"."memoryInfo"."threadId"'::jsonpath) #>> '{}'::text[]), (snapshot #>> '{context,input,messageListState,memoryInfo,threadId}'::text[])));


--
-- Name: mastra_ai_spans mastra_ai_spans_timestamps; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER mastra_ai_spans_timestamps BEFORE INSERT OR UPDATE ON public.mastra_ai_spans FOR EACH ROW EXECUTE FUNCTION public.trigger_set_timestamps();


--
-- PostgreSQL database dump complete
--

\unrestrict Qp0h2aPESKMjYW4ahhgaeg0Rw0qJ3Lcxvmp27D568jXybDPd2XQ94YfIgmnqAhJ

