package dev.mastra4j.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.auth.clerk.MastraAuthClerk;
import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.server.testing.RawHttp;
import dev.mastra4j.server.testing.ServerHarness;
import dev.mastra4j.testing.BadToken;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random spellings of every protected route (percent-encoding, dot segments, doubled slashes, case, trailing
 * characters, matrix parameters, overlong UTF-8, encoded slashes and backslashes), sent raw. Without a valid token
 * none reaches a protected handler: the answer is 400, 401 or 404 (or the public answer, for a spelling that
 * normalises to a public route) and no tool runs. With the token, every spelling that means
 * the same path gets exactly the canonical path's answer, so auth and the router never disagree about a path.
 */
class PathSpellingPropertiesTest {

    record Place(String location) {}

    /** A protected route: method, canonical path, body for POSTs (null for GETs). */
    record Route(String method, String path, String body) {}

    /** A spelling of a route's path, and whether it still means that path. */
    record Spelling(Route route, String raw, boolean samePath) {}

    static final List<Route> ROUTES = List.of(
            new Route("GET", "/api/agents", null),
            new Route("GET", "/api/agents/weatherAgent", null),
            new Route("POST", "/api/agents/weatherAgent/generate", "{\"messages\":\"Weather in London\"}"),
            new Route("POST", "/api/agents/weatherAgent/stream", "{\"messages\":\"Weather in London\"}"),
            new Route("GET", "/api/agents/weatherAgent/tools/weatherTool", null),
            new Route(
                    "POST", "/api/agents/weatherAgent/tools/weatherTool/execute", "{\"data\":{\"location\":\"Oslo\"}}"),
            new Route("GET", "/api/tools", null),
            new Route("GET", "/api/tools/weatherTool", null),
            new Route("POST", "/api/tools/weatherTool/execute", "{\"data\":{\"location\":\"Oslo\"}}"),
            new Route("GET", "/api/openapi.json", null));

    /** What the public routes ({@code GET /api}, {@code GET /health}) answer. */
    static final List<String> PUBLIC_ANSWERS = List.of("Hello to the Mastra API!", "{\"success\":true}");

    static final AtomicInteger EXECUTIONS = new AtomicInteger();
    private static LocalClerkIssuer issuer;
    private static MastraAuthClerk clerk;
    private static ServerHarness server;
    private static String token;
    private static Map<Route, Integer> canonical;

    @BeforeContainer
    static void start() {
        issuer = LocalClerkIssuer.start();
        clerk = Clerk.provider(issuer).jwtKey(issuer.jwtKeyPem()).build();
        Tool weather = Tool.builder()
                .id("weatherTool")
                .description("Weather")
                .inputSchema(Place.class)
                .execute((in, ctx) -> {
                    EXECUTIONS.incrementAndGet();
                    return Map.of("location", in.location(), "temperature", 21);
                })
                .build();
        server = ServerHarness.start(
                Mastra.builder()
                        .tool(weather)
                        .agent(Agent.builder()
                                .id("weatherAgent")
                                .model("offline/weather")
                                .tools(weather)
                                .build()),
                s -> s.auth(clerk));
        token = issuer.tokenBuilder().expiresIn(Duration.ofHours(1)).build();
        canonical = new HashMap<>();
        for (Route route : ROUTES) {
            RawHttp.Response answer = send(route.method(), route.path(), route.body(), token);
            assertThat(answer.status()).as(route.toString()).isEqualTo(200);
            canonical.put(route, answer.status());
        }
    }

    @AfterContainer
    static void stop() {
        server.close();
        clerk.close();
        issuer.close();
    }

