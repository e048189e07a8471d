package dev.mastra4j.client;

/**
 * Which memory thread and resource a run belongs to. A server that maps users to resources (Clerk does by default)
 * replaces {@code resource} with the caller's own.
 */
public record MemoryOptions(String thread, String resource) {}
