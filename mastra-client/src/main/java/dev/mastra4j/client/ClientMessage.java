package dev.mastra4j.client;

import java.util.Objects;
import java.util.Set;

/** One message of a conversation sent to an agent. {@code role} is {@code user}, {@code assistant} or {@code system}. */
public record ClientMessage(String role, String content) {

    private static final Set<String> ROLES = Set.of("user", "assistant", "system");

    public ClientMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("role must be one of user, assistant, system; got: " + role);
        }
    }

    public static ClientMessage user(String content) {
        return new ClientMessage("user", content);
    }

    public static ClientMessage assistant(String content) {
        return new ClientMessage("assistant", content);
    }

    public static ClientMessage system(String content) {
        return new ClientMessage("system", content);
    }
}
