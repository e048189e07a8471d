package dev.mastra4j.examples.weather;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The example's logging, set up in code so start-up parses no XML: INFO and above to stdout as
 * {@code HH:mm:ss.SSS LEVEL Logger - message}, Helidon's own loggers from WARN. With the
 * environment variable {@code LOG_FORMAT=json}, one JSON object per line instead (logback's {@link JsonEncoder}:
 * timestamp, level, logger, message, and the MDC with {@code requestId}, {@code traceId} and {@code spanId} of the
 * request being served). A file named by the system property {@code logback.configurationFile} replaces it
 * (logback's own configuration then runs instead).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class ConsoleLogging extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

    /** The environment variable that picks the format: {@code json}, else the text pattern. */
    static final String FORMAT_VARIABLE = "LOG_FORMAT";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        return configure(context, System.getenv(FORMAT_VARIABLE));
    }

    /** Configures {@code context} for {@code format} ({@code json}, or anything else for text). */
    ExecutionStatus configure(LoggerContext context, String format) {
        Encoder<ILoggingEvent> encoder;
        if ("json".equalsIgnoreCase(format == null ? "" : format.trim())) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            json.start();
            encoder = json;
        } else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setContext(context);
            text.setPattern(PATTERN);
            text.start();
            encoder = text;
        }
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();
        context.getLogger("io.helidon").setLevel(Level.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        addInfo("Logging configured in code by " + ConsoleLogging.class.getSimpleName());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
