package dev.mastra4j.spring.boot;

import dev.mastra4j.auth.RoutePattern;
import dev.mastra4j.core.ApiRoute;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.server.MastraHttpApi;
import dev.mastra4j.server.http.RequestPipeline;
import dev.mastra4j.server.studio.StudioRoutes;
import dev.mastra4j.spring.boot.web.MastraApiFilter;
import dev.mastra4j.spring.boot.web.MastraApiLifecycle;
import dev.mastra4j.spring.boot.web.MastraPaths;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The Mastra API on the application's own port (a servlet application, {@code mastra.server.standalone} not set):
 * {@link MastraApiFilter} in front of the application's filters and Spring Security, and
 * {@link MastraApiLifecycle} to drain it on stop.
 */
@AutoConfiguration(after = MastraAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OncePerRequestFilter.class)
@ConditionalOnBooleanProperty(name = "mastra.server.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "mastra.server.standalone", havingValue = false, matchIfMissing = true)
public class MastraWebAutoConfiguration {

    /**
     * The filter's order: after Boot's own request filters (character encoding, request context, observation), just
     * before Spring Security's filter chain (order -100), so Mastra's requests skip the application's security rules.
     */
    public static final int FILTER_ORDER = -101;

    @Bean
    public RequestPipeline mastraRequestPipeline(Mastra mastra, ObjectProvider<MeterRegistry> meters) {
        RequestPipeline pipeline = MastraHttpApi.pipeline(mastra, meters.getIfAvailable());
        var unused = MastraHttpApi.warmUp(mastra); // best effort, on virtual threads
        return pipeline;
    }

    @Bean
    public FilterRegistrationBean<MastraApiFilter> mastraApiFilter(
            RequestPipeline mastraRequestPipeline, Mastra mastra, MastraProperties properties) {
        List<RoutePattern> custom = new ArrayList<>();
        for (ApiRoute route : mastra.serverOptions().apiRoutes()) {
            custom.add(RoutePattern.of(route.path()));
        }
        if (mastra.serverOptions().studio() != null) {
            // Studio's page and files (GET /, /studio/*), behind the base path as the API is.
            custom.add(RoutePattern.of("/"));
            custom.add(RoutePattern.of(StudioRoutes.ASSET_PREFIX + "*"));
        }
        MastraApiFilter filter = new MastraApiFilter(
                mastraRequestPipeline,
                new MastraPaths(properties.getServer().getBasePath(), custom),
                properties.getServer().isOwnsApiPaths());
        FilterRegistrationBean<MastraApiFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("mastraApiFilter");
        registration.setOrder(FILTER_ORDER);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** Logs the Mastra API's one startup line (agents, models, auth mode; never a key) once the application is up. */
    @Bean
    public ApplicationListener<ApplicationReadyEvent> mastraStartupLine(Mastra mastra, Environment environment) {
        return event -> {
            String host = environment.getProperty("server.address", "localhost");
            String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
            LoggerFactory.getLogger(MastraWebAutoConfiguration.class)
                    .info(MastraHttpApi.startupLine(mastra, "http://" + host + ":" + port));
        };
    }

    @Bean
    public MastraApiLifecycle mastraApiLifecycle(RequestPipeline mastraRequestPipeline, Mastra mastra) {
        return new MastraApiLifecycle(
                mastraRequestPipeline, mastra.serverOptions().shutdownTimeout());
    }
}
