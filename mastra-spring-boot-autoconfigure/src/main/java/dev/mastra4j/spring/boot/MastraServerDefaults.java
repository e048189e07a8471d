package dev.mastra4j.spring.boot;

import dev.mastra4j.core.ServerOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Defaults the starter gives the application's settings, each only when the application sets nothing for it (the
 * property source comes last):
 *
 * <ul>
 *   <li>request headers up to {@link ServerOptions#DEFAULT_MAX_HEADER_BYTES} (16 KiB, where Boot's default is 8 KiB),
 *       so a Clerk session token with many claims is verified (and refused with its reason if it must be) rather than
 *       cut off by the web server;</li>
 *   <li>with Actuator's health support on the class path, the readiness group ({@code /actuator/health/readiness})
 *       holds Boot's {@code readinessState} and Mastra's {@code mastra} indicator, unless the application sets the
 *       group's members, turns the probes off ({@code management.endpoint.health.probes.enabled=false}) or the
 *       indicator off ({@code management.health.mastra.enabled=false}).</li>
 * </ul>
 */
public final class MastraServerDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "mastra4jServerDefaults";
    static final String READINESS_INCLUDE = "management.endpoint.health.group.readiness.include";
    private static final String HEALTH_INDICATOR = "org.springframework.boot.health.contributor.HealthIndicator";

    public MastraServerDefaults() {}

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("server.max-http-request-header-size", ServerOptions.DEFAULT_MAX_HEADER_BYTES + "B");
        if (mastraJoinsReadiness(environment, application.getClassLoader())) {
            defaults.put(READINESS_INCLUDE, "readinessState,mastra");
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }

    private static boolean mastraJoinsReadiness(ConfigurableEnvironment environment, ClassLoader classLoader) {
        if (!ClassUtils.isPresent(HEALTH_INDICATOR, classLoader)) {
            return false;
        }
        boolean indicatorsOn = environment.getProperty("management.health.defaults.enabled", Boolean.class, true);
        return environment.getProperty("management.health.mastra.enabled", Boolean.class, indicatorsOn)
                && environment.getProperty("management.endpoint.health.probes.enabled", Boolean.class, true)
                && !environment.containsProperty(READINESS_INCLUDE);
    }
}
