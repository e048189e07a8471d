package dev.mastra4j.auth.env;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings by environment-variable name, read the one way every mastra4j module reads them: the process environment
 * (or a map given in its place) first, then a {@code .env} file. Clerk's settings and the model providers' keys and
 * base URLs all come through here, so a key in {@code .env} counts the same wherever it is used.
 *
 * <ul>
 *   <li>Only entries written in the file count as file values (dotenv-java would otherwise mix the process
 *       environment back in and blur the precedence).</li>
 *   <li>Blank values count as unset, so a blank variable in the environment lets the file's value through; values
 *       are stripped.</li>
 *   <li>A missing file is no file. A file that cannot be read or parsed is an {@link EnvFileException} that names the
 *       directory, never the offending line (it may hold a secret).</li>
 *   <li>The file is read at most once per lookup, and only when a name is not in the environment.</li>
 * </ul>
 *
 * Thread-safe.
 */
public final class EnvLookup {

    private final Map<String, String> env;
    private final Path dotenvDirectory;
    private Map<String, String> dotenv;

    private EnvLookup(Map<String, String> env, Path dotenvDirectory) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.dotenvDirectory = dotenvDirectory;
    }

    /** The process environment, then {@code .env} in the working directory: the default everywhere. */
    public static EnvLookup system() {
        return of(System.getenv(), Path.of(""));
    }

    /** {@code env} in place of the process environment, then {@code .env} in {@code dotenvDirectory}. */
    public static EnvLookup of(Map<String, String> env, Path dotenvDirectory) {
        return new EnvLookup(env, Objects.requireNonNull(dotenvDirectory, "dotenvDirectory"));
    }

    /** Exactly {@code env}, no file: for tests and for callers that did their own reading. */
    public static EnvLookup of(Map<String, String> env) {
        return new EnvLookup(env, null);
    }

    /**
     * The stripped value of {@code name}, or empty when it is unset or blank in both places.
     *
     * @throws EnvFileException when the environment lacks {@code name} and the {@code .env} file cannot be read
     */
    public Optional<String> get(String name) {
        Objects.requireNonNull(name, "name");
        String value = blankToNull(env.get(name));
        if (value == null) {
            value = blankToNull(dotenv().get(name));
        }
        return Optional.ofNullable(value);
    }

    /**
     * Every set name with the value {@link #get} gives it: the file's entries, overridden by the environment's.
     *
     * @throws EnvFileException when the {@code .env} file cannot be read
     */
    public Map<String, String> asMap() {
        Map<String, String> merged = new HashMap<>();
        dotenv().forEach((name, value) -> put(merged, name, value));
        env.forEach((name, value) -> put(merged, name, value));
        return Map.copyOf(merged);
    }

    private static void put(Map<String, String> map, String name, String value) {
        String stripped = blankToNull(value);
        if (stripped != null) {
            map.put(name, stripped);
        }
    }

    private synchronized Map<String, String> dotenv() {
        if (dotenv == null) {
            dotenv = dotenvDirectory == null ? Map.of() : read(dotenvDirectory);
        }
        return dotenv;
    }

    private static Map<String, String> read(Path directory) {
        Map<String, String> entries = new HashMap<>();
        try {
            // Absolute: dotenv-java appends "/.env" to the directory, so the working directory as "" would be "/.env".
            Dotenv file = Dotenv.configure()
                    .directory(directory.toAbsolutePath().toString())
                    .ignoreIfMissing()
                    .load();
            for (DotenvEntry entry : file.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
                entries.put(entry.getKey(), entry.getValue());
            }
        } catch (DotenvException e) {
            // dotenv-java's message quotes the offending line, which may hold a secret: do not pass it on.
            throw new EnvFileException(
                    "The .env file in " + directory.toAbsolutePath() + " could not be read or parsed");
        }
        return Map.copyOf(entries);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        // Names only where they come from; values may be secrets.
        return "EnvLookup[environment, then "
                + (dotenvDirectory == null ? "no .env file" : ".env in " + dotenvDirectory.toAbsolutePath()) + "]";
    }
}
