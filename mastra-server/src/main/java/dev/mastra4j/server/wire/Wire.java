package dev.mastra4j.server.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.agent.AgentDescription;
import dev.mastra4j.core.agent.GenerateResult;
import dev.mastra4j.core.agent.ResponseInfo;
import dev.mastra4j.core.agent.StepResult;
import dev.mastra4j.core.agent.StreamChunk;
import dev.mastra4j.core.agent.ToolApprovalRequest;
import dev.mastra4j.core.agent.ToolCall;
import dev.mastra4j.core.agent.ToolResult;
import dev.mastra4j.core.agent.Usage;
import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.error.InvalidRequestException;
import dev.mastra4j.core.error.Issue;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.model.ModelWithRetries;
import dev.mastra4j.core.model.ResolvedModel;
import dev.mastra4j.core.storage.StorageMessage;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.core.util.IsoInstant;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Mastra 1.x's HTTP response shapes, built from core's types: agent and tool details, the generate result, stream
 * chunk frames and error bodies. Only the server's routes write these; tests compare them with responses captured from
 * Mastra itself. The JSON mapper they use is core's {@link Json#MAPPER}.
 */
public final class Wire {

    private static final ObjectMapper MAPPER = Json.MAPPER;

    /** The {@code from} field of every frame an agent run produces. */
    public static final String FROM_AGENT = "AGENT";

    private Wire() {}

    /** One entry of {@code GET /api/agents}, for an agent registered under its own id. */
    public static ObjectNode agentDetails(Agent agent) {
        return agentDetails(agent.id(), agent);
    }

    /** One entry of {@code GET /api/agents}, for an agent registered under {@code id}, with an empty context. */
    public static ObjectNode agentDetails(String id, Agent agent) {
        return agentDetails(id, agent, agent.describe(new RequestContext()));
    }

