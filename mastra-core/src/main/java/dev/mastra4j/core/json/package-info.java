/**
 * The process-wide JSON mapper ({@link dev.mastra4j.core.json.Json}). No HTTP shapes live here: the server owns those
 * ({@code dev.mastra4j.server.wire}).
 */
package dev.mastra4j.core.json;
