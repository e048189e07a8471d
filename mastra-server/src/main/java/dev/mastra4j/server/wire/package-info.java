/**
 * Mastra 1.x's HTTP shapes, owned by the server as Mastra's own {@code packages/server} handlers own theirs:
 * {@link dev.mastra4j.server.wire.AgentRequest} reads the body of {@code generate} and {@code stream}, and
 * {@link dev.mastra4j.server.wire.Wire} writes agent and tool details, generate results, stream frames and error
 * bodies. Core's types know nothing of these shapes.
 */
package dev.mastra4j.server.wire;