    @Property(tries = 500)
    void noSpellingReachesAHandlerWithoutAToken(
            @ForAll("spellings") Spelling spelling, @ForAll("badCredentials") String credential) {
        int before = EXECUTIONS.get();
        RawHttp.Response answer =
                send(spelling.route().method(), spelling.raw(), spelling.route().body(), credential);
        if (answer.status() == 200) {
            // Only a spelling that normalises to a public route ("/api/agents/%2e%2e" is "/api") may succeed, and
            // then with that public answer.
            assertThat(answer.body()).as(spelling.raw()).isIn(PUBLIC_ANSWERS);
        } else {
            // 405 only for a spelling of a public path with the wrong method; no handler runs for it either.
            assertThat(answer.status()).as(spelling.raw()).isIn(400, 401, 404, 405);
        }
        assertThat(answer.body())
                .as(spelling.raw())
                .doesNotContain("Weather Agent")
                .doesNotContain("temperature");
        assertThat(EXECUTIONS.get()).as("a tool ran for " + spelling.raw()).isEqualTo(before);
        if (spelling.samePath()) {
            assertThat(answer.status()).as(spelling.raw()).isEqualTo(401);
        }
    }

    @Property(tries = 300)
    void withTheTokenASpellingOfTheSamePathGetsTheSameAnswer(@ForAll("sameSpellings") Spelling spelling) {
        RawHttp.Response answer =
                send(spelling.route().method(), spelling.raw(), spelling.route().body(), token);
        assertThat(answer.status()).as(spelling.raw()).isEqualTo(canonical.get(spelling.route()));
    }

    @Example
    void lowerCaseMethodsAndUnknownMethodsDoNotGetIn() {
        int before = EXECUTIONS.get();
        for (Route route : ROUTES) {
            for (String method : List.of(route.method().toLowerCase(Locale.ROOT), "PUT", "PATCH", "DELETE", "FOO")) {
                RawHttp.Response answer = send(method, route.path(), route.body(), null);
                assertThat(answer.status()).as(method + " " + route.path()).isIn(400, 401, 404, 405, 501);
                assertThat(answer.status()).isNotEqualTo(200);
            }
        }
        assertThat(EXECUTIONS.get()).isEqualTo(before);
    }

    // ---- generators ----------------------------------------------------------------------------------------

    /** Edits that keep the path's meaning after the server's one normalisation. */
    static final List<BiFunction<String, Random, String>> SAME = List.of(
            PathSpellingPropertiesTest::percentEncodeOne,
            (p, r) -> insertAtSlash(p, r, "/."),
            (p, r) -> insertAtSlash(p, r, "/zz/.."),
            (p, r) -> insertAtSlash(p, r, "/"),
            (p, r) -> p + "/",
            (p, r) -> p + "?x=" + r.nextInt(100),
            (p, r) -> p + "/./",
            (p, r) -> "/health/.." + p);

    /** Edits that change the path (or make it invalid). */
    static final List<BiFunction<String, Random, String>> OTHER = List.of(
            PathSpellingPropertiesTest::changeCase,
            (p, r) -> p
                    + pick(
                            r,
                            ";",
                            ";x=1",
                            "%20",
                            ".",
                            "..",
                            "~",
                            "%00",
                            "%09",
                            "%2F",
                            "%5C",
                            "\\",
                            "%",
                            "%2",
                            "%zz",
                            "%C0%AF",
                            "%E0%80%AF",
                            "%C1%81",
                            "%FF",
                            "%2e%2e",
                            "..;"),
            (p, r) -> insertAtSlash(p, r, ";jsessionid=1/").replace(";jsessionid=1//", ";jsessionid=1/"),
            PathSpellingPropertiesTest::slashAsSomethingElse,
            PathSpellingPropertiesTest::overlongLetter,
            PathSpellingPropertiesTest::doubleEncodeOne);

    @Provide
    Arbitrary<Spelling> spellings() {
        return Combinators.combine(
                        Arbitraries.of(ROUTES),
                        Arbitraries.longs(),
                        Arbitraries.integers().between(1, 3),
                        Arbitraries.of(true, false))
                .as((route, seed, edits, same) -> spell(route, new Random(seed), edits, same));
    }

    @Provide
    Arbitrary<Spelling> sameSpellings() {
        return Combinators.combine(
                        Arbitraries.of(ROUTES),
                        Arbitraries.longs(),
                        Arbitraries.integers().between(1, 3))
                .as((route, seed, edits) -> spell(route, new Random(seed), edits, true));
    }

