package dev.mastra4j.core.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestContextTest {

    @Test
    void typedGetReturnsNullForOtherTypes() {
        RequestContext context = RequestContext.of(Map.of("n", 3, "s", "x"));

        assertThat(context.get("n", Integer.class)).isEqualTo(3);
        assertThat(context.get("n", String.class)).isNull();
        assertThat(context.has("s")).isTrue();
        assertThat(context.set("s", null).has("s")).isFalse();
        assertThat(context.user()).isEmpty();
    }

    @Test
    void clientValuesNeverOverwriteServerValuesNorSetTheUser() {
        RequestContext context =
                new RequestContext().set(RequestContext.USER_KEY, "user_1").set("plan", "pro");

        context.setFromClient(Map.of("user", "admin", "plan", "free", "locale", "de"));

        assertThat(context.user()).contains("user_1");
        assertThat(context.get("plan")).isEqualTo("pro");
        assertThat(context.get("locale")).isEqualTo("de");
        assertThat(new RequestContext().setFromClient(Map.of("user", "admin")).user())
                .isEmpty();
    }

    @Test
    void clientValuesNeverSetAReservedKeyEvenWhenTheServerLeftItEmpty() {
        Map<String, Object> hostile = new java.util.LinkedHashMap<>();
        for (String key : List.of(
                "mastra__resourceId",
                "mastra__threadId",
                "mastra__user",
                "mastra__userPermissions",
                "mastra__userRoles",
                "mastra__authToken",
                "mastra__isStudio",
                "mastra__authMode",
                "mastra__inheritedMemory",
                "organizationId")) {
            hostile.put(key, "forged");
        }
        hostile.put("locale", "de");

        RequestContext context = new RequestContext().setFromClient(hostile);

        assertThat(context.asMap()).containsExactly(Map.entry("locale", "de"));
        assertThat(RequestContext.RESERVED_KEYS)
                .containsExactlyInAnyOrderElementsOf(hostile.keySet().stream()
                        .filter(k -> !k.equals("locale"))
                        .toList());
        // The server may still set them itself.
        assertThat(new RequestContext()
                        .set(RequestContext.RESOURCE_ID_KEY, "user-1")
                        .get("mastra__resourceId"))
                .isEqualTo("user-1");
    }

    @Test
    void asMapIsACopy() {
        RequestContext context = RequestContext.of(Map.of("a", 1));
        context.asMap().put("b", 2);

        assertThat(context.has("b")).isFalse();
    }

    @Test
    void concurrentWritersDoNotLoseValues() throws Exception {
        RequestContext context = new RequestContext();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int t = 0; t < 4; t++) {
                int thread = t;
                pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 500; i++) {
                        context.set(thread + "-" + i, i);
                        context.asMap();
                    }
                    return null;
                });
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(context.asMap()).hasSize(2000);
    }
}
