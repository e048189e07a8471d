/**
 * Spring Security on mastra4j's auth: {@link dev.mastra4j.spring.boot.security.MastraSecurityConfigurer} adds
 * {@link dev.mastra4j.spring.boot.security.MastraAuthenticationFilter}, which authenticates the application's own
 * requests with the same {@code AuthPipeline} and provider (MastraAuthClerk) as the Mastra API, and answers refusals
 * with Mastra's bodies and headers ({@link dev.mastra4j.spring.boot.security.AuthAnswers}).
 */
package dev.mastra4j.spring.boot.security;
