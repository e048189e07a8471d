package dev.mastra4j.server.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.agent.AgentMemoryOption;
import dev.mastra4j.core.agent.AgentOptions;
import dev.mastra4j.core.agent.Message;
import dev.mastra4j.core.agent.ModelSettings;
import dev.mastra4j.core.agent.StructuredOutput;
import dev.mastra4j.core.agent.ToolChoice;
import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.error.InvalidRequestException;
import dev.mastra4j.core.error.Issue;
import dev.mastra4j.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of {@code POST /api/agents/{id}/generate} and {@code /stream}, read the way Mastra reads it.
 *
 * <p>{@code messages} is a string, an array of strings, or an array of {@code {role, content}} where content is a
 * string or an array of {@code {type:"text", text}} parts. Optional: {@code instructions}, {@code maxSteps} (1..100),
 * {@code requestContext} (object), {@code memory {thread, resource}} (or {@code threadId}/{@code resourceId}),
 * {@code modelSettings {temperature, maxOutputTokens, topP}}, {@code toolChoice} ({@code auto|none|required|{type:"tool", toolName}}), {@code activeTools}
 * (array of tool ids), {@code structuredOutput {schema}} (JSON Schema), {@code requireToolApproval} (boolean). Unknown
 * fields are ignored.
 *
 * <p>The request context in {@link #options()} holds only what the client sent; the server merges it under its own
 * values with {@link #withServerContext(RequestContext)}.
 *
 * <p>Longer than most classes because it reads every field of Mastra's generate and stream body (messages, model
 * settings, tool choice, memory and its aliases, request context), each with Mastra's 400 wording for a bad value,
 * in one place, as Mastra's body schema is one object.
 */
public record AgentRequest(List<Message> messages, AgentOptions options) {

    public AgentRequest {
        messages = List.copyOf(messages);
        Objects.requireNonNull(options, "options");
    }

    /**
     * Reads a request body. Total: for any input it returns or throws {@link InvalidRequestException}, whose issues
     * name each bad field ({@code messages}, {@code messages[1].role}, {@code maxSteps}, ...).
     */
    public static AgentRequest fromJson(JsonNode body) {
        try {
            return new Reader().read(body);
        } catch (InvalidRequestException e) {
            throw e;
        } catch (RuntimeException e) {
            // Not expected; kept so that no body can ever turn into a 500.
            throw InvalidRequestException.of("body", "Could not read the request body");
        }
    }

    /**
     * This request with {@code serverContext} as its context: the server's values (such as the user) stay, and the
     * client's values are added only where the server set nothing ({@link RequestContext#setFromClient(Map)}).
     */
    public AgentRequest withServerContext(RequestContext serverContext) {
        Objects.requireNonNull(serverContext, "serverContext");
        if (options.requestContext() != null) {
            serverContext.setFromClient(options.requestContext().asMap());
        }
        return new AgentRequest(
                messages, options.toBuilder().requestContext(serverContext).build());
    }

    /** This request with the memory resource forced to {@code resource} (the server pins it to the user). */
    public AgentRequest withMemoryResource(String resource) {
        AgentMemoryOption memory = options.memory() == null
                ? new AgentMemoryOption(null, resource)
                : options.memory().withResource(resource);
        return new AgentRequest(messages, options.toBuilder().memory(memory).build());
    }

    private static final class Reader {
        private final List<Issue> issues = new ArrayList<>();

        AgentRequest read(JsonNode body) {
            if (body == null || !body.isObject()) {
                throw InvalidRequestException.of("body", "Expected a JSON object");
            }
            List<Message> messages = messages(body.get("messages"));
            AgentOptions.Builder options = AgentOptions.builder();
            options.instructions(optionalString(body, "instructions", "instructions"));
            options.maxSteps(maxSteps(body.get("maxSteps")));
            options.requestContext(requestContext(body.get("requestContext")));
            options.memory(memory(body));
            options.modelSettings(modelSettings(body.get("modelSettings")));
            options.toolChoice(toolChoice(body.get("toolChoice")));
            options.activeTools(activeTools(body.get("activeTools")));
            options.structuredOutput(structuredOutput(body.get("structuredOutput")));
            options.requireToolApproval(requireToolApproval(body.get("requireToolApproval")));
            if (!issues.isEmpty()) {
                throw new InvalidRequestException(issues);
            }
            return new AgentRequest(messages, options.build());
        }

        private Boolean requireToolApproval(JsonNode node) {
            if (absent(node)) {
                return null;
            }
            if (!node.isBoolean()) {
                issue("requireToolApproval", "Expected a boolean");
                return null;
            }
            return node.asBoolean();
        }

        private List<Message> messages(JsonNode node) {
            List<Message> messages = new ArrayList<>();
            if (absent(node)) {
                issue("messages", "Required");
            } else if (node.isTextual()) {
                if (node.asText().isEmpty()) {
                    issue("messages", "Must not be empty");
                } else {
                    messages.add(Message.user(node.asText()));
                }
            } else if (node.isArray()) {
                if (node.isEmpty()) {
                    issue("messages", "Must not be empty");
                }
                for (int i = 0; i < node.size(); i++) {
                    Message message = message(node.get(i), "messages[" + i + "]");
                    if (message != null) {
                        messages.add(message);
                    }
                }
            } else {
                issue("messages", "Expected a string, an array of strings or an array of {role, content} objects");
            }
            return messages;
        }

        private Message message(JsonNode node, String field) {
            if (node.isTextual()) {
                return Message.user(node.asText());
            }
            if (!node.isObject()) {
                issue(field, "Expected a string or a {role, content} object");
                return null;
            }
            JsonNode role = node.get("role");
            String roleText = null;
            if (absent(role)) {
                issue(field + ".role", "Required");
            } else if (!role.isTextual() || !Message.ROLES.contains(role.asText())) {
                issue(field + ".role", "Expected 'user', 'assistant' or 'system'");
            } else {
                roleText = role.asText();
            }
            String content = content(node.get("content"), field + ".content");
            return roleText == null || content == null ? null : new Message(roleText, content);
        }

        private String content(JsonNode node, String field) {
            if (absent(node)) {
                issue(field, "Required");
                return null;
            }
            if (node.isTextual()) {
                return node.asText();
            }
            if (!node.isArray()) {
                issue(field, "Expected a string or an array of {type: \"text\", text} parts");
                return null;
            }
            StringBuilder text = new StringBuilder();
            boolean ok = true;
            for (int i = 0; i < node.size(); i++) {
                JsonNode part = node.get(i);
                String partField = field + "[" + i + "]";
                if (part.isTextual()) {
                    text.append(part.asText());
                } else if (!part.isObject()) {
                    issue(partField, "Expected a {type: \"text\", text} part");
                    ok = false;
                } else if (!"text".equals(part.path("type").asText(null))) {
                    issue(partField + ".type", "Only text parts are supported");
                    ok = false;
                } else if (!part.path("text").isTextual()) {
                    issue(partField + ".text", "Expected a string");
                    ok = false;
                } else {
                    text.append(part.get("text").asText());
                }
            }
            return ok ? text.toString() : null;
        }

        private Integer maxSteps(JsonNode node) {
            if (absent(node)) {
                return null;
            }
            if (!node.isNumber() || !node.canConvertToExactIntegral() || !node.canConvertToInt()) {
                issue("maxSteps", "Expected an integer from 1 to 100");
                return null;
            }
            int value = node.intValue();
            if (value < 1 || value > 100) {
                issue("maxSteps", "Expected an integer from 1 to 100");
                return null;
            }
            return value;
        }

        private RequestContext requestContext(JsonNode node) {
            if (absent(node)) {
                return null;
            }
            if (!node.isObject()) {
                issue("requestContext", "Expected an object");
                return null;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            node.properties().forEach(e -> {
                if (!e.getValue().isNull()) {
                    values.put(e.getKey(), Json.MAPPER.convertValue(e.getValue(), Object.class));
                }
            });
            // The body is a client's: reserved keys are dropped here already, not only when merged.
            return RequestContext.fromClient(values);
        }

        /**
         * {@code memory: {thread, resource}} with {@code thread} a string or {@code {id, ...}}; also, beyond Mastra
         * 1.71 (which answers 500 or 400 for them), the spellings {@code threadId}/{@code resourceId} at the top level
         * or inside {@code memory}. {@code memory.thread} wins over {@code threadId}, and the server replaces any
         * resource with the signed-in user's.
         */
        private AgentMemoryOption memory(JsonNode body) {
            JsonNode node = body.get("memory");
            String topThread = optionalString(body, "threadId", "threadId");
            String topResource = optionalString(body, "resourceId", "resourceId");
            if (absent(node)) {
                return topThread == null && topResource == null ? null : new AgentMemoryOption(topThread, topResource);
            }
            if (!node.isObject()) {
                issue("memory", "Expected an object {thread, resource}");
                return null;
            }
            String thread = null;
            JsonNode threadNode = node.get("thread");
            if (!absent(threadNode)) {
                // Mastra also accepts a thread object; its id is what matters here.
                if (threadNode.isTextual()) {
                    thread = threadNode.asText();
                } else if (threadNode.isObject() && threadNode.path("id").isTextual()) {
                    thread = threadNode.get("id").asText();
                } else {
                    issue("memory.thread", "Expected a string or an object with a string id");
                }
            } else {
                thread = optionalString(node, "threadId", "memory.threadId");
            }
            if (thread != null && thread.isEmpty()) {
                issue("memory.thread", "Must not be empty");
            }
            String resource = optionalString(node, "resource", "memory.resource");
            if (resource == null) {
                resource = optionalString(node, "resourceId", "memory.resourceId");
            }
            return new AgentMemoryOption(
                    thread != null ? thread : topThread, resource != null ? resource : topResource);
        }

        private ModelSettings modelSettings(JsonNode node) {
            if (absent(node)) {
                return null;
            }
            if (!node.isObject()) {
                issue("modelSettings", "Expected an object");
                return null;
            }
            Double temperature = number(node.get("temperature"), "modelSettings.temperature", 0, 2);
            Double topP = number(node.get("topP"), "modelSettings.topP", 0, 1);
            Integer maxOutputTokens = null;
            JsonNode max = node.get("maxOutputTokens");
            if (!absent(max)) {
                if (!max.isNumber()
                        || !max.canConvertToExactIntegral()
                        || !max.canConvertToInt()
                        || max.intValue() < 1) {
                    issue("modelSettings.maxOutputTokens", "Expected a positive integer");
                } else {
                    maxOutputTokens = max.intValue();
                }
            }
            return new ModelSettings(temperature, maxOutputTokens, topP);
        }

        private Double number(JsonNode node, String field, double min, double max) {
            if (absent(node)) {
                return null;
            }
            if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
                issue(field, "Expected a number");
                return null;
            }
            double value = node.doubleValue();
            if (value < min || value > max) {
                issue(field, "Expected a number from " + fmt(min) + " to " + fmt(max));
                return null;
            }
            return value;
        }

        private static String fmt(double value) {
            return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        }

        private ToolChoice toolChoice(JsonNode node) {
            if (absent(node)) {
                return null;
            }
            if (node.isTextual()) {
                return switch (node.asText()) {
                    case "auto" -> ToolChoice.AUTO;
                    case "none" -> ToolChoice.NONE;
                    case "required" -> ToolChoice.REQUIRED;
                    default -> {
                        issue("toolChoice", "Expected 'auto', 'none', 'required' or {type: 'tool', toolName}");
                        yield null;
                    }
                };
            }
            if (node.isObject() && "tool".equals(node.path("type").asText(null))) {
                JsonNode name = node.get("toolName");
                if (name != null && name.isTextual() && !name.asText().isEmpty()) {
                    return ToolChoice.tool(name.asText());
                }
                issue("toolChoice.toolName", "Expected a tool id");
                return null;
            }
            issue("toolChoice", "Expected 'auto', 'none', 'required' or {type: 'tool', toolName}");
            return null;
        }

        /** {@code structuredOutput: {schema: <JSON Schema>}}; a schema that is not JSON Schema is a 400. */
        private StructuredOutput structuredOutput(JsonNode node) {
            if (absent(node)) {
                return null;
            }
            if (!node.isObject()) {
                issue("structuredOutput", "Invalid input: expected object, received " + type(node));
                return null;
            }
            try {
                return StructuredOutput.of(node.get("schema"));
            } catch (InvalidRequestException e) {
                issues.addAll(e.issues());
                return null;
            }
        }

        private static String type(JsonNode node) {
            return node.isTextual() ? "string" : node.isArray() ? "array" : node.isNumber() ? "number" : "boolean";
        }

        private List<String> activeTools(JsonNode node) {
            if (absent(node)) {
                return null;
            }
            if (!node.isArray()) {
                issue("activeTools", "Expected an array of tool ids");
                return null;
            }
            List<String> tools = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isTextual()) {
                    tools.add(node.get(i).asText());
                } else {
                    issue("activeTools[" + i + "]", "Expected a string");
                }
            }
            return tools;
        }

        private String optionalString(JsonNode parent, String name, String field) {
            JsonNode node = parent.get(name);
            if (absent(node)) {
                return null;
            }
            if (!node.isTextual()) {
                issue(field, "Expected a string");
                return null;
            }
            return node.asText();
        }

        private static boolean absent(JsonNode node) {
            return node == null || node.isNull() || node.isMissingNode();
        }

        private void issue(String field, String message) {
            issues.add(new Issue(field, message));
        }
    }
}
