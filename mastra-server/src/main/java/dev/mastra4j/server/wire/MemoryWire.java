package dev.mastra4j.server.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.core.agent.Memory;
import dev.mastra4j.core.agent.WorkingMemory;
import dev.mastra4j.core.error.InvalidRequestException;
import dev.mastra4j.core.error.Issue;
import dev.mastra4j.core.error.MastraException;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.memory.MemoryAccess;
import dev.mastra4j.core.storage.Page;
import dev.mastra4j.core.storage.StorageMessage;
import dev.mastra4j.core.storage.StorageThread;
import dev.mastra4j.core.util.Ids;
import dev.mastra4j.core.util.IsoInstant;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Mastra 1.71's memory bodies: threads, messages and their pages out, and the bodies of create, update,
 * save-messages and delete-messages in. Key orders follow the captured answers (a thread's keys differ between get,
 * list and create, as in Mastra). Dates are ISO-8601 with milliseconds and {@code Z}.
 */
public final class MemoryWire {

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private MemoryWire() {}

    /** A thread as get, update and clone answer it: {@code {id, resourceId, title, metadata, createdAt, updatedAt}}. */
    public static ObjectNode thread(StorageThread t) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", t.id());
        node.put("resourceId", t.resourceId());
        node.put("title", t.title());
        node.set("metadata", t.metadata());
        node.put("createdAt", date(t.createdAt()));
        node.put("updatedAt", date(t.updatedAt()));
        return node;
    }

    /** A thread as create answers it: {@code metadata} last, and left out when there is none. */
    public static ObjectNode createdThread(StorageThread t) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", t.id());
        node.put("title", t.title());
        node.put("resourceId", t.resourceId());
        node.put("createdAt", date(t.createdAt()));
        node.put("updatedAt", date(t.updatedAt()));
        if (t.metadata() != null) {
            node.set("metadata", t.metadata());
        }
        return node;
    }

    /** {@code {threads, total, page, perPage, hasMore}}; each thread {@code {id, resourceId, title, createdAt, ...}}. */
    public static ObjectNode threadPage(Page<StorageThread> page) {
        ObjectNode node = MAPPER.createObjectNode();
        ArrayNode threads = node.putArray("threads");
        for (StorageThread t : page.items()) {
            ObjectNode item = threads.addObject();
            item.put("id", t.id());
            item.put("resourceId", t.resourceId());
            item.put("title", t.title());
            item.put("createdAt", date(t.createdAt()));
            item.put("updatedAt", date(t.updatedAt()));
            item.set("metadata", t.metadata());
        }
        return pageFields(node, page);
    }

    /** {@code {messages, total, page, perPage, hasMore, uiMessages: null}}. */
    public static ObjectNode messagePage(Page<StorageMessage> page) {
        ObjectNode node = MAPPER.createObjectNode();
        node.set("messages", messages(page.items()));
        pageFields(node, page);
        node.putNull("uiMessages");
        return node;
    }

    /** The messages as Mastra answers them, in the given order. */
    public static ArrayNode messages(List<StorageMessage> messages) {
        ArrayNode array = MAPPER.createArrayNode();
        messages.forEach(m -> array.add(message(m)));
        return array;
    }

    /** {@code {id, content, role, createdAt, threadId, resourceId, type?}}; {@code type} only when not {@code v2}. */
    public static ObjectNode message(StorageMessage m) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", m.id());
        node.set("content", m.content());
        node.put("role", m.role());
        node.put("createdAt", date(m.createdAt()));
        node.put("threadId", m.threadId());
        node.put("resourceId", m.resourceId());
        if (!StorageMessage.V2.equals(m.type())) {
            node.put("type", m.type());
        }
        return node;
    }

    /** The clone answer: {@code {thread, messageIdMap, clonedMessages}}. */
    public static ObjectNode cloneResult(MemoryAccess.CloneResult result) {
        ObjectNode node = MAPPER.createObjectNode();
        node.set("thread", thread(result.thread()));
        ObjectNode idMap = node.putObject("messageIdMap");
        result.messageIdMap().forEach(idMap::put);
        node.set("clonedMessages", messages(result.clonedMessages()));
        return node;
    }

    /** {@code GET /api/memory/config}: the memory's options as Mastra lists them. */
    public static ObjectNode config(Memory memory) {
        ObjectNode config = MAPPER.createObjectNode();
        config.put("lastMessages", memory.lastMessages());
        config.put("semanticRecall", false);
        config.put("generateTitle", memory.generateTitle());
        WorkingMemory wm = memory.workingMemory();
        config.putObject("workingMemory")
                .put("enabled", wm.enabled())
                .put("template", wm.template())
                .put("scope", wm.scope().wireName());
        config.putObject("observationalMemory").put("enabled", false);
        ObjectNode node = MAPPER.createObjectNode();
        node.set("config", config);
        return node;
    }

    /** {@code GET .../working-memory}: the text, its source, the template (last newline trimmed) and threadExists. */
    public static ObjectNode workingMemory(Memory memory, Memory.WorkingMemoryState state) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("workingMemory", state.text());
        node.put("source", state.source().wireName());
        String template = memory.workingMemory().template();
        node.putObject("workingMemoryTemplate")
                .put("format", "markdown")
                .put("content", template.endsWith("\n") ? template.substring(0, template.length() - 1) : template);
        node.put("threadExists", state.threadExists());
        return node;
    }

    /**
     * The messages of a save-messages body, with ids, types and dates filled in as Mastra fills them: a missing id is
     * a UUID, a missing {@code type} is {@code v2}, a missing {@code createdAt} is {@code now}, and string content
     * becomes v2 content. Resource ids are kept as sent, so that {@link MemoryAccess} can refuse another's.
     */
    public static List<StorageMessage> saveMessages(JsonNode body, Instant now) {
        JsonNode array = object(body).get("messages");
        if (array == null || !array.isArray()) {
            throw InvalidRequestException.of("messages", expected("array", array));
        }
        int invalid = 0;
        for (JsonNode m : array) {
            if (!m.isObject()
                    || !m.path("threadId").isTextual()
                    || !m.path("resourceId").isTextual()) {
                invalid++;
            }
        }
        if (invalid > 0) {
            throw new MastraException(
                    400,
                    "All messages must have threadId and resourceId fields. Found " + invalid + " invalid message(s).");
        }
        List<Issue> issues = new ArrayList<>();
        List<StorageMessage> messages = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode m = array.get(i);
            String at = "messages." + i + ".";
            String id = optionalString(m, "id", at, issues);
            String role = optionalString(m, "role", at, issues);
            String type = optionalString(m, "type", at, issues);
            String created = optionalString(m, "createdAt", at, issues);
            Instant createdAt = now;
            if (created != null) {
                try {
                    createdAt = IsoInstant.parse(created);
                } catch (DateTimeParseException e) {
                    issues.add(new Issue(at + "createdAt", "Invalid ISO date"));
                }
            }
            JsonNode content = m.get("content");
            ObjectNode v2;
            if (content != null && content.isTextual()) {
                v2 = MAPPER.createObjectNode().put("format", 2);
                v2.putArray("parts").addObject().put("type", "text").put("text", content.asText());
                v2.put("content", content.asText());
            } else if (content != null && content.isObject()) {
                v2 = (ObjectNode) content;
            } else {
                issues.add(new Issue(at + "content", expected("string or object", content)));
                continue;
            }
            if (issues.isEmpty()) {
                messages.add(new StorageMessage(
                        id == null ? Ids.uuid() : id,
                        m.get("threadId").asText(),
                        m.get("resourceId").asText(),
                        role == null ? "user" : role,
                        type == null ? StorageMessage.V2 : type,
                        v2,
                        createdAt));
            }
        }
        if (!issues.isEmpty()) {
            throw new InvalidRequestException(issues);
        }
        return messages;
    }

    /** The ids of a delete-messages body: an array of strings or of {@code {id}}, or one string. */
    public static List<String> messageIds(JsonNode body) {
        JsonNode ids = object(body).get("messageIds");
        List<String> result = new ArrayList<>();
        if (ids != null && ids.isTextual()) {
            result.add(ids.asText());
        } else if (ids != null && ids.isArray()) {
            for (JsonNode id : ids) {
                JsonNode value = id.isObject() ? id.get("id") : id;
                if (value == null || !value.isTextual()) {
                    throw InvalidRequestException.of("messageIds", "Invalid input");
                }
                result.add(value.asText());
            }
        } else {
            throw InvalidRequestException.of("messageIds", "Invalid input");
        }
        return result;
    }

    /** The body as an object; anything else is 400 with an issue on {@code body}. */
    public static JsonNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw InvalidRequestException.of("body", expected("object", body));
        }
        return body;
    }

    /** A string field that may be missing or null; a wrong type adds a zod-worded issue and answers null. */
    public static String optionalString(JsonNode body, String name, String prefix, List<Issue> issues) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            issues.add(new Issue(prefix + name, expected("string", value)));
            return null;
        }
        return value.asText();
    }

    /** A record field that may be missing or null; a wrong type adds a zod-worded issue and answers null. */
    public static ObjectNode optionalRecord(JsonNode body, String name, List<Issue> issues) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            issues.add(new Issue(name, expected("record", value)));
            return null;
        }
        return (ObjectNode) value;
    }

    /** Zod's wording: {@code Invalid input: expected string, received number}. */
    public static String expected(String type, JsonNode value) {
        return "Invalid input: expected " + type + ", received " + received(value);
    }

    private static String received(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "undefined";
        }
        JsonNodeType t = value.getNodeType();
        return switch (t) {
            case ARRAY -> "array";
            case OBJECT, POJO -> "object";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            case STRING -> "string";
            default -> "undefined";
        };
    }

    private static ObjectNode pageFields(ObjectNode node, Page<?> page) {
        node.put("total", page.total());
        node.put("page", page.page());
        node.put("perPage", page.perPage());
        node.put("hasMore", page.hasMore());
        return node;
    }

    /** {@code 2026-12-05T06:24:29.123Z}: always with milliseconds, as JavaScript's {@code toISOString}. */
    public static String date(Instant instant) {
        return IsoInstant.format(instant);
    }
}
