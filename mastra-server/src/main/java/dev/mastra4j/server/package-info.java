/**
 * Mastra's REST API over a {@link dev.mastra4j.core.Mastra}: the routes, the OpenAPI document and the startup line.
 * {@link dev.mastra4j.server.MastraHttpApi#pipeline} is the entry point an HTTP engine adapter uses.
 */
package dev.mastra4j.server;
