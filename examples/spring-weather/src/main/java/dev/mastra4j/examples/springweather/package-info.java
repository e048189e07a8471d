/**
 * The weather agent in a Spring Boot application: agent and tool beans ({@link
 * dev.mastra4j.examples.springweather.WeatherBeans}), an endpoint of the application's own protected by the same Clerk
 * verification ({@link dev.mastra4j.examples.springweather.MeController},
 * {@link dev.mastra4j.examples.springweather.SecurityConfig}), and development auth mode
 * ({@link dev.mastra4j.examples.springweather.DevelopmentAuth}).
 */
package dev.mastra4j.examples.springweather;
