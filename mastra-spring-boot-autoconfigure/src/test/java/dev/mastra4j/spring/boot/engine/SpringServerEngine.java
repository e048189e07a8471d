package dev.mastra4j.spring.boot.engine;

import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.RunningServer;
import dev.mastra4j.core.ServerEngine;
import dev.mastra4j.core.ServerOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring host as a {@link ServerEngine}: {@code Mastra.start()} on this test class path serves the {@code Mastra}
 * from a Spring Boot application on Tomcat (virtual threads on) through the starter, on the options' host and port.
 * Registered in {@code META-INF/services} ahead of the Helidon engine, so mastra-server's own HTTP suites, run from
 * its test jar, test the Spring host with their unchanged assertions.
 */
public final class SpringServerEngine implements ServerEngine {

    public SpringServerEngine() {}

    @Override
    public RunningServer start(Mastra mastra) {
        ServerOptions options = mastra.serverOptions();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", options.port());
        properties.put("server.address", options.host());
        properties.put("server.max-http-request-header-size", options.maxHeaderBytes() + "B");
        properties.put("spring.threads.virtual.enabled", true);
        properties.put("spring.main.register-shutdown-hook", false);
        // The Mastra's own auth settings apply; the application context adds none.
        properties.put("mastra.auth.clerk.enabled", false);
        properties.put(
                "spring.autoconfigure.exclude",
                "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.actuate.web.servlet"
                        + ".ManagementWebSecurityAutoConfiguration");
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(HostApplication.class)
                    .web(WebApplicationType.SERVLET)
                    .bannerMode(Banner.Mode.OFF)
                    .logStartupInfo(false)
                    .properties(properties)
                    .initializers(app -> app.getBeanFactory().registerSingleton("mastra", mastra))
                    .run();
        } catch (RuntimeException e) {
            // As the Helidon engine: the failure itself (a refused route, a busy port), not Spring's wrapping of it.
            throw rootCause(e);
        }
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new RunningServer() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public void stop(Duration gracePeriod) {
                context.close();
            }
        };
    }

    private static RuntimeException rootCause(RuntimeException e) {
        RuntimeException root = e;
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof RuntimeException runtime) {
                root = runtime;
            }
        }
        return root;
    }

    /** The application around the Mastra: nothing but the auto-configuration. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class HostApplication {}
}
