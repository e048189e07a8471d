package dev.mastra4j.examples.weather;

import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.agent.Memory;
import dev.mastra4j.core.agent.WorkingMemory;
import dev.mastra4j.core.tool.Tool;
import java.util.Map;

/** The docs' {@code weatherAgent}, translated line by line. */
public final class WeatherAgent {

    public static final String INSTRUCTIONS = """
            You are a helpful weather assistant that provides accurate weather information.
            Your primary function is to help users get weather details for specific locations. When responding:
            - Always ask for a location if none is provided
            - If the location name isn't in English, please translate it
            - Include relevant details like humidity, wind conditions, and precipitation
            - Keep responses concise but informative
            Use the weatherTool to fetch current weather data.""";

    private WeatherAgent() {}

    /**
     * {@code MODEL} picks the model; without it, {@code openai/gpt-4o-mini} when {@code OPENAI_API_KEY} is set,
     * else mastra4j's offline stand-in model, so the example runs with no key and no network.
     */
    public static String modelFor(Map<String, String> env) {
        String model = env.get("MODEL");
        if (model != null && !model.isBlank()) {
            return model.strip();
        }
        String openAiKey = env.get("OPENAI_API_KEY");
        return openAiKey != null && !openAiKey.isBlank() ? "openai/gpt-4o-mini" : "offline/weather";
    }

    /**
     * The agent, with memory (the last 10 messages of a thread, and working memory per user) in the Mastra
     * instance's storage, as Mastra's starter gives it.
     */
    public static Agent create(Map<String, String> env) {
        Tool weatherTool = WeatherTool.create(env);
        return Agent.builder()
                .id("weatherAgent")
                .name("Weather Agent")
                .instructions(INSTRUCTIONS)
                .env(env)
                .model(modelFor(env))
                .tools(weatherTool)
                .memory(Memory.builder()
                        .lastMessages(10)
                        .workingMemory(WorkingMemory.ENABLED)
                        .build())
                .build();
    }
}
