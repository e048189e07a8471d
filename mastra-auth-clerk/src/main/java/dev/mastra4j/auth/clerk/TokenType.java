package dev.mastra4j.auth.clerk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of credential a Clerk-protected server can accept, named as Clerk's {@code acceptsToken} option names
 * them ({@link #wireName()}). {@link MastraAuthClerk} accepts session tokens only unless told otherwise.
 */
public enum TokenType {
    /** A Frontend API session JWT (the default and the only type accepted unless configured otherwise). */
    SESSION_TOKEN("session_token", null),
    /** A machine-to-machine token: opaque {@code mt_…}, or a JWT whose {@code sub} is a machine ({@code mch_…}). */
    M2M_TOKEN("m2m_token", "mt_"),
    /** An API key secret, {@code ak_…}. */
    API_KEY("api_key", "ak_"),
    /** An OAuth access token: opaque {@code oat_…}, or a JWT with header {@code typ: at+jwt}. */
    OAUTH_TOKEN("oauth_token", "oat_");

    /** Clerk's JWT header {@code cat} value for M2M tokens. */
    static final String M2M_JWT_CATEGORY = "cl_B7d4PD333AAA";
    /** Clerk's JWT header {@code cat} value for session tokens (handshake tokens carry it too). */
    static final String SESSION_JWT_CATEGORY = "cl_B7d4PD111AAA";
    /**
     * The {@code cat} value that instances with category checks turned off put on every token; it says nothing about
     * the token's kind, so Clerk's SDKs accept it where a session token is expected, and so do we.
     */
    static final String IGNORED_JWT_CATEGORY = "cl_I7d4PD111III";

    private static final int MAX_PEEK_LENGTH = 8 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String wireName;
    private final String prefix;

    TokenType(String wireName, String prefix) {
        this.wireName = wireName;
        this.prefix = prefix;
    }

    /** {@code session_token}, {@code m2m_token}, {@code api_key} or {@code oauth_token}. */
    public String wireName() {
        return wireName;
    }

    /** The prefix of the opaque form ({@code mt_}, {@code ak_}, {@code oat_}); empty for session tokens. */
    public Optional<String> opaquePrefix() {
        return Optional.ofNullable(prefix);
    }

    /** Parses a {@link #wireName()} (case-insensitive, surrounding blanks ignored). */
    public static Optional<TokenType> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (TokenType type : values()) {
            if (type.wireName.equals(wanted)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /**
     * What kind of credential {@code token} claims to be — not whether it is valid. Opaque tokens are told apart by
     * prefix. A JWT is an M2M token when its header {@code cat} is Clerk's M2M category or its {@code sub} starts
     * with {@code mch_}, an OAuth token when its {@code typ} is {@code at+jwt}, and a session token otherwise
     * (anything unreadable included: the session verifier rejects it with the right reason).
     */
    public static TokenType of(String token) {
        TokenType byPrefix = byPrefix(token);
        return byPrefix != SESSION_TOKEN || token == null ? byPrefix : ofJwt(token);
    }

    /** The opaque machine type {@code token}'s prefix names, else {@link #SESSION_TOKEN}; never decodes anything. */
    static TokenType byPrefix(String token) {
        if (token != null) {
            for (TokenType type : values()) {
                if (type.prefix != null && token.startsWith(type.prefix)) {
                    return type;
                }
            }
        }
        return SESSION_TOKEN;
    }

    /** True when {@code token} is in the opaque form of this type (so only the Backend API can verify it). */
    public boolean isOpaque(String token) {
        return prefix != null && token.startsWith(prefix);
    }

    private static TokenType ofJwt(String token) {
        if (token.length() > MAX_PEEK_LENGTH) {
            return SESSION_TOKEN;
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
            return SESSION_TOKEN;
        }
        JsonNode header = decode(token.substring(0, first));
        if (header != null) {
            JsonNode typ = header.get("typ");
            if (typ != null && typ.isTextual()) {
                String value = typ.asText().toLowerCase(Locale.ROOT);
                if (value.equals("at+jwt") || value.equals("application/at+jwt")) {
                    return OAUTH_TOKEN;
                }
            }
            JsonNode cat = header.get("cat");
            if (cat != null && M2M_JWT_CATEGORY.equals(cat.asText(null))) {
                return M2M_TOKEN;
            }
        }
        JsonNode payload = decode(token.substring(first + 1, second));
        if (payload != null) {
            JsonNode sub = payload.get("sub");
            if (sub != null && sub.isTextual() && sub.asText().startsWith("mch_")) {
                return M2M_TOKEN;
            }
        }
        return SESSION_TOKEN;
    }

    private static JsonNode decode(String part) {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(part));
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            // Unreadable: not ours to judge here; the verifier will reject it.
            return null;
        }
    }
}
