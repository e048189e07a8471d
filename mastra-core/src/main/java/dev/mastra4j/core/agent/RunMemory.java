package dev.mastra4j.core.agent;

import java.util.List;

/**
 * Where a run's earlier conversation comes from and where its new messages go: the one place memory plugs into the
 * tool loop. {@link AgentRun} asks {@link #recall} once before the first model call and puts what it returns between
 * the instructions and the request's messages; it hands the finished run to {@link #remember} before the
 * {@code finish} chunk, so a client that reads the thread after {@code finish} sees it.
 *
 * <p>Today only {@link #NONE} exists: a run sees just its request's messages, as Mastra does without memory. Memory
 * (the thread and resource of {@link RunPlan#memory()}) will implement this: load the thread's last messages in
 * {@code recall}, save the request's user messages and the result's assistant and tool messages in {@code remember}.
 */
interface RunMemory {

    /** No memory: nothing recalled, nothing kept. */
    RunMemory NONE = new RunMemory() {
        @Override
        public List<Message> recall(RunPlan plan) {
            return List.of();
        }

        @Override
        public void remember(RunPlan plan, GenerateResult result) {}
    };

    /** The messages that come before {@code plan}'s own, oldest first; empty for none. */
    List<Message> recall(RunPlan plan);

    /** Keeps what the run added to the conversation; called once, on the run's thread, only for a run that finished. */
    void remember(RunPlan plan, GenerateResult result);
}
