package dev.mastra4j.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mastra4j.auth.MastraAuthProvider;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.json.Json;
import dev.mastra4j.core.storage.MemoryStorage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Whether a server should get traffic: named checks, each up or down. {@link #of(Mastra)} has {@code auth} (the
 * provider's signing keys are loaded, {@link MastraAuthProvider#ready()}; only with a provider) and {@code storage}
 * (every store the instance and its agents' memories use answers a read; only with storage). The Helidon host serves
 * it at {@code GET /health/ready} (200 or 503, the {@link Report#toJson() report} as body); another host can wrap each
 * check (Spring Boot Actuator health indicators, say).
 */
public final class Readiness {

    /** The thread id a storage check reads (it need not exist). */
    static final String PROBE_THREAD_ID = "mastra4j-readiness-probe";

    private final Map<String, Supplier<Check>> checks;

    private Readiness(Map<String, Supplier<Check>> checks) {
        this.checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
    }

    /** The checks for {@code mastra}: {@code auth} and {@code storage}, each only when configured. */
    public static Readiness of(Mastra mastra) {
        Map<String, Supplier<Check>> checks = new LinkedHashMap<>();
        MastraAuthProvider<?> provider = mastra.serverOptions().authProvider();
        if (provider != null) {
            checks.put("auth", () -> authCheck(provider));
        }
        List<MemoryStorage> stores = stores(mastra);
        if (!stores.isEmpty()) {
            checks.put("storage", () -> storageCheck(stores));
        }
        return new Readiness(checks);
    }

    /** This readiness with one more check (replacing one of the same name). */
    public Readiness with(String name, Supplier<Check> check) {
        Map<String, Supplier<Check>> more = new LinkedHashMap<>(checks);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"));
        return new Readiness(more);
    }

    /** The names of the checks, in order. */
    public Set<String> names() {
        return checks.keySet();
    }

    /** Runs one check; a check that throws is down. */
    public Check check(String name) {
        Supplier<Check> check = checks.get(name);
        if (check == null) {
            throw new IllegalArgumentException("No readiness check named " + name);
        }
        try {
            return check.get();
        } catch (RuntimeException e) {
            return Check.down(e.getClass().getSimpleName());
        }
    }

    /** Runs every check. */
    public Report check() {
        Map<String, Check> results = new LinkedHashMap<>();
        boolean ready = true;
        for (String name : checks.keySet()) {
            Check result = check(name);
            results.put(name, result);
            ready &= result.up();
        }
        return new Report(ready, results);
    }

    private static Check authCheck(MastraAuthProvider<?> provider) {
        return provider.ready() ? Check.up("signing keys loaded") : Check.down("signing keys not loaded");
    }

    private static Check storageCheck(List<MemoryStorage> stores) {
        for (MemoryStorage store : stores) {
            var unused = store.getThreadById(PROBE_THREAD_ID); // throws when the store cannot be reached
        }
        return Check.up(stores.size() == 1 ? "reachable" : stores.size() + " stores reachable");
    }

    /** The instance's store and every agent memory's, each once. */
    private static List<MemoryStorage> stores(Mastra mastra) {
        IdentityHashMap<MemoryStorage, Boolean> seen = new IdentityHashMap<>();
        List<MemoryStorage> stores = new ArrayList<>();
        mastra.storage().ifPresent(store -> {
            if (seen.put(store, true) == null) {
                stores.add(store);
            }
        });
        for (Agent agent : mastra.getAgents().values()) {
            agent.memory().ifPresent(memory -> {
                MemoryStorage store;
                try {
                    store = memory.storage();
                } catch (IllegalStateException noStorage) {
                    return; // Mastra.build() refuses this; nothing to check
                }
                if (seen.put(store, true) == null) {
                    stores.add(store);
                }
            });
        }
        return stores;
    }

    /**
     * One check's result.
     *
     * @param up     whether it passed
     * @param detail a short text for operators (never a secret or connection string)
     */
    public record Check(boolean up, String detail) {

        public static Check up(String detail) {
            return new Check(true, detail);
        }

        public static Check down(String detail) {
            return new Check(false, detail);
        }
    }

    /**
     * Every check's result.
     *
     * @param ready  whether every check is up
     * @param checks results by name, in order
     */
    public record Report(boolean ready, Map<String, Check> checks) {

        public Report {
            checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        }

        /** {@code {"status": "UP"|"DOWN", "checks": {name: {"status": ..., "detail": ...}}}}. */
        public ObjectNode toJson() {
            ObjectNode body = Json.MAPPER.createObjectNode().put("status", ready ? "UP" : "DOWN");
            ObjectNode each = body.putObject("checks");
            checks.forEach((name, check) -> each.putObject(name)
                    .put("status", check.up() ? "UP" : "DOWN")
                    .put("detail", check.detail()));
            return body;
        }
    }
}
