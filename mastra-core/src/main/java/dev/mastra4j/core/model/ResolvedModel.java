package dev.mastra4j.core.model;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.util.Objects;

/**
 * A model ready to call. At least one of {@code chat} and {@code streaming} is set.
 *
 * @param provider  e.g. {@code openai}, {@code offline}
 * @param modelId   e.g. {@code gpt-4o-mini}
 * @param chat      blocking calls; may be null when only streaming is available
 * @param streaming streaming calls; may be null, then streams are produced from blocking calls
 */
public record ResolvedModel(String provider, String modelId, ChatModel chat, StreamingChatModel streaming) {

    public ResolvedModel {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(modelId, "modelId");
        if (chat == null && streaming == null) {
            throw new IllegalArgumentException("A model needs a ChatModel or a StreamingChatModel");
        }
    }

    /** True for the offline stand-in, which is not a language model; servers should say so when they start. */
    public boolean isStandIn() {
        return OfflineChatModel.PROVIDER.equals(provider);
    }

    /** {@code provider/modelId}, the form Mastra's model strings take. */
    public String modelString() {
        return provider + "/" + modelId;
    }
}
