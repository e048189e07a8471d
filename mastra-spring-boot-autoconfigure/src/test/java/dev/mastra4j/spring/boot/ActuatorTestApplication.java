package dev.mastra4j.spring.boot;

import dev.mastra4j.core.agent.Agent;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * An application with one agent and nothing else of its own (no meter registry: Boot's, when Actuator is there), for
 * the tests that start it themselves with their own properties on a free port of 127.0.0.1.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ActuatorTestApplication {

    @Bean
    Agent echoAgent() {
        return Agent.builder()
                .id("echo")
                .name("Echo")
                .instructions("Echo.")
                .env(Map.of())
                .model("offline/echo")
                .build();
    }

    /** A running application: its context and the port it listens on. */
    record Running(ConfigurableApplicationContext context, int port) implements AutoCloseable {
        Http http() {
            return new Http(port);
        }

        @Override
        public void close() {
            context.close();
        }
    }

    /** Starts the application on Tomcat (virtual threads on) with {@code properties} over the tests' defaults. */
    static Running start(Map<String, Object> properties) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("server.port", 0);
        all.put("server.address", "127.0.0.1");
        all.put("spring.threads.virtual.enabled", true);
        all.put("spring.main.register-shutdown-hook", false);
        all.putAll(properties);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ActuatorTestApplication.class)
                .web(WebApplicationType.SERVLET)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(all)
                .run();
        return new Running(
                context, ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    /** A port nothing listens on (bound and released). */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
