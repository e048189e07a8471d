package dev.mastra4j.core.agent;

import java.util.Objects;
import java.util.Set;

/** One message of a conversation. {@code role} is {@code system}, {@code user} or {@code assistant}. */
public record Message(String role, String content) {

    public static final String SYSTEM = "system";
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";
    public static final Set<String> ROLES = Set.of(SYSTEM, USER, ASSISTANT);

    public Message {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("role must be system, user or assistant, was '" + role + "'");
        }
    }

    public static Message user(String content) {
        return new Message(USER, content);
    }

    public static Message system(String content) {
        return new Message(SYSTEM, content);
    }

    public static Message assistant(String content) {
        return new Message(ASSISTANT, content);
    }
}
