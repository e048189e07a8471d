package dev.mastra4j.auth.clerk;

import dev.mastra4j.auth.env.EnvFileException;
import dev.mastra4j.auth.env.EnvLookup;
import java.nio.file.Path;
import java.util.Map;

/**
 * One setting by its environment-variable name: the builder's value, else what the shared {@link EnvLookup} finds
 * (the environment, then a {@code .env} file), the same lookup the model providers' keys go through. Blank values
 * count as unset.
 */
final class ConfigLookup {

    private final Map<String, String> explicit;
    private final EnvLookup env;

    ConfigLookup(Map<String, String> explicit, Map<String, String> env, Path dotenvDirectory) {
        this.explicit = explicit;
        this.env = EnvLookup.of(env, dotenvDirectory);
    }

    String get(String name) {
        String value = explicit.get(name);
        if (value != null && !value.isBlank()) {
            return value.strip();
        }
        try {
            return env.get(name).orElse(null);
        } catch (EnvFileException e) {
            throw new ClerkConfigurationException(e.getMessage());
        }
    }
}
