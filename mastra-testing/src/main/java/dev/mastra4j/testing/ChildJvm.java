package dev.mastra4j.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Runs a main class in a fresh JVM on this JVM's class path, for tests of what only a new process shows: another
 * working directory, a class path without an optional jar, JVM options, start-up settings.
 *
 * <pre>{@code
 * ChildJvm.Result result = ChildJvm.of(ModelProbe.class, "openai/gpt-4o-mini")
 *         .dropFromClassPath(ChildJvm.withoutJars("langchain4j-open-ai"))
 *         .workingDirectory(dir)
 *         .run();
 * assertThat(result.requireSuccess().stdout()).containsExactly(...);
 * }</pre>
 *
 * <p>The child is this JVM's {@code java} binary. Its class path is this JVM's less empty entries (an empty entry
 * would put the child's working directory, and a {@code .env} there, on the class path) and less what
 * {@link #dropFromClassPath} matches. Standard error goes to a temporary file, so a chatty child cannot block on a
 * full pipe. {@link #run()} waits at most the timeout (default 60 s), then kills the child.
 */
public final class ChildJvm {

    private final Class<?> mainClass;
    private final List<String> args;
    private final List<String> jvmOptions = new ArrayList<>();
    private Predicate<Path> drop = path -> false;
    private Path workingDirectory;
    private Consumer<Map<String, String>> environment = env -> {};
    private Duration timeout = Duration.ofSeconds(60);

    private ChildJvm(Class<?> mainClass, List<String> args) {
        this.mainClass = mainClass;
        this.args = args;
    }

    /** A child that runs {@code mainClass} with {@code args}. */
    public static ChildJvm of(Class<?> mainClass, String... args) {
        return new ChildJvm(mainClass, List.of(args));
    }

    /** JVM options before the class path, such as {@code -XX:ActiveProcessorCount=1} or {@code -Dname=value}. */
    public ChildJvm jvmOptions(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    /** Leaves out the class-path entries {@code drop} matches (default: none). */
    public ChildJvm dropFromClassPath(Predicate<Path> drop) {
        this.drop = drop;
        return this;
    }

    /** The child's working directory (default: this JVM's). */
    public ChildJvm workingDirectory(Path directory) {
        this.workingDirectory = directory;
        return this;
    }

    /** Edits the child's environment, which starts as a copy of this JVM's. */
    public ChildJvm environment(Consumer<Map<String, String>> edit) {
        this.environment = edit;
        return this;
    }

    /** How long {@link #run()} waits for the child (default 60 s). */
    public ChildJvm timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** Starts the child, reads its standard output to the end and waits for it to exit (or kills it at the timeout). */
    public Result run() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(drop), mainClass.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        environment.accept(builder.environment());
        Path stderr = Files.createTempFile("child-jvm", ".stderr");
        try {
            builder.redirectError(stderr.toFile());
            Process process = builder.start();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            return new Result(
                    exited, exited ? process.exitValue() : -1, stdout.lines().toList(), Files.readString(stderr));
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    /** This JVM's class path less empty entries and the entries {@code drop} matches. */
    public static String classPath(Predicate<Path> drop) {
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty() && !drop.test(Path.of(entry))) {
                kept.add(entry);
            }
        }
        return String.join(File.pathSeparator, kept);
    }

    /**
     * Matches the jars of these artifacts ({@code <artifactId>-<version>.jar}).
     *
     * @throws IllegalStateException when one of them is not on this JVM's class path (nothing to drop would make the
     *                               test prove nothing)
     */
    public static Predicate<Path> withoutJars(String... artifactIds) {
        List<String> onClassPath = Arrays.stream(
                        System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).getFileName().toString())
                .toList();
        for (String artifactId : artifactIds) {
            if (onClassPath.stream().noneMatch(name -> isJarOf(name, artifactId))) {
                throw new IllegalStateException("The test class path holds no jar of " + artifactId);
            }
        }
        return path -> Arrays.stream(artifactIds).anyMatch(id -> isJarOf(String.valueOf(path.getFileName()), id));
    }

    private static boolean isJarOf(String fileName, String artifactId) {
        return fileName.endsWith(".jar")
                && fileName.startsWith(artifactId + "-")
                && fileName.length() > artifactId.length() + 1
                && Character.isDigit(fileName.charAt(artifactId.length() + 1));
    }

    /**
     * What the child did.
     *
     * @param exited   false when it was killed at the timeout
     * @param exitCode its exit status, -1 when killed
     * @param stdout   its standard output, by line
     * @param stderr   its standard error
     */
    public record Result(boolean exited, int exitCode, List<String> stdout, String stderr) {

        /**
         * This result, when the child exited with status 0.
         *
         * @throws AssertionError with the child's standard error, otherwise
         */
        public Result requireSuccess() {
            if (!exited) {
                throw new AssertionError("The child JVM did not exit in time; stderr:\n" + stderr);
            }
            if (exitCode != 0) {
                throw new AssertionError("The child JVM exited with " + exitCode + "; stderr:\n" + stderr);
            }
            return this;
        }
    }
}
