package dev.mastra4j.spring.boot;

import dev.mastra4j.core.ServerOptions;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults that make the application's web server take what the Mastra API takes, each one only when the application
 * sets nothing for it (the property source comes last): request headers up to
 * {@link ServerOptions#DEFAULT_MAX_HEADER_BYTES} (16 KiB, where Boot's default is 8 KiB), so a Clerk session token with
 * many claims is verified (and refused with its reason if it must be) rather than cut off by the server.
 */
public final class MastraServerDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "mastra4jServerDefaults";

    public MastraServerDefaults() {}

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        SOURCE,
                        Map.of("server.max-http-request-header-size", ServerOptions.DEFAULT_MAX_HEADER_BYTES + "B")));
    }
}
