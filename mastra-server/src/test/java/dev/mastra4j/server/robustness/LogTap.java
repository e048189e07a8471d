package dev.mastra4j.server.robustness;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Copies what is written to {@code System.err} (where slf4j-simple logs, looking the stream up on every call) while
 * still passing it through, and what reaches java.util.logging (where Helidon logs; its console handler holds on to
 * the {@code System.err} of its start), so a test can count log lines and look for leaked secrets or forged lines.
 */
final class LogTap implements AutoCloseable {

    private final PrintStream original;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private final java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
    private final Handler jul = new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            byte[] line = format.format(record).getBytes(StandardCharsets.UTF_8);
            synchronized (copy) {
                copy.write(line, 0, line.length);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private LogTap() {
        this.original = System.err;
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (copy) {
                    copy.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (copy) {
                    copy.write(b, off, len);
                }
                original.write(b, off, len);
            }

            @Override
            public void flush() {
                original.flush();
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
        jul.setLevel(Level.ALL);
        julRoot.addHandler(jul);
    }

    static LogTap start() {
        return new LogTap();
    }

    String text() {
        synchronized (copy) {
            return copy.toString(StandardCharsets.UTF_8);
        }
    }

    /** The lines logged so far. */
    List<String> lines() {
        return text().lines().toList();
    }

    /**
     * Whether a log line is a warning or an error: slf4j-simple's {@code [thread] LEVEL logger - message} with level
     * WARN or ERROR (looked for before the message, which may quote anything), or java.util.logging's
     * {@code WARNING:} or {@code SEVERE:} line.
     */
    static boolean isLoud(String line) {
        if (line.startsWith("WARNING:") || line.startsWith("SEVERE:")) {
            return true;
        }
        int message = line.indexOf(" - ");
        String prefix = message < 0 ? "" : line.substring(0, message);
        return prefix.startsWith("[") && (prefix.contains("] WARN ") || prefix.contains("] ERROR "));
    }

    /** Whether a log line is part of a stack trace. */
    static boolean isStackTrace(String line) {
        return line.startsWith("\tat ") || line.startsWith("Caused by") || line.matches("\\s+\\.\\.\\. \\d+ more");
    }

    /** How many times {@code needle} occurs in what was logged so far. */
    int count(String needle) {
        String text = text();
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            count++;
        }
        return count;
    }

    @Override
    public void close() {
        julRoot.removeHandler(jul);
        System.setErr(original);
    }
}
