package dev.mastra4j.core.agent;

import com.fasterxml.jackson.databind.JsonNode;

/** A tool call the model asked for. {@code args} is what the model sent (not yet validated). */
public record ToolCall(String toolCallId, String toolName, JsonNode args) {}
