package dev.mastra4j.storage.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.core.storage.StorageMessage;
import dev.mastra4j.core.storage.StorageResource;
import dev.mastra4j.core.storage.StorageThread;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Rows to records and back, in Mastra's formats: JSON text for {@code content} and {@code metadata}, and
 * {@code mastra_resources.metadata} encoded twice (a JSON string holding the object's JSON), as Mastra writes it.
 * Reading accepts both encodings and Mastra's plain-text {@code content} of v1 messages.
 */
final class Rows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Rows() {}

    static StorageThread thread(ResultSet r, SqlDialect d) throws SQLException {
        return new StorageThread(
                r.getString("id"),
                r.getString("resourceId"),
                nonNull(r.getString("title")),
                object(r.getString("metadata")),
                d.getInstant(r, "createdAt"),
                d.getInstant(r, "updatedAt"));
    }

    static StorageMessage message(ResultSet r, SqlDialect d) throws SQLException {
        return new StorageMessage(
                r.getString("id"),
                r.getString("thread_id"),
                nonNull(r.getString("resourceId")),
                r.getString("role"),
                nonNull(r.getString("type")),
                content(r.getString("content")),
                d.getInstant(r, "createdAt"));
    }

    static StorageResource resource(ResultSet r, SqlDialect d) throws SQLException {
        return new StorageResource(
                r.getString("id"),
                r.getString("workingMemory"),
                object(r.getString("metadata")),
                d.getInstant(r, "createdAt"),
                d.getInstant(r, "updatedAt"));
    }

    /** JSON text of {@code node}, or null. */
    static String json(JsonNode node) {
        if (node == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON", e);
        }
    }

    /** JSON text of a JSON string holding the JSON text of {@code node} (Mastra's resource metadata), or null. */
    static String doubleEncoded(ObjectNode node) {
        String inner = json(node);
        return inner == null ? null : json(JSON.getNodeFactory().textNode(inner));
    }

    static OffsetDateTime zoned(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** An object read from JSON text, unwrapping a JSON string that holds an object; null for anything else. */
    private static ObjectNode object(String text) {
        JsonNode node = parse(text);
        if (node != null && node.isTextual()) {
            node = parse(node.textValue());
        }
        return node instanceof ObjectNode o ? o : null;
    }

    /** The v2 content object; a v1 plain-text content becomes {@code {format: 2, parts: [{type: text}], content}}. */
    private static ObjectNode content(String text) {
        if (parse(text) instanceof ObjectNode o) {
            return o;
        }
        ObjectNode v2 = JSON.createObjectNode().put("format", 2);
        v2.putArray("parts").addObject().put("type", "text").put("text", text);
        v2.put("content", text);
        return v2;
    }

    private static JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
