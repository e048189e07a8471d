/**
 * Mastra's readiness as a Spring Boot Actuator health indicator
 * ({@link dev.mastra4j.spring.boot.health.MastraHealthIndicator}), configured only when Actuator's health support is
 * on the class path ({@link dev.mastra4j.spring.boot.health.MastraHealthAutoConfiguration}).
 */
package dev.mastra4j.spring.boot.health;
