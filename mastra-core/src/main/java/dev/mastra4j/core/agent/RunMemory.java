package dev.mastra4j.core.agent;

import java.util.List;

/**
 * Where a run's earlier conversation comes from and where its new messages go: the one place memory plugs into the
 * tool loop. {@link AgentRun} asks {@link #recall} once before the first model call and puts what it returns between
 * the instructions and the request's messages; it hands the finished run to {@link #remember} before the
 * {@code finish} chunk, so a client that reads the thread after {@code finish} sees it. A run that was cancelled or
 * failed goes to {@link #rememberUnfinished} instead.
 *
 * <p>{@link #NONE} is a run without memory; {@link ThreadMemory} keeps a thread of an agent's {@link Memory}.
 */
interface RunMemory {

    /** No memory: nothing recalled, nothing kept. */
    RunMemory NONE = new RunMemory() {
        @Override
        public List<Message> recall(RunPlan plan) {
            return List.of();
        }

        @Override
        public GenerateResult remember(RunPlan plan, GenerateResult result) {
            return result;
        }

        @Override
        public void rememberUnfinished(RunPlan plan, List<StepResult> steps, String partialText, boolean failed) {}
    };

    /** The messages that come before {@code plan}'s own, oldest first; empty for none. */
    List<Message> recall(RunPlan plan);

    /**
     * Keeps what the run added to the conversation; called once, on the run's thread, only for a run that finished.
     * Returns the result to report: {@code result}, with {@link GenerateResult#memory()} when something was kept.
     */
    GenerateResult remember(RunPlan plan, GenerateResult result);

    /**
     * Keeps what a run that did not finish added: called once, on the run's thread, after it was cancelled
     * ({@code failed} false) or failed. Must not throw.
     *
     * @param steps       the steps that completed
     * @param partialText the text of the step that was cut short, as far as it was produced ({@code ""} for none)
     */
    void rememberUnfinished(RunPlan plan, List<StepResult> steps, String partialText, boolean failed);
}
