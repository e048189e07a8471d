package dev.mastra4j.examples.springweather;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * {@code java -jar spring-weather.jar}: the weather agent in a Spring Boot application. The Mastra API
 * ({@code /api/**}, {@code /health}) and the application's own {@code GET /me} share one port ({@code PORT}, default
 * 4111) and one Clerk verifier. Reads the same environment as the weather example: {@code PORT}, {@code HOST},
 * {@code CLERK_*}, {@code MODEL}, {@code OPENAI_*}, {@code OPEN_METEO_*}, {@code MASTRA_STORAGE_URL}; without any
 * {@code CLERK_*} variable it runs in development auth mode ({@link DevelopmentAuth}).
 */
@SpringBootApplication
public class SpringWeatherApplication {

    public static void main(String[] args) {
        SpringApplication.run(SpringWeatherApplication.class, args);
    }
}
