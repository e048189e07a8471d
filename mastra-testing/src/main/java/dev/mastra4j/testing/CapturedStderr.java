package dev.mastra4j.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What an action writes to {@code System.err}, for tests that check log output: slf4j-simple writes to whatever
 * {@code System.err} is at the time of each call. One capture at a time per JVM (the method is synchronized); output
 * of other threads during the action is captured too.
 */
public final class CapturedStderr {

    private CapturedStderr() {}

    /** Runs {@code action} with {@code System.err} redirected, restores it, and returns what was written (UTF-8). */
    public static synchronized String during(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
