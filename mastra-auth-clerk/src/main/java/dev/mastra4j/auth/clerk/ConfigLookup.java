package dev.mastra4j.auth.clerk;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One setting by its environment-variable name: the builder's value, else the process environment, else a
 * {@code .env} file. Only entries written in the file count as file values (dotenv-java would otherwise mix
 * the process environment back in and blur the precedence). Blank values count as unset.
 */
final class ConfigLookup {

    private final Map<String, String> explicit;
    private final Map<String, String> env;
    private final Path dotenvDirectory;
    private Map<String, String> dotenv;

    ConfigLookup(Map<String, String> explicit, Map<String, String> env, Path dotenvDirectory) {
        this.explicit = explicit;
        this.env = env;
        this.dotenvDirectory = dotenvDirectory;
    }

    String get(String name) {
        String value = blankToNull(explicit.get(name));
        if (value == null) {
            value = blankToNull(env.get(name));
        }
        if (value == null) {
            value = blankToNull(dotenv().get(name));
        }
        return value;
    }

    private Map<String, String> dotenv() {
        if (dotenv == null) {
            Map<String, String> entries = new HashMap<>();
            try {
                Dotenv file = Dotenv.configure().directory(dotenvDirectory.toString()).ignoreIfMissing().load();
                for (DotenvEntry entry : file.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
                    entries.put(entry.getKey(), entry.getValue());
                }
            } catch (DotenvException e) {
                // dotenv-java's message quotes the offending line, which may hold a secret: do not pass it on.
                throw new ClerkConfigurationException("The .env file in " + dotenvDirectory.toAbsolutePath()
                        + " could not be read or parsed");
            }
            dotenv = entries;
        }
        return dotenv;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
