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
 * @param allowedOrigins   exact origins, or {@code "*"} for any
 * @param allowedMethods   methods answered in preflight
 * @param allowedHeaders   request headers allowed in preflight
 * @param allowCredentials whether {@code Access-Control-Allow-Credentials: true} is sent
 * @param maxAge           how long a browser may cache a preflight answer; null = not sent
 */
public record CorsOptions(List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
                          boolean allowCredentials, Duration maxAge) {

    public static final List<String> ALWAYS_ALLOWED_HEADERS = List.of("Authorization", "Content-Type");
    public static final List<String> DEFAULT_METHODS = List.of("GET", "POST", "PUT", "DELETE", "OPTIONS");

    public CorsOptions {
        allowedOrigins = allowedOrigins == null ? List.of("*") : List.copyOf(allowedOrigins);
        allowedMethods = allowedMethods == null || allowedMethods.isEmpty() ? DEFAULT_METHODS : List.copyOf(allowedMethods);
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

    public boolean allowsOrigin(String origin) {
        return origin != null && (allowedOrigins.contains("*") || allowedOrigins.contains(origin));
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
