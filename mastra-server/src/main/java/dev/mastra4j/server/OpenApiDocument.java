package dev.mastra4j.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.core.ApiRoute;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.server.http.Route;
import dev.mastra4j.server.http.Router;
import dev.mastra4j.server.studio.StudioRoutes;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenAPI 3.1 document of {@code GET /api/openapi.json}, generated from the router's routes so that it cannot
 * list a route that does not exist or miss one that does. Bodies are described by shared schemas.
 *
 * <p>Longer than most classes because the document is one table of Mastra's wire shapes: each route's operation and
 * each shared schema is written out field by field, so the file grows with the routes, not with logic.
 */
final class OpenApiDocument {

    private OpenApiDocument() {}

    /**
     * {@code streamsLimited}: stream routes list 429 (streams per user); {@code custom}: the router's routes that come
     * from custom {@link ApiRoute}s.
     */
    static ObjectNode build(Router router, boolean authEnabled, boolean streamsLimited, Map<Route, ApiRoute> custom) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Mastra API (mastra4j)");
        info.put("version", "1.0.0");
        info.put("description", "Mastra 1.x compatible REST API served by mastra4j.");
        ObjectNode paths = doc.putObject("paths");
        for (Route route : router.routes()) {
            if (StudioRoutes.isStudioRoute(route.template())) {
                continue; // the page and its files, not part of the API
            }
            String path = Route.openApiPath(route.template());
            ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
            ApiRoute apiRoute = custom.get(route);
            item.set(
                    route.method().toLowerCase(Locale.ROOT),
                    apiRoute == null
                            ? operation(route, authEnabled, streamsLimited)
                            : customOperation(route, authEnabled && apiRoute.requiresAuth()));
        }
        ObjectNode components = doc.putObject("components");
        schemas(components.putObject("schemas"));
        if (authEnabled) {
            components
                    .putObject("securitySchemes")
                    .putObject("bearerAuth")
                    .put("type", "http")
                    .put("scheme", "bearer")
                    .put("bearerFormat", "JWT");
        }
        return doc;
    }

    private static ObjectNode operation(Route route, boolean authEnabled, boolean streamsLimited) {
        String template = route.template();
        ObjectNode op = Json.MAPPER.createObjectNode();
        op.put("operationId", operationId(route));
        op.put("summary", route.summary());
        boolean memory = template.startsWith("/api/memory/");
        op.putArray("tags")
                .add(
                        template.startsWith("/api/agents")
                                ? "agents"
                                : template.startsWith("/api/tools") ? "tools" : memory ? "memory" : "system");
        ArrayNode parameters = op.putArray("parameters");
        for (String name : route.parameterNames()) {
            ObjectNode p = parameters.addObject();
            p.put("name", name).put("in", "path").put("required", true);
            p.putObject("schema").put("type", "string");
        }
        if (parameters.isEmpty()) {
            op.remove("parameters");
        }
        boolean isPublic = template.equals("/health") || template.equals("/api") || template.startsWith("/api/auth/");
        if (authEnabled && !isPublic) {
            op.putArray("security").addObject().putArray("bearerAuth");
        }
        if (route.method().equals("POST") || route.method().equals("PATCH")) {
            String schema = memory
                    ? "AnyJson"
                    : template.endsWith("/execute")
                            ? "ToolExecuteRequest"
                            : isApproval(template) ? "ToolApprovalRequest" : "AgentRequest";
            ObjectNode body = op.putObject("requestBody").put("required", true);
            body.putObject("content")
                    .putObject("application/json")
                    .putObject("schema")
                    .put("$ref", ref(schema));
        }
        ObjectNode responses = op.putObject("responses");
        ObjectNode ok = responses.putObject("200");
        if (template.endsWith("/stream") || template.endsWith("-tool-call")) {
            ok.put("description", "Server-Sent Events: one JSON chunk per `data:` frame, then `data: [DONE]`");
            ok.putObject("content")
                    .putObject("text/event-stream")
                    .putObject("schema")
                    .put("type", "string");
        } else if (template.equals("/api")) {
            ok.put("description", "A plain-text greeting");
            ok.putObject("content").putObject("text/plain").putObject("schema").put("type", "string");
        } else {
            ok.put("description", "Success");
            ok.putObject("content")
                    .putObject("application/json")
                    .putObject("schema")
                    .put("$ref", ref(successSchema(route)));
        }
        if (route.method().equals("POST") || route.method().equals("PATCH")) {
            error(responses, "400", "Invalid request body", "InvalidRequestError");
            error(responses, "413", "Request body too large", "Error");
            error(responses, "415", "Unsupported media type", "Error");
        }
        if (authEnabled && !isPublic) {
            error(responses, "401", "Authentication required or token invalid", "Error");
            error(responses, "403", "Access denied", "Error");
        }
        if (memory) {
            error(responses, "404", "Unknown agent or thread", "Error");
            error(responses, "409", "Thread id already exists (clone)", "Error");
            error(responses, "503", "Memory storage unavailable", "Error");
        } else if (isApproval(template)) {
            error(responses, "404", "Unknown agent or suspended run", "Error");
            error(responses, "409", "The run was already approved or declined", "Error");
            error(responses, "410", "The run's approval expired", "Error");
        } else if (!route.parameterNames().isEmpty()) {
            error(responses, "404", "Unknown agent or tool", "Error");
        }
        if (streamsLimited && !isPublic && template.endsWith("/stream")) {
            error(responses, "429", "Too many concurrent streams for this user (with Retry-After)", "Error");
        }
        if (template.endsWith("/generate") || template.endsWith("/stream") || isApproval(template)) {
            error(responses, "502", "Model provider error", "Error");
            error(responses, "504", "Model provider timed out", "Error");
        }
        error(responses, "500", "Internal server error (the response carries X-Request-Id)", "Error");
        return op;
    }

    /** A custom route: any JSON in and out, path parameters, and the pipeline's own error answers. */
    private static ObjectNode customOperation(Route route, boolean secured) {
        ObjectNode op = Json.MAPPER.createObjectNode();
        op.put("operationId", operationId(route));
        op.put("summary", route.summary());
        op.putArray("tags").add("custom");
        ArrayNode parameters = op.putArray("parameters");
        for (String name : route.parameterNames()) {
            ObjectNode p = parameters.addObject();
            p.put("name", name).put("in", "path").put("required", true);
            p.putObject("schema").put("type", "string");
        }
        if (parameters.isEmpty()) {
            op.remove("parameters");
        }
        if (secured) {
            op.putArray("security").addObject().putArray("bearerAuth");
        }
        boolean hasBody = route.method().equals("POST")
                || route.method().equals("PUT")
                || route.method().equals("PATCH");
        if (hasBody) {
            ObjectNode body = op.putObject("requestBody").put("required", false);
            body.putObject("content")
                    .putObject("application/json")
                    .putObject("schema")
                    .put("$ref", ref("AnyJson"));
        }
        ObjectNode responses = op.putObject("responses");
        responses.putObject("default").put("description", "What the route's handler answers");
        if (hasBody) {
            error(responses, "400", "Invalid request body", "InvalidRequestError");
            error(responses, "413", "Request body too large", "Error");
            error(responses, "415", "Unsupported media type", "Error");
        }
        if (secured) {
            error(responses, "401", "Authentication required or token invalid", "Error");
            error(responses, "403", "Access denied", "Error");
        }
        error(responses, "500", "Internal server error (the response carries X-Request-Id)", "Error");
        return op;
    }

    private static String successSchema(Route route) {
        String t = route.template();
        return switch (t) {
            case "/health" -> "Health";
            case "/api/agents" -> "AgentMap";
            case "/api/agents/:agentId" -> "Agent";
            case "/api/agents/:agentId/generate",
                    "/api/agents/:agentId/approve-tool-call-generate",
                    "/api/agents/:agentId/decline-tool-call-generate" -> "GenerateResult";
            case "/api/tools" -> "ToolMap";
            case "/api/tools/:toolId", "/api/agents/:agentId/tools/:toolId" -> "Tool";
            case "/api/openapi.json" -> "OpenApiDocument";
            default -> "AnyJson";
        };
    }

    /** The routes that resume a run suspended for a tool approval. */
    private static boolean isApproval(String template) {
        return template.startsWith("/api/agents/:agentId/")
                && (template.endsWith("-tool-call") || template.endsWith("-tool-call-generate"));
    }

    private static String operationId(Route route) {
        StringBuilder id = new StringBuilder(route.method().toLowerCase(Locale.ROOT));
        for (String segment : route.segments()) {
            String word = segment.replaceAll("[^A-Za-z0-9]", "");
            if (Route.isParameter(segment)) {
                word = "By" + capitalize(word);
            }
            id.append(capitalize(word));
        }
        return id.toString();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static void error(ObjectNode responses, String status, String description, String schema) {
        ObjectNode r = responses.putObject(status);
        r.put("description", description);
        r.putObject("content").putObject("application/json").putObject("schema").put("$ref", ref(schema));
    }

    private static String ref(String schema) {
        return "#/components/schemas/" + schema;
    }

    private static void schemas(ObjectNode s) {
        ObjectNode error = object(s.putObject("Error"), "error");
        props(error).putObject("error").put("type", "string");
        props(error).putObject("reason").put("type", "string").put("description", "Machine-readable reason");
        props(error).putObject("requestId").put("type", "string");

        ObjectNode invalid = object(s.putObject("InvalidRequestError"), "error", "issues");
        props(invalid).putObject("error").put("type", "string").put("const", "Invalid request body");
        ObjectNode issue =
                props(invalid).putObject("issues").put("type", "array").putObject("items");
        object(issue, "field", "message");
        props(issue).putObject("field").put("type", "string");
        props(issue).putObject("message").put("type", "string");

        ObjectNode health = object(s.putObject("Health"), "success");
        props(health).putObject("success").put("type", "boolean");

        s.putObject("AnyJson").put("description", "Any JSON value");
        s.putObject("OpenApiDocument").put("type", "object");

        ObjectNode tool = object(s.putObject("Tool"), "id", "description", "inputSchema");
        props(tool).putObject("id").put("type", "string");
        props(tool).putObject("description").put("type", "string");
        props(tool).putObject("inputSchema").put("type", "object").put("description", "JSON Schema");
        props(tool).putObject("outputSchema").put("type", "object").put("description", "JSON Schema");
        s.putObject("ToolMap")
                .put("type", "object")
                .putObject("additionalProperties")
                .put("$ref", ref("Tool"));

        ObjectNode agent = object(
                s.putObject("Agent"), "id", "name", "description", "instructions", "tools", "provider", "modelId");
        for (String name : new String[] {"id", "name", "description", "instructions", "provider", "modelId"}) {
            props(agent).putObject(name).put("type", "string");
        }
        props(agent).putObject("tools").put("$ref", ref("ToolMap"));
        s.putObject("AgentMap")
                .put("type", "object")
                .putObject("additionalProperties")
                .put("$ref", ref("Agent"));

        ObjectNode message = object(s.putObject("Message"), "role", "content");
        props(message)
                .putObject("role")
                .put("type", "string")
                .putArray("enum")
                .add("user")
                .add("assistant")
                .add("system");
        ArrayNode content = props(message).putObject("content").putArray("oneOf");
        content.addObject().put("type", "string");
        ObjectNode part = content.addObject().put("type", "array").putObject("items");
        object(part, "type", "text");
        props(part).putObject("type").put("const", "text");
        props(part).putObject("text").put("type", "string");

        ObjectNode request = object(s.putObject("AgentRequest"), "messages");
        ArrayNode messages = props(request).putObject("messages").putArray("oneOf");
        messages.addObject().put("type", "string");
        messages.addObject().put("type", "array").putObject("items").put("type", "string");
        messages.addObject().put("type", "array").putObject("items").put("$ref", ref("Message"));
        props(request).putObject("instructions").put("type", "string");
        props(request)
                .putObject("maxSteps")
                .put("type", "integer")
                .put("minimum", 1)
                .put("maximum", 100);
        props(request).putObject("requestContext").put("type", "object");
        ObjectNode memory = props(request).putObject("memory").put("type", "object");
        memory.putObject("properties").putObject("thread").put("type", "string");
        ((ObjectNode) memory.get("properties")).putObject("resource").put("type", "string");
        ObjectNode settings =
                props(request).putObject("modelSettings").put("type", "object").putObject("properties");
        settings.putObject("temperature").put("type", "number");
        settings.putObject("maxOutputTokens").put("type", "integer");
        settings.putObject("topP").put("type", "number");
        ArrayNode toolChoice = props(request).putObject("toolChoice").putArray("oneOf");
        toolChoice
                .addObject()
                .put("type", "string")
                .putArray("enum")
                .add("auto")
                .add("none")
                .add("required");
        ObjectNode specific = object(toolChoice.addObject(), "type", "toolName");
        props(specific).putObject("type").put("const", "tool");
        props(specific).putObject("toolName").put("type", "string");
        props(request)
                .putObject("activeTools")
                .put("type", "array")
                .putObject("items")
                .put("type", "string");

        ObjectNode execute = object(s.putObject("ToolExecuteRequest"), "data");
        props(execute)
                .putObject("data")
                .put("type", "object")
                .put("description", "Input matching the tool's inputSchema");
        props(execute).putObject("requestContext").put("type", "object");

        ObjectNode approval = object(s.putObject("ToolApprovalRequest"), "runId", "toolCallId");
        props(approval).putObject("runId").put("type", "string").put("description", "The suspended run's id");
        props(approval)
                .putObject("toolCallId")
                .put("type", "string")
                .put("description", "The tool call the run waits for");

        ObjectNode usage = object(s.putObject("Usage"), "inputTokens", "outputTokens", "totalTokens");
        props(usage).putObject("inputTokens").put("type", "integer");
        props(usage).putObject("outputTokens").put("type", "integer");
        props(usage).putObject("totalTokens").put("type", "integer");
        ObjectNode result = object(
                s.putObject("GenerateResult"),
                "text",
                "finishReason",
                "usage",
                "toolCalls",
                "toolResults",
                "steps",
                "response");
        props(result).putObject("text").put("type", "string");
        props(result)
                .putObject("finishReason")
                .put("type", "string")
                .putArray("enum")
                .add("stop")
                .add("length")
                .add("tool-calls")
                .add("content-filter")
                .add("error")
                .add("other")
                .add("suspended");
        props(result).putObject("usage").put("$ref", ref("Usage"));
        props(result).putObject("toolCalls").put("type", "array");
        props(result).putObject("toolResults").put("type", "array");
        props(result).putObject("steps").put("type", "array");
        props(result).putObject("response").put("type", "object");
        props(result).putObject("runId").put("type", "string");
        props(result)
                .putObject("suspendPayload")
                .put("type", "object")
                .put("description", "When suspended: {toolCallId, toolName, args, resumeSchema}");
        props(result)
                .putObject("resumeSchema")
                .put("type", "string")
                .put("description", "When suspended: the JSON Schema of a decision, as JSON text");
    }

    private static ObjectNode object(ObjectNode schema, String... required) {
        schema.put("type", "object");
        schema.putObject("properties");
        ArrayNode req = schema.putArray("required");
        for (String name : required) {
            req.add(name);
        }
        return schema;
    }

    private static ObjectNode props(ObjectNode schema) {
        return (ObjectNode) schema.get("properties");
    }
}
