package dev.mastra4j.examples.springweather;

import dev.mastra4j.auth.env.EnvLookup;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.agent.Memory;
import dev.mastra4j.core.agent.WorkingMemory;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.examples.weather.WeatherAgent;
import dev.mastra4j.examples.weather.WeatherTool;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The weather example's agent and tool as beans; the starter collects them into the {@code Mastra} bean. Same
 * instructions, model choice and memory as {@code examples/weather-agent}.
 */
@Configuration(proxyBeanMethods = false)
public class WeatherBeans {

    /** The variables the agent and tool read; a Spring property of the same name wins over the process environment. */
    static final List<String> VARIABLES = List.of(
            "MODEL",
            "OPENAI_API_KEY",
            "OPENAI_BASE_URL",
            "ANTHROPIC_API_KEY",
            "GOOGLE_GENERATIVE_AI_API_KEY",
            "OPEN_METEO_GEOCODING_URL",
            "OPEN_METEO_FORECAST_URL");

    @Bean
    Tool weatherTool(Environment environment) {
        return WeatherTool.create(env(environment));
    }

    @Bean
    Agent weatherAgent(Tool weatherTool, Environment environment) {
        Map<String, String> env = env(environment);
        return Agent.builder()
                .id("weatherAgent")
                .name("Weather Agent")
                .instructions(WeatherAgent.INSTRUCTIONS)
                .env(env)
                .model(WeatherAgent.modelFor(env))
                .tools(weatherTool)
                .memory(Memory.builder()
                        .lastMessages(10)
                        .workingMemory(WorkingMemory.ENABLED)
                        .build())
                .build();
    }

    /** The process environment and {@code .env} (as the weather example reads them), then Spring's properties. */
    static Map<String, String> env(Environment environment) {
        Map<String, String> env = new HashMap<>(EnvLookup.system().asMap());
        for (String name : VARIABLES) {
            String value = environment.getProperty(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        return env;
    }
}
