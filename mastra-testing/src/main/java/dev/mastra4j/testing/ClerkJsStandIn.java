package dev.mastra4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A STAND-IN for ClerkJS, the browser half of Clerk, for offline browser tests of a page's Clerk mode. It is not
 * ClerkJS: it implements only what Studio uses ({@code Clerk.load()}, {@code user}, {@code session.getToken()},
 * {@code mountSignIn}, {@code unmountSignIn}, {@code addListener}, {@code signOut}) and a bare sign-in form that asks
 * for an email address, with no password. Its tokens are real: each {@code getToken()} call mints a fresh session
 * token signed by the {@link LocalClerkIssuer} (60 s, as Clerk's), so the server verifies them as it verifies Clerk's.
 *
 * <p>It listens on its own loopback port and serves the script at Clerk's path shape,
 * {@value #SCRIPT_PATH} ({@link #scriptUrl()}, what a page's {@code CLERK_JS_URL} points at), plus the few
 * Frontend-API-like calls the script makes:
 *
 * <ul>
 *   <li>{@code POST /v1/client/sign_ins} {@code {"identifier": email}}: signs a user added with {@link #addUser} in and
 *       answers {@code {sessionId, user}}; anyone else gets 422;</li>
 *   <li>{@code POST /v1/client/sessions/<id>/tokens}: a fresh token for that session ({@code {"jwt": ...}});</li>
 *   <li>{@code DELETE /v1/client/sessions/<id>}: ends the session.</li>
 * </ul>
 *
 * Unlike {@link LocalClerkIssuer}, whose port never hands out tokens, this port mints tokens for the users a test
 * added: start it in tests only, never in a development server. The script keeps its session id in the page's
 * {@code sessionStorage} so that a reload stays signed in.
 */
public final class ClerkJsStandIn implements AutoCloseable {

    /** Where Clerk's Frontend API serves ClerkJS 5 ({@code https://<frontend API>/npm/...}). */
    public static final String SCRIPT_PATH = "/npm/@clerk/clerk-js@5/dist/clerk.browser.js";
    /** The lifetime of minted tokens, as Clerk's session tokens. */
    public static final Duration TOKEN_LIFETIME = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT_RESOURCE = "clerk-js-stand-in.js";

    private final LocalClerkIssuer issuer;
    private final LoopbackStub server;
    private final byte[] script;
    private final Map<String, String> usersByEmail = new ConcurrentHashMap<>();
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final List<String> minted = new ArrayList<>();

    private ClerkJsStandIn(LocalClerkIssuer issuer) {
        this.issuer = issuer;
        this.script = readScript();
        this.server = LoopbackStub.start().route("/", this::handle);
    }

    /** Starts the stand-in on a free loopback port, minting tokens with {@code issuer}'s key. */
    public static ClerkJsStandIn start(LocalClerkIssuer issuer) {
        return new ClerkJsStandIn(issuer);
    }

    /** Lets {@code email} sign in as {@code userId} (the tokens' {@code sub}). */
    public ClerkJsStandIn addUser(String userId, String email) {
        usersByEmail.put(email, userId);
        return this;
    }

    /** {@code http://127.0.0.1:<port>/npm/@clerk/clerk-js@5/dist/clerk.browser.js}. */
    public URI scriptUrl() {
        return URI.create(server.uri() + SCRIPT_PATH);
    }

    /** {@code http://127.0.0.1:<port>}: the origin a page's Content-Security-Policy must allow. */
    public URI origin() {
        return server.uri();
    }

    /** Every token minted so far, in order. */
    public List<String> mintedTokens() {
        synchronized (minted) {
            return List.copyOf(minted);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (method.equals("OPTIONS")) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, POST, DELETE");
                exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type");
                exchange.sendResponseHeaders(204, -1);
            } else if (method.equals("GET") && path.equals(SCRIPT_PATH)) {
                exchange.getResponseHeaders().set("Content-Type", "text/javascript; charset=utf-8");
                exchange.sendResponseHeaders(200, script.length);
                exchange.getResponseBody().write(script);
            } else if (method.equals("POST") && path.equals("/v1/client/sign_ins")) {
                signIn(exchange);
            } else if (path.startsWith("/v1/client/sessions/")) {
                session(exchange, method, path.substring("/v1/client/sessions/".length()));
            } else {
                LoopbackStub.sendJson(exchange, 404, "{\"error\":\"Not found\"}");
            }
        }
    }

    private void signIn(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String email = body == null ? "" : body.path("identifier").asText("").strip();
        String userId = usersByEmail.get(email);
        if (userId == null) {
            LoopbackStub.sendJson(exchange, 422, "{\"error\":\"Couldn't find your account.\"}");
            return;
        }
        String sessionId = LocalClerkIssuer.randomId("sess_", 27);
        sessions.put(sessionId, userId);
        ObjectNode answer = JSON.createObjectNode().put("sessionId", sessionId);
        answer.putObject("user").put("id", userId).put("email", email);
        LoopbackStub.sendJson(exchange, 200, JSON.writeValueAsString(answer));
    }

    private void session(HttpExchange exchange, String method, String rest) throws IOException {
        boolean tokens = rest.endsWith("/tokens");
        String sessionId = tokens ? rest.substring(0, rest.length() - "/tokens".length()) : rest;
        String userId = sessions.get(sessionId);
        if (userId == null) {
            LoopbackStub.sendJson(exchange, 401, "{\"error\":\"Signed out\"}");
        } else if (method.equals("DELETE") && !tokens) {
            sessions.remove(sessionId);
            LoopbackStub.sendJson(exchange, 200, "{}");
        } else if (method.equals("POST") && tokens) {
            String jwt = issuer.tokenBuilder()
                    .subject(userId)
                    .sessionId(sessionId)
                    .expiresIn(TOKEN_LIFETIME)
                    // Unique per call: two tokens minted within one second would otherwise be equal.
                    .claim("jti", LocalClerkIssuer.randomId("jti_", 20))
                    .build();
            synchronized (minted) {
                minted.add(jwt);
            }
            LoopbackStub.sendJson(
                    exchange,
                    200,
                    JSON.writeValueAsString(JSON.createObjectNode().put("jwt", jwt)));
        } else {
            LoopbackStub.sendJson(exchange, 405, "{\"error\":\"Method not allowed\"}");
        }
    }

    private static byte[] readScript() {
        try (InputStream in = ClerkJsStandIn.class.getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + SCRIPT_RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
