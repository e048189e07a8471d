package dev.mastra4j.core.model;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.mastra4j.core.error.MastraException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;

/**
 * Turns whatever a model client throws into {@link ModelProviderException} (502) or {@link ModelTimeoutException}
 * (504) with a short, fixed cause. Upstream messages are not copied: they can hold request bodies or key fragments.
 */
public final class ModelErrors {

    private ModelErrors() {
    }

    /** The mastra4j exception for a model call failure; our own exceptions pass through unchanged. */
    public static MastraException translate(Throwable failure) {
        if (failure instanceof MastraException mastra) {
            return mastra;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof HttpTimeoutException
                    || t instanceof SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException) {
                String what = t instanceof HttpConnectTimeoutException ? "connecting to the provider timed out"
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
        }
        return "unexpected failure (" + failure.getClass().getSimpleName() + ")";
    }
}
