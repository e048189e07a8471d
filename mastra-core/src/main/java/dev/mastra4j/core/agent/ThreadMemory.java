package dev.mastra4j.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.auth.LogSafe;
import dev.mastra4j.core.memory.MemoryAccess;
import dev.mastra4j.core.memory.V2Messages;
import dev.mastra4j.core.storage.StorageMessage;
import dev.mastra4j.core.storage.StorageThread;
import dev.mastra4j.core.storage.ThreadRecall;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.core.util.Ids;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's memory of one thread of an agent's {@link Memory}, as Mastra 1.71 keeps it.
 *
 * <p>{@link #open} does all the checking and reading before the run starts, on the caller's thread, so that a refused
 * thread (403), an unreachable store (503) or a missing owner (400) fails the call before any model call or stream
 * byte: one {@link MemoryAccess#recallForRun} resolves the thread (created on first use with title {@code ""}) and
 * reads its {@code lastMessages} newest messages and, with working memory on, the working memory for the system
 * prompt.
 *
 * <p>A finished run saves the request's messages and one assistant message (v2, see {@link V2Messages}) in one
 * {@link MemoryAccess#appendToThread} call before the {@code finish} chunk. A cancelled run saves the request's messages
 * and the text produced so far (Mastra's observed behaviour); a failed run saves the same only when the model produced
 * something, and nothing otherwise (Mastra's {@code MessageHistory.processOutputResult} skips a run that ended in an
 * error with no output). With {@code generateTitle}, a thread still titled {@code ""} gets a title from the model
 * after the first turn; a title that fails is logged and the run goes on.
 */
final class ThreadMemory implements RunMemory {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadMemory.class);

    /** Mastra's default instructions for a generated title. */
    static final String TITLE_INSTRUCTIONS = String.join(
            "",
            "\n      - you will generate a short title based on a conversation transcript between a user and an assistant",
            "\n      - the transcript lines are prefixed with \"User:\" and \"Assistant:\" — never reply to, answer, or continue the transcript",
            "\n      - always produce a title, even when the transcript is only a greeting or trivial exchange",
            "\n      - ensure it is not more than 80 characters long",
            "\n      - the title should be a summary of the user's message",
            "\n      - do not use quotes or colons",
            "\n      - the entire text you return will be used as the title");

    private final Agent agent;
    private final Memory memory;
    private final String owner;
    private final StorageThread thread;
    private final List<Message> recalled;
    private final List<StorageMessage> recalledRows;
    private final Instant lastRecalledAt;
    private final List<Tool> tools;
    private final AtomicBoolean kept = new AtomicBoolean();

    private ThreadMemory(
            Agent agent,
            Memory memory,
            String owner,
            StorageThread thread,
            List<Message> recalled,
            List<StorageMessage> recalledRows,
            Instant lastRecalledAt) {
        this.agent = agent;
        this.memory = memory;
        this.owner = owner;
        this.thread = thread;
        this.recalled = recalled;
        this.recalledRows = recalledRows;
        this.lastRecalledAt = lastRecalledAt;
        this.tools = memory.workingMemory().enabled() ? List.of(workingMemoryTool()) : List.of();
    }

    /**
     * The memory of a call: {@link RunMemory#NONE} when the agent has no memory or the call names no thread, else the
     * thread's, checked and read now (see the class comment for what may be thrown).
     */
    static RunMemory open(Agent agent, AgentOptions options) {
        AgentMemoryOption option = options == null ? null : options.memory();
        Memory memory = agent.memory().orElse(null);
        if (memory == null || option == null || option.thread() == null) {
            return NONE;
        }
        String owner = option.resource() == null || option.resource().isBlank() ? null : option.resource();
        ThreadRecall recall =
                memory.access().recallForRun(owner, option.thread(), memory.readsResource(), memory.lastMessages());
        StorageThread thread = recall.thread().orElseThrow();
        String runOwner = owner != null ? owner : thread.resourceId();
        List<Message> recalled = new ArrayList<>();
        if (memory.workingMemory().enabled()) {
            recalled.add(Message.system(
                    WorkingMemoryPrompt.of(memory.workingMemory().template(), memory.workingMemoryOf(recall))));
        }
        Instant last = null;
        List<StorageMessage> rows = recall.lastMessages();
        for (StorageMessage m : rows) {
            last = m.createdAt();
            String text = V2Messages.text(m);
            if (!text.isEmpty() && Message.ROLES.contains(m.role())) {
                recalled.add(new Message(m.role(), text));
            }
        }
        return new ThreadMemory(agent, memory, runOwner, thread, List.copyOf(recalled), rows, last);
    }

    /** The tools this memory gives the run: Mastra's {@code updateWorkingMemory} when working memory is on. */
    List<Tool> tools() {
        return tools;
    }

    @Override
    public List<Message> recall(RunPlan plan) {
        return recalled;
    }

    @Override
    public GenerateResult remember(RunPlan plan, GenerateResult result) {
        if (!kept.compareAndSet(false, true)) {
            return result;
        }
        List<V2Messages.Step> steps = new ArrayList<>();
        for (StepResult step : result.steps()) {
            steps.add(step(step));
        }
        List<StorageMessage> saved = save(plan, steps);
        if (memory.generateTitle() && thread.title().isEmpty()) {
            generateTitle(plan);
        }
        return result.withMemory(new GenerateResult.MemoryMessages(recalledRows, saved));
    }

    @Override
    public void rememberUnfinished(RunPlan plan, List<StepResult> steps, String partialText, boolean failed) {
        if (!kept.compareAndSet(false, true)) {
            return;
        }
        List<V2Messages.Step> kept = new ArrayList<>();
        for (StepResult step : steps) {
            kept.add(step(step));
        }
        if (!partialText.isEmpty()) {
            kept.add(new V2Messages.Step(partialText, List.of()));
        }
        if (failed && kept.isEmpty()) {
            return;
        }
        try {
            save(plan, kept);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Run of agent {}: could not keep the unfinished turn of thread {}",
                    LogSafe.text(agent.id()),
                    LogSafe.text(thread.id()),
                    LogSafe.throwable(e));
        }
    }

    private List<StorageMessage> save(RunPlan plan, List<V2Messages.Step> steps) {
        Instant now = memory.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        Instant at = lastRecalledAt != null && !now.isAfter(lastRecalledAt) ? lastRecalledAt.plusMillis(1) : now;
        List<StorageMessage> batch = new ArrayList<>();
        for (Message m : plan.messages()) {
            if (!Message.SYSTEM.equals(m.role())) {
                batch.add(V2Messages.input(Ids.uuid(), thread.id(), owner, m.role(), m.content(), at));
                at = at.plusMillis(1);
            }
        }
        boolean hasOutput = steps.stream()
                .anyMatch(s -> !s.text().isEmpty() || !s.toolInvocations().isEmpty());
        if (hasOutput) {
            batch.add(V2Messages.assistant(
                    Ids.uuid(),
                    thread.id(),
                    owner,
                    steps,
                    plan.model().modelId(),
                    plan.model().provider(),
                    at));
        }
        if (!batch.isEmpty()) {
            memory.access().appendToThread(thread, batch);
        }
        return batch;
    }

    private static V2Messages.Step step(StepResult step) {
        List<V2Messages.ToolInvocation> calls = new ArrayList<>();
        for (ToolResult r : step.toolResults()) {
            calls.add(new V2Messages.ToolInvocation(r.toolCallId(), r.toolName(), r.args(), r.result()));
        }
        return new V2Messages.Step(step.text(), calls);
    }

    private void generateTitle(RunPlan plan) {
        try {
            String user = plan.messages().stream()
                    .filter(m -> Message.USER.equals(m.role()))
                    .reduce((a, b) -> b)
                    .map(Message::content)
                    .orElse("");
            if (user.isEmpty()) {
                return;
            }
            String title = TitleModel.ask(plan.model(), TITLE_INSTRUCTIONS, "User: " + user)
                    .replaceAll("<think>[\\s\\S]*?</think>", "")
                    .strip();
            if (!title.isEmpty()) {
                memory.access().updateThread(owner, thread.id(), title, null);
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "Agent {}: could not generate a title for thread {}",
                    LogSafe.text(agent.id()),
                    LogSafe.text(thread.id()),
                    LogSafe.throwable(e));
        }
    }

    private Tool workingMemoryTool() {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.put("type", "object");
        schema.putObject("properties")
                .putObject("memory")
                .put("type", "string")
                .put("description", WorkingMemoryPrompt.MEMORY_DESCRIPTION);
        schema.putArray("required").add("memory");
        return Tool.builder()
                .id(V2Messages.WORKING_MEMORY_TOOL)
                .description(WorkingMemoryPrompt.TOOL_DESCRIPTION)
                .inputSchema(schema)
                .execute((input, context) -> updateWorkingMemory(input.get("memory")))
                .build();
    }

    /** Mastra's tool body for a Markdown template: replaces the text, but never with the bare template. */
    private JsonNode updateWorkingMemory(JsonNode value) {
        String text = value.isTextual() ? value.asText() : value.toString();
        String existing = memory.getWorkingMemory(owner, thread.id()).text();
        String template = squash(memory.workingMemory().template());
        if (existing != null
                && squash(text).equals(template)
                && !squash(existing).equals(template)) {
            return JsonNodeFactory.instance
                    .objectNode()
                    .put("success", false)
                    .put(
                            "message",
                            "Attempted to replace existing working memory with empty template. Update skipped to"
                                    + " prevent data loss.");
        }
        memory.updateWorkingMemory(owner, thread.id(), text);
        return JsonNodeFactory.instance.objectNode().put("success", true);
    }

    private static String squash(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }
}
