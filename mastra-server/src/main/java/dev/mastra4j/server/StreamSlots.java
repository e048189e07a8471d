package dev.mastra4j.server;

import dev.mastra4j.auth.JwtUser;
import dev.mastra4j.server.http.Exchange;
import dev.mastra4j.server.http.HttpStatusException;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many streams each authenticated user has open, against {@code ServerOptions.maxStreamsPerUser}: past the limit a
 * stream request gets 429 {@code Too many concurrent streams} with {@code Retry-After}. A user is their resource id
 * when the provider maps one, else their token's subject ({@link JwtUser}) or principal name, else the user object
 * itself (by {@code equals}). Requests without a user are not counted.
 */
final class StreamSlots {

    static final String TOO_MANY = "Too many concurrent streams";
    /** Sent with the 429; streams have no known end, so this is a polite pause rather than a promise. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static final Exchange.Registration NOTHING = () -> {};

    private final int perUser;
    private final Map<Object, Integer> open = new ConcurrentHashMap<>();

    /** {@code perUser}: 0 = no limit. */
    StreamSlots(int perUser) {
        this.perUser = perUser;
    }

    /** Takes a slot for the exchange's user, released when the registration is closed (once). */
    Exchange.Registration acquire(Exchange ex) {
        Object owner = owner(ex.user().orElse(null), ex.resourceId().orElse(null));
        if (perUser == 0 || owner == null) {
            return NOTHING;
        }
        AtomicBoolean taken = new AtomicBoolean();
        open.compute(owner, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= perUser) {
                return count;
            }
            taken.set(true);
            return now + 1;
        });
        if (!taken.get()) {
            throw new HttpStatusException(
                    429, TOO_MANY, null, Map.of("Retry-After", Long.toString(RETRY_AFTER.toSeconds())));
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                open.computeIfPresent(owner, (key, count) -> count <= 1 ? null : count - 1);
            }
        };
    }

    /** Streams open for users now (for tests). */
    int openStreams() {
        return open.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The identity streams are counted under, or null when there is no user. */
    static Object owner(Object user, String resourceId) {
        if (resourceId != null) {
            return new Owner("resource", resourceId);
        }
        return switch (user) {
            case null -> null;
            case JwtUser jwt when jwt.subject() != null -> new Owner("subject", jwt.subject());
            case Principal principal when principal.getName() != null -> new Owner("principal", principal.getName());
            default -> new Owner("user", user);
        };
    }

    private record Owner(String kind, Object id) {}
}
