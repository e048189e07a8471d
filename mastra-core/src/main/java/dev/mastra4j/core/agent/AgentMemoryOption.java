package dev.mastra4j.core.agent;

/** Which conversation thread and which owner (resource) a call belongs to. Either may be null. */
public record AgentMemoryOption(String thread, String resource) {

    /** The same thread with another resource; the server uses this to pin the resource to the authenticated user. */
    public AgentMemoryOption withResource(String newResource) {
        return new AgentMemoryOption(thread, newResource);
    }
}
