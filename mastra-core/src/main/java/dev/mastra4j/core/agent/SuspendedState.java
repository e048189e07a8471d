package dev.mastra4j.core.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.mastra4j.core.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run suspended for a tool approval needs to go on, possibly in another process: the conversation so far (with
 * the assistant's tool calls), the step whose calls wait, the decisions already made, and the plan's settings. Kept as
 * JSON text in a {@link dev.mastra4j.core.storage.SuspendedRunRecord}.
 *
 * @param history             the model conversation up to and including the assistant's tool calls (LangChain4j's
 *                            JSON form)
 * @param calls               the suspended step's tool calls, in order
 * @param decisions           decisions made so far, by tool call id (true = approved)
 * @param step                the suspended step's number (from 1)
 * @param maxSteps            the run's step limit
 * @param tools               ids of the tools the run could call (re-checked against the agent on resume)
 * @param requireToolApproval the run's {@code requireToolApproval}
 * @param settings            sampling settings
 * @param timeoutMillis       the run's time limit, or null
 * @param stepText            the suspended step's text
 * @param stepUsage           the suspended step's usage
 * @param stepReason          the suspended step's finish reason
 * @param stepResponse        the suspended step's response info
 * @param total               usage summed over the run so far
 * @param messages            the request's messages (what memory saves as the user's turn)
 * @param memory              the call's thread and resource, or null
 */
record SuspendedState(
        String history,
        List<ToolCall> calls,
        Map<String, Boolean> decisions,
        int step,
        int maxSteps,
        List<String> tools,
        boolean requireToolApproval,
        ModelSettings settings,
        Long timeoutMillis,
        String stepText,
        Usage stepUsage,
        FinishReason stepReason,
        ResponseInfo stepResponse,
        Usage total,
        List<Message> messages,
        AgentMemoryOption memory) {

    SuspendedState {
        calls = List.copyOf(calls);
        decisions = new LinkedHashMap<>(decisions);
        tools = List.copyOf(tools);
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    static String historyJson(List<ChatMessage> history) {
        return ChatMessageSerializer.messagesToJson(history);
    }

    List<ChatMessage> historyMessages() {
        return new java.util.ArrayList<>(ChatMessageDeserializer.messagesFromJson(history));
    }

    /** The same state with {@code toolCallId} decided. */
    SuspendedState decided(String toolCallId, boolean approved) {
        Map<String, Boolean> more = new LinkedHashMap<>(decisions);
        more.put(toolCallId, approved);
        return new SuspendedState(
                history,
                calls,
                more,
                step,
                maxSteps,
                tools,
                requireToolApproval,
                settings,
                timeoutMillis,
                stepText,
                stepUsage,
                stepReason,
                stepResponse,
                total,
                messages,
                memory);
    }

    String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a suspended run's state", e);
        }
    }

    static SuspendedState fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, SuspendedState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A suspended run's state could not be read", e);
        }
    }
}
