package dev.mastra4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs {@link ModelProbe} in a fresh JVM: this test JVM's class path (less the entries a filter drops), a working
 * directory of the test's choosing, and an environment without any model provider variables except those given.
 */
final class ChildJvm {

    private static final List<String> PROVIDER_VARIABLE_PREFIXES = List.of("OPENAI_", "ANTHROPIC_",
            "GOOGLE_GENERATIVE_AI_", "MODEL");

    private ChildJvm() {
    }

    /** The probe's output lines. */
    static List<String> runProbe(Predicate<Path> dropFromClassPath, Path workingDirectory, Map<String, String> env,
                                 String... modelStrings) throws IOException, InterruptedException {
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            // An empty entry would put the working directory (and its .env, which dotenv-java also looks for on the
            // class path) on the child's class path.
            if (!entry.isEmpty() && !dropFromClassPath.test(Path.of(entry))) {
                classPath.add(entry);
            }
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.net.preferIPv4Stack=true",
                "-cp", String.join(File.pathSeparator, classPath),
                ModelProbe.class.getName()));
        command.addAll(Arrays.asList(modelStrings));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().keySet().removeIf(name -> PROVIDER_VARIABLE_PREFIXES.stream().anyMatch(name::startsWith));
        builder.environment().putAll(env);
        Path stderr = Files.createTempFile("model-probe", ".stderr");
        builder.redirectError(stderr.toFile());
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String errors = Files.readString(stderr);
        Files.delete(stderr);
        assertThat(exited).as("probe exited; stderr:%n%s", errors).isTrue();
        assertThat(process.exitValue()).as("probe exit code; stderr:%n%s", errors).isZero();
        return stdout.lines().toList();
    }

    /** Drops the jars of the given artifacts, and checks that each was there to drop. */
    static Predicate<Path> without(String... artifactIds) {
        List<String> onClassPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).getFileName().toString()).toList();
        for (String artifactId : artifactIds) {
            assertThat(onClassPath).as("the test class path holds %s", artifactId)
                    .anyMatch(name -> isJarOf(name, artifactId));
        }
        return path -> Arrays.stream(artifactIds).anyMatch(id -> isJarOf(path.getFileName().toString(), id));
    }

    private static boolean isJarOf(String fileName, String artifactId) {
        return fileName.endsWith(".jar") && fileName.startsWith(artifactId + "-")
                && Character.isDigit(fileName.charAt(artifactId.length() + 1));
    }
}
