package dev.mastra4j.core.agent;

/** Token counts of one model call or, summed, of a run. */
public record Usage(long inputTokens, long outputTokens, long totalTokens) {

    public static final Usage ZERO = new Usage(0, 0, 0);

    public static Usage of(long inputTokens, long outputTokens) {
        return new Usage(inputTokens, outputTokens, inputTokens + outputTokens);
    }

    public Usage plus(Usage other) {
        return new Usage(
                inputTokens + other.inputTokens, outputTokens + other.outputTokens, totalTokens + other.totalTokens);
    }
}