    /**
     * One entry of {@code GET /api/agents}, for an agent registered under {@code id}, as one request sees it: dynamic
     * instructions, model and tools resolved with that request's context ({@code config}), as Mastra 1.71 answers: a
     * part whose function failed is blank.
     */
    public static ObjectNode agentDetails(String id, Agent agent, AgentDescription config) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", id);
        node.put("name", agent.name());
        node.put("description", agent.description());
        node.put("instructions", config.instructions());
        node.putObject("agents");
        ObjectNode tools = node.putObject("tools");
        config.tools().forEach((toolId, tool) -> tools.set(toolId, toolDetails(tool)));
        node.putObject("workflows");
        node.putArray("skills");
        node.putArray("workspaceTools");
        node.putArray("browserTools");
        node.put("hasBrowser", false);
        node.putArray("inputProcessors");
        node.putArray("outputProcessors");
        node.put("provider", config.model().map(ResolvedModel::provider).orElse(""));
        node.put("modelId", config.model().map(ResolvedModel::modelId).orElse(""));
        node.put("modelVersion", "v2");
        node.put("supportsMemory", agent.memory().isPresent());
        if (!agent.modelList().isEmpty()) {
            // Mastra's modelList; its ids are random UUIDs, ours name the entry's place and model.
            ArrayNode models = node.putArray("modelList");
            for (int i = 0; i < agent.modelList().size(); i++) {
                ModelWithRetries entry = agent.modelList().get(i);
                ObjectNode item = models.addObject();
                item.put("id", i + ":" + entry.model().modelString());
                item.putObject("model")
                        .put("modelId", entry.model().modelId())
                        .put("provider", entry.model().provider())
                        .put("modelVersion", "v2");
                item.put("maxRetries", entry.maxRetries());
                item.put("enabled", entry.enabled());
            }
        }
        node.putObject("defaultOptions");
        node.putObject("defaultGenerateOptionsLegacy");
        node.putObject("defaultStreamOptionsLegacy");
        node.put("source", "code");
        node.put("hasDraft", false);
        return node;
    }

    /** One entry of {@code GET /api/tools}: id, description, inputSchema and outputSchema (if any) as JSON Schema. */
    public static ObjectNode toolDetails(Tool tool) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", tool.id());
        node.put("description", tool.description());
        node.set("inputSchema", tool.inputSchema());
        tool.outputSchema().ifPresent(schema -> node.set("outputSchema", schema));
        return node;
    }

    /** The body of a successful {@code generate}. */
    public static ObjectNode generateResult(GenerateResult result) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("text", result.text());
        node.set("usage", usage(result.usage()));
        ArrayNode steps = node.putArray("steps");
        for (int i = 0; i < result.steps().size(); i++) {
            steps.add(step(result.steps().get(i), i == 0 ? "initial" : "tool-result", result.runId()));
        }
        node.put("finishReason", result.finishReason().wireName());
        node.putArray("warnings");
        node.putObject("request");
        node.putArray("reasoning");
        node.set("toolCalls", toolCalls(result.toolCalls(), result.runId()));
        node.set("toolResults", toolResults(result.toolResults(), result.runId()));
        node.putArray("sources");
        node.putArray("files");
        node.set("response", response(result.response(), result.text()));
        node.set("totalUsage", usage(result.usage()));
        node.put("usedFallbackValue", false);
        node.put("runId", result.runId());
        if (result.object() != null) {
            node.set("object", result.object());
        }
        if (result.suspendPayload() != null) {
            // Mastra 1.71's suspended generate: the payload, and its resume schema again at the top level.
            approvalPayload(node.putObject("suspendPayload"), result.suspendPayload());
            node.put("resumeSchema", result.suspendPayload().resumeSchema());
        }
        if (result.memory() != null) {
            ArrayNode messages = node.putArray("messages");
            result.memory().remembered().forEach(m -> messages.add(memoryMessage(m)));
            result.memory().saved().forEach(m -> messages.add(memoryMessage(m)));
            ArrayNode remembered = node.putArray("rememberedMessages");
            result.memory().remembered().forEach(m -> remembered.add(memoryMessage(m)));
        }
        return node;
    }

    /**
     * A stored message as Mastra's API answers it: {@code {id, content, role, createdAt, threadId, resourceId}}, with
     * {@code type} only when it is not {@code v2}; dates as ISO strings with milliseconds.
     */
    public static ObjectNode memoryMessage(StorageMessage message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", message.id());
        node.set("content", message.content());
        node.put("role", message.role());
        node.put("createdAt", IsoInstant.format(message.createdAt()));
        node.put("threadId", message.threadId());
        node.put("resourceId", message.resourceId());
        if (!StorageMessage.V2.equals(message.type())) {
            node.put("type", message.type());
        }
        return node;
    }

    /**
     * One stream frame: {@code {type, runId, from: "AGENT", payload}}; structured output's {@code object} and
     * {@code object-result} carry {@code object} at the top level instead, as Mastra sends them.
     */
    public static ObjectNode streamChunk(StreamChunk chunk, String runId) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", chunk.type());
        node.put("runId", runId);
        node.put("from", FROM_AGENT);
        if (chunk instanceof StreamChunk.ObjectChunk partial) {
            node.set("object", partial.object());
            return node;
        }
        if (chunk instanceof StreamChunk.ObjectResult result) {
            node.set("object", result.object());
            return node;
        }
        ObjectNode payload = node.putObject("payload");
        switch (chunk) {
            case StreamChunk.Start start -> {
                payload.put("id", start.agentId());
                payload.put("messageId", start.messageId());
            }
            case StreamChunk.StepStart stepStart -> {
                payload.putArray("warnings");
                payload.put("messageId", stepStart.messageId());
                payload.put("startedAt", Instant.now().toEpochMilli());
                payload.putObject("request");
            }
            case StreamChunk.TextStart textStart -> payload.put("id", textStart.id());
            case StreamChunk.TextDelta delta -> {
                payload.put("id", delta.id());
                payload.put("text", delta.text());
            }
            case StreamChunk.TextEnd textEnd -> {
                payload.put("type", "text-end");
                payload.put("id", textEnd.id());
            }
            case StreamChunk.ToolCallChunk call -> toolCallPayload(payload, call.toolCall());
            case StreamChunk.ToolResultChunk result -> toolResultPayload(payload, result.toolResult());
            case StreamChunk.ToolCallApproval approval -> approvalPayload(payload, approval.request());
            case StreamChunk.ToolOutputDenied denied -> {
                toolCallPayload(payload, denied.toolCall());
                payload.putObject("approval")
                        .put("id", denied.toolCall().toolCallId())
                        .put("approved", false)
                        .put("reason", denied.reason());
            }
            case StreamChunk.StepFinish finish -> {
                payload.put("messageId", finish.messageId());
                ObjectNode stepResult = payload.putObject("stepResult");
                stepResult.put("reason", finish.reason().wireName());
                stepResult.put("isContinued", finish.isContinued());
                stepResult.putArray("warnings");
                payload.set("metadata", metadata(finish.step().response()));
                ObjectNode output = payload.putObject("output");
                output.put("text", finish.text());
                output.set("toolCalls", toolCalls(finish.step().toolCalls(), runId));
                output.set("usage", usage(finish.usage()));
            }
            case StreamChunk.Finish finish -> {
                payload.put("messageId", finish.messageId());
                ObjectNode stepResult = payload.putObject("stepResult");
                stepResult.put("reason", finish.reason().wireName());
                stepResult.put("isContinued", false);
                stepResult.putArray("warnings");
                payload.set("metadata", metadata(finish.result().response()));
                ObjectNode output = payload.putObject("output");
                output.put("text", finish.text());
                output.set("toolCalls", toolCalls(finish.result().toolCalls(), runId));
                output.set("toolResults", toolResults(finish.result().toolResults(), runId));
                output.set("usage", usage(finish.usage()));
                if (finish.result().object() != null) {
                    output.set("object", finish.result().object());
                }
            }
            case StreamChunk.ObjectChunk partial -> throw new IllegalStateException("written above");
            case StreamChunk.ObjectResult result -> throw new IllegalStateException("written above");
            case StreamChunk.ErrorChunk error -> payload.putObject("error").put("message", error.message());
        }
        return node;
    }

    /**
     * Writes {@link #streamChunk} to {@code generator} without building the tree for text deltas, the chunk a stream
     * sends most (one per token); the output is the same JSON, field for field.
     */
    public static void writeStreamChunk(JsonGenerator generator, StreamChunk chunk, String runId) throws IOException {
        if (chunk instanceof StreamChunk.TextDelta delta) {
            generator.writeStartObject();
            generator.writeStringField("type", delta.type());
            generator.writeStringField("runId", runId);
            generator.writeStringField("from", FROM_AGENT);
            generator.writeObjectFieldStart("payload");
            generator.writeStringField("id", delta.id());
            generator.writeStringField("text", delta.text());
            generator.writeEndObject();
            generator.writeEndObject();
        } else {
            MAPPER.writeTree(generator, streamChunk(chunk, runId));
        }
    }

    /** The body of a 400: {@code {"error": "Invalid request body", "issues": [{field, message}]}}. */
    public static ObjectNode invalidRequest(InvalidRequestException e) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("error", e.getMessage());
        ArrayNode issues = node.putArray("issues");
        for (Issue issue : e.issues()) {
            issues.addObject().put("field", issue.field()).put("message", issue.message());
        }
        return node;
    }

    /** {@code {"error": message}}. */
    public static ObjectNode error(String message) {
        return MAPPER.createObjectNode().put("error", message);
    }

    private static ObjectNode step(StepResult step, String stepType, String runId) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("stepType", stepType);
        node.putArray("sources");
        node.putArray("files");
        node.set("toolCalls", toolCalls(step.toolCalls(), runId));
        node.set("toolResults", toolResults(step.toolResults(), runId));
        ArrayNode content = node.putArray("content");
        if (!step.text().isEmpty()) {
            content.addObject().put("type", "text").put("text", step.text());
        }
        for (ToolCall call : step.toolCalls()) {
            ObjectNode part = content.addObject().put("type", "tool-call");
            part.put("toolCallId", call.toolCallId())
                    .put("toolName", call.toolName())
                    .set("input", call.args());
        }
        for (ToolResult result : step.toolResults()) {
            ObjectNode part = content.addObject().put("type", result.isError() ? "tool-error" : "tool-result");
            part.put("toolCallId", result.toolCallId()).put("toolName", result.toolName());
            part.set("input", result.args());
            part.set(result.isError() ? "error" : "output", result.result());
        }
        node.put("text", step.text());
        node.put("reasoningText", "");
        node.putArray("reasoning");
        node.put("finishReason", step.finishReason().wireName());
        node.set("usage", usage(step.usage()));
        node.putArray("warnings");
        node.putObject("request");
        node.set("response", response(step.response(), step.text()));
        return node;
    }

    private static ArrayNode toolCalls(List<ToolCall> calls, String runId) {
        ArrayNode array = MAPPER.createArrayNode();
        for (ToolCall call : calls) {
            // Flat fields for readers of the documented shape, payload for Mastra's chunk-shaped readers.
            ObjectNode node = array.addObject();
            node.put("type", "tool-call");
            node.put("runId", runId);
            node.put("from", FROM_AGENT);
            node.put("toolCallId", call.toolCallId());
            node.put("toolName", call.toolName());
            node.set("args", call.args());
            toolCallPayload(node.putObject("payload"), call);
        }
        return array;
    }

    private static ArrayNode toolResults(List<ToolResult> results, String runId) {
        ArrayNode array = MAPPER.createArrayNode();
        for (ToolResult result : results) {
            ObjectNode node = array.addObject();
            node.put("type", "tool-result");
            node.put("runId", runId);
            node.put("from", FROM_AGENT);
            node.put("toolCallId", result.toolCallId());
            node.put("toolName", result.toolName());
            node.set("args", result.args());
            node.set("result", result.result());
            if (result.isError()) {
                node.put("isError", true);
            }
            toolResultPayload(node.putObject("payload"), result);
        }
        return array;
    }

    private static void approvalPayload(ObjectNode payload, ToolApprovalRequest request) {
        payload.put("toolCallId", request.toolCallId());
        payload.put("toolName", request.toolName());
        payload.set("args", request.args());
        payload.put("resumeSchema", request.resumeSchema());
    }

    private static void toolCallPayload(ObjectNode payload, ToolCall call) {
        payload.put("toolCallId", call.toolCallId());
        payload.put("toolName", call.toolName());
        payload.set("args", call.args());
    }

    private static void toolResultPayload(ObjectNode payload, ToolResult result) {
        payload.put("toolCallId", result.toolCallId());
        payload.put("toolName", result.toolName());
        payload.set("args", result.args());
        payload.set("result", result.result());
        if (result.isError()) {
            payload.put("isError", true);
        }
    }

    private static ObjectNode usage(Usage usage) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("inputTokens", usage.inputTokens());
        node.put("outputTokens", usage.outputTokens());
        node.put("totalTokens", usage.totalTokens());
        return node;
    }

    private static ObjectNode metadata(ResponseInfo info) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", info.id());
        node.put("timestamp", info.timestamp().toString());
        node.put("modelId", info.modelId());
        return node;
    }

    private static ObjectNode response(ResponseInfo info, String text) {
        ObjectNode node = metadata(info);
        ArrayNode messages = node.putArray("messages");
        if (text != null && !text.isEmpty()) {
            ObjectNode message = messages.addObject().put("role", "assistant");
            message.putArray("content").addObject().put("type", "text").put("text", text);
        }
        return node;
    }
}
