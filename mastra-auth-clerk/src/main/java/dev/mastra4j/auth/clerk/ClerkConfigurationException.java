package dev.mastra4j.auth.clerk;

/**
 * {@link MastraAuthClerk} cannot start: a setting is missing or malformed. The message names the environment
 * variables involved and never contains a secret (at most a prefix such as {@code sk_test_}).
 */
public class ClerkConfigurationException extends IllegalStateException {

    public ClerkConfigurationException(String message) {
        super(message);
    }
}
