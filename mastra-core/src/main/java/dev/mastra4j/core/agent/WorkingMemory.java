package dev.mastra4j.core.agent;

import java.util.Objects;

/**
 * Mastra's {@code workingMemory: {enabled, template, scope}}: a short text the agent keeps about the user (scope
 * {@code resource}, shared by all of the user's threads) or about one conversation (scope {@code thread}). The agent
 * gets a tool to update it, and sees it in its system prompt.
 *
 * @param enabled  whether the agent keeps working memory
 * @param template the Markdown template the agent fills in
 * @param scope    where it is kept
 */
public record WorkingMemory(boolean enabled, String template, Scope scope) {

    /** Mastra's default template, with its trailing space after each colon. */
    public static final String DEFAULT_TEMPLATE = """
            # User Information
            - **First Name**:\s
            - **Last Name**:\s
            - **Location**:\s
            - **Occupation**:\s
            - **Interests**:\s
            - **Goals**:\s
            - **Events**:\s
            - **Facts**:\s
            - **Projects**:\s
            """;

    /** Working memory off. */
    public static final WorkingMemory DISABLED = new WorkingMemory(false, DEFAULT_TEMPLATE, Scope.RESOURCE);

    public WorkingMemory {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(scope, "scope");
    }

    /** Enabled, with Mastra's default template and scope {@code resource}. */
    public static final WorkingMemory ENABLED = new WorkingMemory(true, DEFAULT_TEMPLATE, Scope.RESOURCE);

    /** Enabled with this template, scope {@code resource}. */
    public static WorkingMemory enabledWith(String template) {
        return new WorkingMemory(true, template, Scope.RESOURCE);
    }

    /** The same with another scope. */
    public WorkingMemory withScope(Scope newScope) {
        return new WorkingMemory(enabled, template, newScope);
    }

    /** Where working memory is kept: on the resource row, or in the thread's metadata. */
    public enum Scope {
        RESOURCE("resource"),
        THREAD("thread");

        private final String wireName;

        Scope(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
