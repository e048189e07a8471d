package dev.mastra4j.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.mastra4j.auth.LogSafe;
import dev.mastra4j.core.error.MastraException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatever a model client throws into {@link ModelProviderException} (502) or {@link ModelTimeoutException}
 * (504) with a short, fixed cause. Upstream messages are not copied: they can hold request bodies or key fragments.
 */
public final class ModelErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ModelErrors.class);
    /**
     * Providers whose streams always end with a finish reason. LangChain4j completes a stream when the connection
     * ends, {@code [DONE]} or not, so for these a completion without a finish reason means the answer was cut off.
     */
    private static final Set<String> STREAMS_END_WITH_A_REASON = Set.of("openai");

    private ModelErrors() {}

    /**
     * The failure to report when a streamed answer "completed" without the provider saying it had finished (the
     * connection closed mid-answer), or null when {@code response} is a real end. Without this check a truncated
     * answer would reach the caller as a normal one.
     */
    public static ModelProviderException endedEarly(ResolvedModel model, ChatResponse response) {
        if (response.finishReason() == null && STREAMS_END_WITH_A_REASON.contains(model.provider())) {
            return new ModelProviderException("the provider's answer stream ended before it was complete", null);
        }
        return null;
    }

    /** The mastra4j exception for a model call failure; our own exceptions pass through unchanged. */
    public static MastraException translate(Throwable failure) {
        if (failure instanceof MastraException mastra) {
            return mastra;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException
                    || t instanceof HttpTimeoutException
                    || t instanceof SocketTimeoutException
                    || t instanceof java.util.concurrent.TimeoutException) {
                String what = t instanceof HttpConnectTimeoutException
                        ? "connecting to the provider timed out"
                        : "the provider did not answer in time";
                return new ModelTimeoutException(what, failure);
            }
        }
        return new ModelProviderException(shortCause(failure), failure);
    }

    static String shortCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                int status = http.statusCode();
                String what = switch (status) {
                    case 401, 403 -> "authentication failed, check the API key";
                    case 404 -> "model not found";
                    case 429 -> "rate limited";
                    default -> status >= 500 ? "provider unavailable" : "request rejected";
                };
                return what + " (HTTP " + status + ")";
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationException) {
                return "authentication failed, check the API key";
            }
            if (t instanceof RateLimitException) {
                return "rate limited";
            }
            if (t instanceof ModelNotFoundException) {
                return "model not found";
            }
            if (t instanceof ContentFilteredException) {
                return "content filtered by the provider";
            }
            if (t instanceof InternalServerException) {
                return "provider unavailable";
            }
            if (t instanceof InvalidRequestException) {
                return "request rejected";
            }
            if (t instanceof UnresolvedModelServerException || t instanceof UnknownHostException) {
                return "provider host could not be resolved";
            }
            if (t instanceof ConnectException) {
                return "could not connect to the provider";
            }
            if (t instanceof ClosedChannelException || t instanceof InterruptedIOException) {
                return "connection to the provider was interrupted";
            }
            if (t instanceof JsonProcessingException) {
                return "the provider's answer could not be read";
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                // Resets, early ends of a body, broken pipes: the connection failed mid-call.
                return "connection to the provider failed";
            }
        }
        // Only our fixed words go to the caller (no class names); the operator gets the whole cause.
        LOG.warn("Model call failed unexpectedly", LogSafe.throwable(failure));
        return "unexpected failure";
    }
}
