package dev.mastra4j.auth.clerk;

import dev.mastra4j.auth.jwt.JwtKeySource;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The resolved and validated settings of one {@link MastraAuthClerk}, with the startup errors users see. Each
 * error names the environment variable involved and echoes at most a key's public prefix.
 */
record ClerkSettings(
        String publishableKeyText,
        PublishableKey publishableKey,
        String secretKey,
        String jwtKey,
        URI jwksUri,
        URI apiUrl,
        String issuer,
        List<String> authorizedParties,
        String organizationId,
        String organizationSlug) {

    static final String PUBLISHABLE_KEY = "CLERK_PUBLISHABLE_KEY";
    static final String SECRET_KEY = "CLERK_SECRET_KEY";
    static final String JWKS_URI = "CLERK_JWKS_URI";
    static final String JWT_KEY = "CLERK_JWT_KEY";
    static final String AUTHORIZED_PARTIES = "CLERK_AUTHORIZED_PARTIES";
    static final String API_URL = "CLERK_API_URL";
    static final String ISSUER = "CLERK_ISSUER";
    static final String ORGANIZATION_ID = "CLERK_ORGANIZATION_ID";
    static final String ORGANIZATION_SLUG = "CLERK_ORGANIZATION_SLUG";
    static final String DEFAULT_API_URL = "https://api.clerk.com";

    static ClerkSettings resolve(ConfigLookup config, List<String> builderAuthorizedParties) {
        String pk = config.get(PUBLISHABLE_KEY);
        String sk = config.get(SECRET_KEY);
        String jwksUri = config.get(JWKS_URI);
        String jwtKey = config.get(JWT_KEY);

        List<String> missing = new ArrayList<>();
        if (pk == null) {
            missing.add(PUBLISHABLE_KEY);
        }
        if (sk == null) {
            missing.add(SECRET_KEY);
            if (jwksUri == null && jwtKey == null) {
                // The secret key is also the default key source (Backend API JWKS); name the alternatives.
                missing.add(JWKS_URI + " or " + JWT_KEY);
            }
        }
        if (!missing.isEmpty()) {
            throw new ClerkConfigurationException("Missing Clerk configuration: " + String.join(", ", missing)
                    + ". Set them in the environment, in a .env file, or with MastraAuthClerk.builder().");
        }
        boolean pkLooksSecret = pk.startsWith("sk_");
        boolean skLooksPublishable = sk.startsWith("pk_");
        if (pkLooksSecret && skLooksPublishable) {
            throw new ClerkConfigurationException(PUBLISHABLE_KEY + " and " + SECRET_KEY + " are swapped: "
                    + PUBLISHABLE_KEY + " holds a secret key (" + prefix(pk) + ") and " + SECRET_KEY
                    + " a publishable key (" + prefix(sk) + ")");
        }
        if (pkLooksSecret) {
            throw new ClerkConfigurationException(PUBLISHABLE_KEY + " holds a secret key (" + prefix(pk)
                    + "); it must be the publishable key (pk_test_... or pk_live_...). The secret key belongs in "
                    + SECRET_KEY + ".");
        }
        if (skLooksPublishable) {
            throw new ClerkConfigurationException(SECRET_KEY + " holds a publishable key (" + prefix(sk)
                    + "); it must be the secret key (sk_test_... or sk_live_...). The publishable key belongs in "
                    + PUBLISHABLE_KEY + ".");
        }
        if (!(sk.startsWith("sk_test_") || sk.startsWith("sk_live_")) || sk.length() <= "sk_test_".length()) {
            throw new ClerkConfigurationException(
                    SECRET_KEY + " must start with sk_test_ or sk_live_ followed by the key (" + prefix(sk) + ")");
        }
        PublishableKey parsed;
        try {
            parsed = PublishableKey.parse(pk);
        } catch (IllegalArgumentException e) {
            throw new ClerkConfigurationException(PUBLISHABLE_KEY + " is malformed: " + e.getMessage());
        }
        if (jwtKey != null) {
            try {
                JwtKeySource.pem(jwtKey).close();
            } catch (IllegalArgumentException e) {
                throw new ClerkConfigurationException(JWT_KEY + " is not usable: " + e.getMessage());
            }
        }
        URI jwks = jwksUri == null ? null : url(JWKS_URI, jwksUri);
        String api = config.get(API_URL);
        URI apiUrl = url(API_URL, api == null ? DEFAULT_API_URL : apiBase(api));
        String issuer = config.get(ISSUER);
        String organizationId = config.get(ORGANIZATION_ID);
        String organizationSlug = config.get(ORGANIZATION_SLUG);
        if (organizationId != null && organizationSlug != null) {
            throw new ClerkConfigurationException("Set " + ORGANIZATION_ID + " or " + ORGANIZATION_SLUG + ", not both");
        }
        List<String> parties = builderAuthorizedParties;
        if (parties == null) {
            String list = config.get(AUTHORIZED_PARTIES);
            parties = list == null
                    ? List.of()
                    : Arrays.stream(list.split(","))
                            .map(String::strip)
                            .filter(s -> !s.isEmpty())
                            .toList();
        }
        return new ClerkSettings(
                pk,
                parsed,
                sk,
                jwtKey,
                jwks,
                apiUrl,
                issuer != null ? issuer : parsed.issuer(),
                List.copyOf(parties),
                organizationId,
                organizationSlug);
    }

    /**
     * The Backend API base without trailing slashes or the version segment: Clerk's SDKs accept
     * {@code https://api.clerk.com/v1} as well as {@code https://api.clerk.com}, and every path we build
     * ({@code /v1/jwks}, the SDK's {@code /v1/...}) adds the version itself.
     */
    static String apiBase(String value) {
        String base = value.replaceAll("/+$", "");
        if (base.endsWith("/v1")) {
            base = base.substring(0, base.length() - "/v1".length()).replaceAll("/+$", "");
        }
        return base;
    }

    /** The part of a key that is safe to show: its well-known prefix, never the secret part. */
    static String prefix(String key) {
        for (String known : List.of("sk_test_", "sk_live_", "pk_test_", "pk_live_")) {
            if (key.startsWith(known)) {
                return known + "…";
            }
        }
        return "a value of " + key.length() + " characters";
    }

    private static URI url(String name, String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new ClerkConfigurationException(name + " is not a valid URL");
        }
        try {
            JwtKeySource.jwks(uri);
        } catch (IllegalArgumentException e) {
            throw new ClerkConfigurationException(name + ": " + e.getMessage());
        }
        return uri;
    }

    @Override
    public String toString() {
        return "ClerkSettings[frontendApi=" + publishableKey.frontendApi() + ", instance="
                + publishableKey.instanceType()
                + ", issuer=" + issuer + ", secretKey=" + prefix(secretKey) + ", jwtKey=" + (jwtKey != null)
                + ", jwksUri=" + jwksUri + ", apiUrl=" + apiUrl + ", authorizedParties=" + authorizedParties + "]";
    }
}
