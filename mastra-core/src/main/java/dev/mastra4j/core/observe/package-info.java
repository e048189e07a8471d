/**
 * Metrics and traces of agent runs, model calls and tool calls: {@link dev.mastra4j.core.observe.Observability}
 * (a Micrometer registry and an OpenTelemetry instance, bound to the calling thread's OpenTelemetry context by the
 * server for each request) and the per-run hooks the agent loop calls ({@link
 * dev.mastra4j.core.observe.RunObservation}). Names follow the OpenTelemetry GenAI semantic conventions. With no
 * registry and no OpenTelemetry SDK, every hook returns at once.
 */
package dev.mastra4j.core.observe;
