package dev.mastra4j.spring.boot.health;

import dev.mastra4j.server.Readiness;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Mastra's readiness ({@link Readiness}: the auth provider's signing keys are loaded, every configured store answers a
 * read) as an Actuator health indicator, named {@code mastra}: UP when every check is up, DOWN when one is down or the
 * Mastra API drains for a stop. Each check is a detail ({@code {"auth": {"status": "UP", "detail": "..."}}}), shown as
 * {@code management.endpoint.health.show-details} allows; details never hold a secret or a connection string.
 */
public final class MastraHealthIndicator implements HealthIndicator {

    private final Readiness readiness;
    private final BooleanSupplier draining;

    /**
     * @param readiness the checks ({@code MastraHttpApi.readiness(mastra)})
     * @param draining  whether the API drains for a stop (then DOWN without running the checks)
     */
    public MastraHealthIndicator(Readiness readiness, BooleanSupplier draining) {
        this.readiness = readiness;
        this.draining = draining;
    }

    @Override
    public Health health() {
        if (draining.getAsBoolean()) {
            return Health.down().withDetail("draining", true).build();
        }
        Readiness.Report report = readiness.check();
        Health.Builder health = report.ready() ? Health.up() : Health.down();
        report.checks().forEach((name, check) -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", check.up() ? "UP" : "DOWN");
            detail.put("detail", check.detail());
            health.withDetail(name, detail);
        });
        return health.build();
    }
}
