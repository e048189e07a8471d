package dev.mastra4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of {@link MemoryThreadClient#clone}: the new thread (its {@code metadata.clone} names the source), the
 * copied messages with their new ids, and {@code messageIdMap} from each source message id to its copy's id.
 */
public record ClonedMemoryThread(
        MemoryThreadInfo thread, List<MemoryMessage> clonedMessages, Map<String, String> messageIdMap, JsonNode raw) {

    public ClonedMemoryThread {
        clonedMessages = List.copyOf(clonedMessages);
        messageIdMap = Collections.unmodifiableMap(new LinkedHashMap<>(messageIdMap));
    }

    static ClonedMemoryThread fromJson(JsonNode node) {
        Map<String, String> ids = new LinkedHashMap<>();
        node.path("messageIdMap")
                .properties()
                .forEach(e -> ids.put(e.getKey(), e.getValue().asText()));
        return new ClonedMemoryThread(
                MemoryThreadInfo.fromJson(node.get("thread")),
                JsonFields.list(node.get("clonedMessages"), MemoryMessage::fromJson),
                ids,
                node);
    }
}
