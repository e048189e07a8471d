package dev.mastra4j.core.agent;

import dev.mastra4j.core.context.RequestContext;

/**
 * A value an agent works out per request from its {@link RequestContext}, Mastra's {@code DynamicArgument}: the
 * server puts the signed-in user under {@link RequestContext#USER_KEY}, so instructions, model and tools can depend on
 * who is asking. Called once per request (a run, or one agent-details answer), on the request's thread; it must not
 * block for long and must be thread-safe. An exception fails that request (a 500 without its message).
 *
 * @param <T> what it resolves to
 */
@FunctionalInterface
public interface DynamicArgument<T> {

    /** The value for the request whose context is {@code requestContext} (never null). */
    T resolve(RequestContext requestContext);
}
