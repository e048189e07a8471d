/**
 * Java client for a Mastra 1.x HTTP API, served by mastra4j or by Mastra itself.
 *
 * <p>Start with {@link dev.mastra4j.client.MastraClient#builder()}. The client needs only Jackson and
 * {@code java.net.http}; it is immutable and safe to share between threads.
 */
package dev.mastra4j.client;
