package dev.mastra4j.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * CORS settings. {@code Authorization} and {@code Content-Type} are always among the allowed headers, since every
 * browser client of the API sends them.
 *
 * <p>Two rules keep a hostile page from reading a signed-in user's responses (Clerk's {@code __session} cookie goes
 * with every credentialed request): {@code allowCredentials(true)} needs an explicit list of origins, so a wildcard
 * (or no list, which means any origin) with credentials is refused when the options are built; and the origin
 * {@code null} (sent by sandboxed frames, {@code data:} URLs and local files, so shared by any page that wants it) is
 * never allowed, and cannot be listed.
 *
 * @param allowedOrigins   exact origins, or {@code "*"} for any; null = any
 * @param allowedMethods   methods answered in preflight
 * @param allowedHeaders   request headers allowed in preflight
 * @param allowCredentials whether {@code Access-Control-Allow-Credentials: true} is sent; only with explicit origins
 * @param maxAge           how long a browser may cache a preflight answer; null = not sent
 */
public record CorsOptions(
        List<String> allowedOrigins,
        List<String> allowedMethods,
        List<String> allowedHeaders,
        boolean allowCredentials,
        Duration maxAge) {

    public static final List<String> ALWAYS_ALLOWED_HEADERS = List.of("Authorization", "Content-Type");
    public static final List<String> DEFAULT_METHODS = List.of("GET", "POST", "PUT", "DELETE", "OPTIONS");
    /** The origin browsers send for opaque origins; never allowed. */
    static final String NULL_ORIGIN = "null";

    /** @throws IllegalArgumentException for credentials without an explicit origin list, or a listed {@code null} */
    public CorsOptions {
        allowedOrigins = allowedOrigins == null ? List.of("*") : List.copyOf(allowedOrigins);
        for (String origin : allowedOrigins) {
            if (origin.strip().equalsIgnoreCase(NULL_ORIGIN)) {
                throw new IllegalArgumentException("CORS: the origin \"null\" cannot be allowed; sandboxed frames, "
                        + "data: URLs and local files all send it, so allowing it allows any page");
            }
        }
        if (allowCredentials && (allowedOrigins.isEmpty() || allowedOrigins.contains("*"))) {
            throw new IllegalArgumentException("CORS: allowCredentials(true) needs an explicit list of allowed "
                    + "origins (allowedOrigins(\"https://app.example\")); with \"*\" or no origins any site could "
                    + "read a signed-in user's responses");
        }
        allowedMethods =
                allowedMethods == null || allowedMethods.isEmpty() ? DEFAULT_METHODS : List.copyOf(allowedMethods);
        Set<String> headers = new LinkedHashSet<>(ALWAYS_ALLOWED_HEADERS);
        if (allowedHeaders != null) {
            headers.addAll(allowedHeaders);
        }
        allowedHeaders = List.copyOf(headers);
    }

    /** Allows the given origins with the default methods and headers. */
    public static CorsOptions allowOrigins(String... origins) {
        return new CorsOptions(List.of(origins), null, null, false, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether a request from {@code origin} may read responses; never for a missing or {@code null} origin. */
    public boolean allowsOrigin(String origin) {
        return origin != null
                && !origin.equalsIgnoreCase(NULL_ORIGIN)
                && (allowedOrigins.contains("*") || allowedOrigins.contains(origin));
    }

    public static final class Builder {
        private final List<String> origins = new ArrayList<>();
        private final List<String> methods = new ArrayList<>();
        private final List<String> headers = new ArrayList<>();
        private boolean allowCredentials;
        private Duration maxAge;

        public Builder allowedOrigins(String... origins) {
            this.origins.addAll(List.of(origins));
            return this;
        }

        public Builder allowedMethods(String... methods) {
            this.methods.addAll(List.of(methods));
            return this;
        }

        public Builder allowedHeaders(String... headers) {
            this.headers.addAll(List.of(headers));
            return this;
        }

        /** Send {@code Access-Control-Allow-Credentials: true}; needs {@link #allowedOrigins} with exact origins. */
        public Builder allowCredentials(boolean allow) {
            this.allowCredentials = allow;
            return this;
        }

        public Builder maxAge(Duration maxAge) {
            this.maxAge = maxAge;
            return this;
        }

        public CorsOptions build() {
            return new CorsOptions(origins.isEmpty() ? null : origins, methods, headers, allowCredentials, maxAge);
        }
    }
}
