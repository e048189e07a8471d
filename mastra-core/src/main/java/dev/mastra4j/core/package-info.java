/**
 * The entry point: {@link dev.mastra4j.core.Mastra} and its server options, and the server SPI ({@code ServerEngine})
 * and custom-route types that an HTTP engine implements.
 */
package dev.mastra4j.core;
