package dev.mastra4j.core.tool;

/** The body of a tool: input already validated against the tool's schema and converted to {@code I}. */
@FunctionalInterface
public interface ToolFunction<I, O> {

    O apply(I input, ToolContext context) throws Exception;
}
