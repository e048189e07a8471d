package dev.mastra4j.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-request values that handlers and tools can read, such as the authenticated user. Thread-safe: tools of one
 * step run in parallel and may read it together.
 *
 * <p>The server sets its own keys (the user under {@link #USER_KEY}) before anything from the request body is added;
 * {@link #setFromClient(Map)} never overwrites a key that is already present and never accepts {@link #USER_KEY}, so a
 * caller cannot claim to be somebody else.
 */
public final class RequestContext {

    /** Where the server puts the authenticated user. */
    public static final String USER_KEY = "user";

    private final Map<String, Object> values = new LinkedHashMap<>();

    public RequestContext() {
    }

    /** A context holding a copy of {@code values} (entries with null keys or values are skipped). */
    public static RequestContext of(Map<String, ?> values) {
        RequestContext context = new RequestContext();
        if (values != null) {
            values.forEach((k, v) -> {
                if (k != null && v != null) {
                    context.set(k, v);
                }
            });
        }
        return context;
    }

    public synchronized Object get(String key) {
        return values.get(key);
    }

    /** The value under {@code key} if it is a {@code type}, else null. */
    public synchronized <T> T get(String key, Class<T> type) {
        Object value = values.get(key);
        return type.isInstance(value) ? type.cast(value) : null;
    }

    /** Sets a value; a null value removes the key. */
    public synchronized RequestContext set(String key, Object value) {
        Objects.requireNonNull(key, "key");
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
        return this;
    }

    public synchronized boolean has(String key) {
        return values.containsKey(key);
    }

    /** Adds values sent by a client: only keys not set yet, and never {@link #USER_KEY}. */
    public synchronized RequestContext setFromClient(Map<String, ?> clientValues) {
        if (clientValues != null) {
            clientValues.forEach((k, v) -> {
                if (k != null && v != null && !USER_KEY.equals(k)) {
                    values.putIfAbsent(k, v);
                }
            });
        }
        return this;
    }

    /** The authenticated user, if the server set one. */
    public Optional<Object> user() {
        return Optional.ofNullable(get(USER_KEY));
    }

    /** A copy, in insertion order. */
    public synchronized Map<String, Object> asMap() {
        return new LinkedHashMap<>(values);
    }

    @Override
    public synchronized String toString() {
        return "RequestContext" + values.keySet();
    }
}
