/**
 * The weather example: Mastra's docs agent and tool in Java, served on port 4111 with Clerk auth, or development auth
 * when no {@code CLERK_*} is set.
 */
package dev.mastra4j.examples.weather;
