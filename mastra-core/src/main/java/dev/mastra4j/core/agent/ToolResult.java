package dev.mastra4j.core.agent;

import com.fasterxml.jackson.databind.JsonNode;

/** The outcome of one tool call. When {@code isError}, {@code result} is {@code {"error": "..."}} (plus issues, if any). */
public record ToolResult(String toolCallId, String toolName, JsonNode args, JsonNode result, boolean isError) {}
