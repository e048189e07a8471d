package dev.mastra4j.core.agent;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool call waiting for a person's decision: Mastra's {@code suspendPayload} and the payload of its
 * {@code tool-call-approval} chunk. Resume it with {@code Agent.approveToolCall...}/{@code declineToolCall...} and the
 * run's id.
 *
 * @param toolCallId   the call to approve or decline
 * @param toolName     the tool the model called
 * @param args         the arguments the model gave
 * @param resumeSchema the JSON Schema of a decision, as JSON text (Mastra sends it as a string)
 */
public record ToolApprovalRequest(String toolCallId, String toolName, JsonNode args, String resumeSchema) {

    /** Mastra 1.71's resume schema for a tool approval, character for character. */
    public static final String RESUME_SCHEMA = "{\"$schema\":\"http://json-schema.org/draft-07/schema#\","
            + "\"type\":\"object\",\"properties\":{\"approved\":{\"description\":\"Controls if the tool call is "
            + "approved or not, should be true when approved and false when declined\",\"type\":\"boolean\"},"
            + "\"reason\":{\"description\":\"Optional explanation for the decision, surfaced to the model when the "
            + "tool call is declined\",\"type\":\"string\"}},\"required\":[\"approved\"],"
            + "\"additionalProperties\":false}";

    /** The request for {@code call}, with Mastra's resume schema. */
    static ToolApprovalRequest of(ToolCall call) {
        return new ToolApprovalRequest(call.toolCallId(), call.toolName(), call.args(), RESUME_SCHEMA);
    }

    /** The call itself. */
    public ToolCall toolCall() {
        return new ToolCall(toolCallId, toolName, args);
    }
}
