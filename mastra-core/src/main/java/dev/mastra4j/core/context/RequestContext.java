package dev.mastra4j.core.context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Per-request values that handlers and tools can read, such as the authenticated user. Thread-safe: tools of one
 * step run in parallel and may read it together.
 *
 * <p>The server sets its own keys (the user under {@link #USER_KEY}) before anything from the request body is added;
 * {@link #setFromClient(Map)} never overwrites a key that is already present and never accepts {@link #USER_KEY} or a
 * {@link #RESERVED_KEYS reserved key}, so a caller cannot claim to be somebody else.
 */
public final class RequestContext {

    /** Where the server puts the authenticated user. */
    public static final String USER_KEY = "user";
    /**
     * Where the server puts the resource id from {@code mapUserToResourceId} (Mastra's {@code MASTRA_RESOURCE_ID_KEY}),
     * so tools and memory see the server's value.
     */
    public static final String RESOURCE_ID_KEY = "mastra__resourceId";
    /**
     * Keys that only the server may set: a client's {@code requestContext} never sets them, even where the server left
     * them empty, because tools ported from Mastra trust them as set by the server. Exactly Mastra's list
     * ({@code RESERVED_CONTEXT_KEYS}, applied by {@code mergeBodyRequestContext}) as of {@code @mastra/server} 1.67.0,
     * the version that ships with {@code @mastra/core} 1.71:
     * <a href="https://github.com/mastra-ai/mastra/blob/%40mastra/server%401.67.0/packages/server/src/server/constants.ts">packages/server/src/server/constants.ts</a>.
     * {@link #USER_KEY} is refused as well.
     */
    public static final Set<String> RESERVED_KEYS = Set.of(
            RESOURCE_ID_KEY,
            "mastra__threadId",
            "mastra__user",
            "mastra__userPermissions",
            "mastra__userRoles",
            "mastra__authToken",
            "mastra__isStudio",
            "mastra__authMode",
            "mastra__inheritedMemory",
            "organizationId");

    private final Map<String, Object> values = new LinkedHashMap<>();

    public RequestContext() {}

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

    /**
     * Adds values sent by a client (Mastra's {@code mergeBodyRequestContext}): only keys not set yet, and never
     * {@link #USER_KEY} or one of the {@link #RESERVED_KEYS}, which are dropped even when the server left them empty.
     */
    public synchronized RequestContext setFromClient(Map<String, ?> clientValues) {
        if (clientValues != null) {
            clientValues.forEach((k, v) -> {
                if (k != null && v != null && !isServerOnly(k)) {
                    values.putIfAbsent(k, v);
                }
            });
        }
        return this;
    }

    /** A context holding only what a client may set from {@code clientValues} (see {@link #setFromClient}). */
    public static RequestContext fromClient(Map<String, ?> clientValues) {
        return new RequestContext().setFromClient(clientValues);
    }

    private static boolean isServerOnly(String key) {
        return USER_KEY.equals(key) || RESERVED_KEYS.contains(key);
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
