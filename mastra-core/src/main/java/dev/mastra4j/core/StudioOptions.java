package dev.mastra4j.core;

/**
 * Studio, the chat playground the server serves at {@code GET /} when {@link ServerOptions.Builder#studio(boolean)}
 * is on (Mastra's {@code localhost:4111} page). How the page signs its user in follows from these options and the
 * server's auth:
 *
 * <ul>
 *   <li>a Clerk publishable key: Clerk mode. The page loads ClerkJS from the instance's Frontend API (derived from
 *       the key as Clerk's SDKs derive it; {@code clerkJsUrl} replaces the script's address), shows Clerk's sign-in
 *       and asks ClerkJS for a fresh session token before each API call;</li>
 *   <li>no key and an auth provider: token mode. The page takes a token from its address's fragment
 *       ({@code #dev-token=...}, as the weather example's startup link carries it) or from a form, and keeps it in
 *       {@code sessionStorage} only;</li>
 *   <li>no auth provider: the page calls the API without credentials.</li>
 * </ul>
 *
 * @param clerkPublishableKey {@code pk_test_...} or {@code pk_live_...}; null = not Clerk mode. Public by design: the
 *                            page is told it
 * @param clerkJsUrl          the ClerkJS script's address instead of the Frontend API's (Clerk's {@code CLERK_JS_URL});
 *                            null = derived from the key
 */
public record StudioOptions(String clerkPublishableKey, String clerkJsUrl) {

    /** Studio with the sign-in the server's auth implies (token mode with a provider, none without). */
    public static final StudioOptions DEFAULT = new StudioOptions(null, null);

    public StudioOptions {
        clerkPublishableKey = blankToNull(clerkPublishableKey);
        clerkJsUrl = blankToNull(clerkJsUrl);
        if (clerkPublishableKey != null
                && !(clerkPublishableKey.startsWith("pk_test_") || clerkPublishableKey.startsWith("pk_live_"))) {
            throw new IllegalArgumentException("A Clerk publishable key starts with pk_test_ or pk_live_");
        }
        if (clerkJsUrl != null && !(clerkJsUrl.startsWith("https://") || clerkJsUrl.startsWith("http://"))) {
            throw new IllegalArgumentException("CLERK_JS_URL must be an http(s) URL");
        }
    }

    /** Clerk mode for the instance of {@code publishableKey}; {@code clerkJsUrl} may be null. */
    public static StudioOptions clerk(String publishableKey, String clerkJsUrl) {
        if (blankToNull(publishableKey) == null) {
            throw new IllegalArgumentException("Clerk mode needs a publishable key");
        }
        return new StudioOptions(publishableKey, clerkJsUrl);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
