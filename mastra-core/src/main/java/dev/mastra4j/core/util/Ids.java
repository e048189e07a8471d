package dev.mastra4j.core.util;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random version-4 UUIDs for request, run and message ids. These ids are labels, not secrets, so they come from
 * {@link ThreadLocalRandom}: {@link UUID#randomUUID()} draws from the shared {@code SecureRandom}, whose lock and
 * {@code /dev/urandom} reads showed up as the top frame of a request's profile.
 */
public final class Ids {

    private Ids() {
    }

    public static String uuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSignificant = (random.nextLong() & ~0xF000L) | 0x4000L;                       // version 4
        long leastSignificant = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | Long.MIN_VALUE;   // IETF variant
        return new UUID(mostSignificant, leastSignificant).toString();
    }
}