    /** No token, or one that is not valid; never the real one. */
    @Provide
    Arbitrary<String> badCredentials() {
        return Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.of("garbage", "Bearer", "null", "undefined"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(40),
                Arbitraries.just(issuer.tokenBuilder()
                        .exp(Instant.now().minusSeconds(3600))
                        .build()),
                Arbitraries.just(issuer.badToken(BadToken.SIGNED_BY_OTHER_KEY_SAME_KID)));
    }

    private static Spelling spell(Route route, Random random, int edits, boolean onlySameEdits) {
        String path = route.path();
        boolean samePath = true;
        for (int i = 0; i < edits; i++) {
            boolean same = onlySameEdits || random.nextBoolean();
            List<BiFunction<String, Random, String>> pool = same ? SAME : OTHER;
            path = pool.get(random.nextInt(pool.size())).apply(path, random);
            samePath &= same;
        }
        return new Spelling(route, path, samePath);
    }

    private static String percentEncodeOne(String path, Random random) {
        int i = letterIndex(path, random);
        if (i < 0) {
            return path;
        }
        String hex = HexFormat.of().formatHex(new byte[] {(byte) path.charAt(i)});
        return path.substring(0, i) + "%" + (random.nextBoolean() ? hex : hex.toUpperCase(Locale.ROOT))
                + path.substring(i + 1);
    }

    private static String doubleEncodeOne(String path, Random random) {
        int i = letterIndex(path, random);
        if (i < 0) {
            return path;
        }
        String hex = HexFormat.of().formatHex(new byte[] {(byte) path.charAt(i)});
        return path.substring(0, i) + "%25" + hex + path.substring(i + 1);
    }

    private static String changeCase(String path, Random random) {
        int i = letterIndex(path, random);
        if (i < 0) {
            return path;
        }
        char c = path.charAt(i);
        char flipped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
        return path.substring(0, i) + flipped + path.substring(i + 1);
    }

    private static String overlongLetter(String path, Random random) {
        int i = letterIndex(path, random);
        if (i < 0) {
            return path;
        }
        int c = path.charAt(i);
        // Two-byte overlong form of an ASCII letter: 110000xx 10xxxxxx.
        String overlong = String.format("%%%02X%%%02X", 0xC0 | (c >> 6), 0x80 | (c & 0x3F));
        return path.substring(0, i) + overlong + path.substring(i + 1);
    }

    private static String slashAsSomethingElse(String path, Random random) {
        int i = path.indexOf('/', 1 + random.nextInt(Math.max(1, path.length() - 1)));
        if (i < 0) {
            i = path.indexOf('/', 1);
        }
        if (i < 0) {
            return path;
        }
        return path.substring(0, i)
                + pick(random, "%2F", "%2f", "%5C", "\\", "%C0%AF", "%E0%80%AF", "%252F")
                + path.substring(i + 1);
    }

    private static String insertAtSlash(String path, Random random, String insert) {
        List<Integer> slashes = new ArrayList<>();
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                slashes.add(i);
            }
        }
        int at = slashes.get(random.nextInt(slashes.size()));
        return path.substring(0, at) + insert + path.substring(at);
    }

    /** A random letter of the path proper: not in the query, not a hex digit of an earlier edit's escape. */
    private static int letterIndex(String path, Random random) {
        for (int tries = 0; tries < 50; tries++) {
            int i = random.nextInt(path.length());
            boolean inEscape = (i >= 1 && path.charAt(i - 1) == '%') || (i >= 2 && path.charAt(i - 2) == '%');
            if (Character.isLetter(path.charAt(i)) && !inEscape && path.lastIndexOf('?', i) < 0) {
                return i;
            }
        }
        return -1;
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }

    private static RawHttp.Response send(String method, String rawPath, String body, String credential) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head =
                new StringBuilder(method).append(' ').append(rawPath).append(" HTTP/1.1\r\nHost: 127.0.0.1");
        if (credential != null) {
            head.append("\r\nAuthorization: Bearer ").append(credential);
        }
        if (body != null) {
            head.append("\r\nContent-Type: application/json\r\nContent-Length: ")
                    .append(bytes.length);
        }
        return RawHttp.exchange(server.port(), head.toString(), bytes);
    }
}
