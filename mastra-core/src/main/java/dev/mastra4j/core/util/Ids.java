package dev.mastra4j.core.util;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random version-4 UUIDs for request, run and message ids. These ids are labels, not secrets: they are unique with
 * overwhelming probability but not unpredictable, so they come from {@link ThreadLocalRandom} rather than the shared
 * {@code SecureRandom} behind {@link UUID#randomUUID()}. Never use them where a guess must be infeasible.
 */
public final class Ids {

    private Ids() {}

    public static String uuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSignificant = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long leastSignificant = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | Long.MIN_VALUE; // IETF variant
        return new UUID(mostSignificant, leastSignificant).toString();
    }
}
