package dev.mastra4j.core.agent;

/** Which conversation thread and which owner (resource) a call belongs to. Either may be null. */
public record Memory(String thread, String resource) {

    /** The same thread with another resource; the server uses this to pin the resource to the authenticated user. */
    public Memory withResource(String newResource) {
        return new Memory(thread, newResource);
    }
}
