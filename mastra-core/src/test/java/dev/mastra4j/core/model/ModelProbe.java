package dev.mastra4j.core.model;

import dev.mastra4j.core.agent.Agent;

/**
 * A main class for {@link ChildJvm}: builds an agent for each model string given, with the default environment (as an
 * application would), asks it one question, and prints one line per model: {@code <model> OK <text>} or
 * {@code <model> ERROR <exception class>: <message>}.
 */
public final class ModelProbe {

    private ModelProbe() {
    }

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
}
