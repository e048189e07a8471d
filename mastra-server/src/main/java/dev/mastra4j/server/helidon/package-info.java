/** The Helidon SE 4 engine, found by {@link java.util.ServiceLoader} as a {@link dev.mastra4j.core.ServerEngine}. */
package dev.mastra4j.server.helidon;
