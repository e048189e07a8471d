package dev.mastra4j.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The example's logging is configured in code, without logback.xml. */
class ConsoleLoggingTest {

    @Test
    void theRunningLoggerContextWasConfiguredByConsoleLoggingNotByXml() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);

        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("io.helidon.webserver").getEffectiveLevel())
                .isEqualTo(Level.WARN);
        assertThat(root.getAppender("STDOUT")).isInstanceOf(ConsoleAppender.class);
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .anyMatch(status -> status.getOrigin() instanceof ConsoleLogging)
                .noneMatch(status -> status.getMessage().contains("logback.xml"));
    }

    @Test
    void eventsAreFormattedAsTimeLevelLoggerMessage() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging logging = new ConsoleLogging();
        logging.setContext(context);

        assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        @SuppressWarnings("unchecked")
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>)
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
        Logger logger = context.getLogger("dev.mastra4j.examples.weather.WeatherApp");
        ch.qos.logback.classic.spi.LoggingEvent event = new ch.qos.logback.classic.spi.LoggingEvent(
                Logger.class.getName(), logger, Level.WARN, "hello {}", null, new Object[] {"world"});
        String line = new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);

        assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  WeatherApp - hello world\\R");
        context.stop();
    }
}
