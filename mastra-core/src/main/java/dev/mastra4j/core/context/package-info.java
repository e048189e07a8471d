/**
 * {@link dev.mastra4j.core.context.RequestContext}: the per-call key-value map that reaches every tool (Mastra's
 * {@code @mastra/core/request-context}). A package of its own so that agents, tools and the server can all use it
 * without depending on {@code dev.mastra4j.core} itself.
 */
package dev.mastra4j.core.context;
