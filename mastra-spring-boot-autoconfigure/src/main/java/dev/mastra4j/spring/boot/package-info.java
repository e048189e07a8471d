/**
 * Spring Boot auto-configuration for mastra4j: the {@code Mastra} bean from {@code Agent} and {@code Tool} beans
 * ({@link dev.mastra4j.spring.boot.MastraAutoConfiguration}), the Mastra API on the application's port or standalone
 * ({@link dev.mastra4j.spring.boot.MastraWebAutoConfiguration},
 * {@link dev.mastra4j.spring.boot.MastraStandaloneAutoConfiguration}), and Spring Security on the same auth
 * ({@link dev.mastra4j.spring.boot.MastraSecurityAutoConfiguration}). Properties: {@code mastra.*}
 * ({@link dev.mastra4j.spring.boot.MastraProperties}).
 */
package dev.mastra4j.spring.boot;
