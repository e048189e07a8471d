package dev.mastra4j.spring.boot.health;

import dev.mastra4j.core.Mastra;
import dev.mastra4j.server.MastraHttpApi;
import dev.mastra4j.server.http.RequestPipeline;
import dev.mastra4j.spring.boot.MastraAutoConfiguration;
import dev.mastra4j.spring.boot.MastraWebAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code mastra} health indicator ({@link MastraHealthIndicator}), when Actuator's health support
 * ({@code spring-boot-health}, which {@code spring-boot-starter-actuator} brings) is on the class path and
 * {@code management.health.mastra.enabled} is not false. The starter adds it to the readiness group
 * ({@code /actuator/health/readiness}) unless the application sets that group's members itself
 * ({@link dev.mastra4j.spring.boot.MastraServerDefaults}).
 */
@AutoConfiguration(after = {MastraAutoConfiguration.class, MastraWebAutoConfiguration.class})
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(Mastra.class)
@ConditionalOnEnabledHealthIndicator("mastra")
public class MastraHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "mastraHealthIndicator")
    public MastraHealthIndicator mastraHealthIndicator(Mastra mastra, ObjectProvider<RequestPipeline> pipeline) {
        RequestPipeline api = pipeline.getIfAvailable();
        return new MastraHealthIndicator(MastraHttpApi.readiness(mastra), api == null ? () -> false : api::isDraining);
    }
}
