package dev.mastra4j.core.agent;

import java.time.Instant;

/** Which model answered, under which response id, when. */
public record ResponseInfo(String id, String modelId, Instant timestamp) {}
