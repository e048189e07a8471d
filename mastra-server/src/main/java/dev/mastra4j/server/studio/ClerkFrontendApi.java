package dev.mastra4j.server.studio;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The Frontend API of a Clerk instance, derived from its publishable key as Clerk's SDKs derive it
 * ({@code parsePublishableKey}): the part after {@code pk_test_} or {@code pk_live_} is base64 of
 * {@code <frontend API host>$}. ClerkJS is loaded from
 * {@code https://<host>/npm/@clerk/clerk-js@5/dist/clerk.browser.js}.
 *
 * @param host the Frontend API host, for example {@code clerk.example.com} or {@code foo-bar-1.clerk.accounts.dev}
 */
record ClerkFrontendApi(String host) {

    /** The ClerkJS major version the page is written against. */
    static final String CLERK_JS_MAJOR = "5";

    /**
     * @throws IllegalArgumentException for a key that is not a Clerk publishable key
     */
    static ClerkFrontendApi fromPublishableKey(String publishableKey) {
        String encoded;
        if (publishableKey.startsWith("pk_test_")) {
            encoded = publishableKey.substring("pk_test_".length());
        } else if (publishableKey.startsWith("pk_live_")) {
            encoded = publishableKey.substring("pk_live_".length());
        } else {
            throw new IllegalArgumentException("A Clerk publishable key starts with pk_test_ or pk_live_");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The Clerk publishable key is not valid base64", e);
        }
        if (!decoded.endsWith("$") || decoded.length() < 2) {
            throw new IllegalArgumentException("The Clerk publishable key does not encode a Frontend API host");
        }
        String host = decoded.substring(0, decoded.length() - 1);
        if (!host.matches("[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
            throw new IllegalArgumentException("The Clerk publishable key encodes an invalid host");
        }
        return new ClerkFrontendApi(host);
    }

    /** {@code https://<host>}. */
    String origin() {
        return "https://" + host;
    }

    /** Where Clerk serves ClerkJS for this instance. */
    String clerkJsUrl() {
        return origin() + "/npm/@clerk/clerk-js@" + CLERK_JS_MAJOR + "/dist/clerk.browser.js";
    }

    /** The origin ({@code scheme://host[:port]}) of an absolute http(s) URL. */
    static String originOf(String url) {
        URI uri = URI.create(url);
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("Not an absolute URL: " + url);
        }
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
