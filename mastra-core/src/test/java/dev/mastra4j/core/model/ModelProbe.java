package dev.mastra4j.core.model;

import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A main class run in a fresh JVM ({@link #run}): builds an agent for each model string given, with the default
 * environment (as an application would), asks it one question, and prints one line per model: {@code <model> OK
 * <text>} or {@code <model> ERROR <exception class>: <message>}.
 */
public final class ModelProbe {

    private static final List<String> PROVIDER_VARIABLE_PREFIXES =
            List.of("OPENAI_", "ANTHROPIC_", "GOOGLE_GENERATIVE_AI_", "MODEL");

    private ModelProbe() {}

    public static void main(String[] args) {
        for (String modelString : args) {
            String outcome;
            try {
                Agent agent = Agent.builder().id("probe").model(modelString).build();
                outcome = "OK " + agent.generate("hello").text();
            } catch (RuntimeException | LinkageError e) {
                outcome = "ERROR " + e.getClass().getName() + ": " + e.getMessage();
            }
            System.out.println(modelString + " " + outcome);
        }
    }

    /**
     * The probe's output lines from a child JVM: this JVM's class path less what {@code dropFromClassPath} matches,
     * {@code workingDirectory}, and an environment without any model provider variables except those in {@code env}.
     */
    static List<String> run(
            Predicate<Path> dropFromClassPath, Path workingDirectory, Map<String, String> env, String... modelStrings)
            throws IOException, InterruptedException {
        return ChildJvm.of(ModelProbe.class, modelStrings)
                .jvmOptions("-Djava.net.preferIPv4Stack=true")
                .dropFromClassPath(dropFromClassPath)
                .workingDirectory(workingDirectory)
                .environment(vars -> {
                    vars.keySet()
                            .removeIf(
                                    name -> PROVIDER_VARIABLE_PREFIXES.stream().anyMatch(name::startsWith));
                    vars.putAll(env);
                })
                .run()
                .requireSuccess()
                .stdout();
    }
}
