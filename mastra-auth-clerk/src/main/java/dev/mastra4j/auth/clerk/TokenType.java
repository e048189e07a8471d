package dev.mastra4j.auth.clerk;

/**
 * The kinds of credential Clerk issues, told apart by prefix. Only session tokens are verified today; the
 * machine kinds are routed here so that opting in to them ({@code acceptsToken(...)}) is one switch arm each.
 */
enum TokenType {
    SESSION_TOKEN,
    /** {@code mt_}: machine-to-machine token. */
    M2M_TOKEN,
    /** {@code ak_}: API key. */
    API_KEY,
    /** {@code oat_}: OAuth access token. */
    OAUTH_TOKEN;

    static TokenType of(String token) {
        if (token.startsWith("mt_")) {
            return M2M_TOKEN;
        }
        if (token.startsWith("ak_")) {
            return API_KEY;
        }
        if (token.startsWith("oat_")) {
            return OAUTH_TOKEN;
        }
        return SESSION_TOKEN;
    }
}
