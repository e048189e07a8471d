package dev.mastra4j.auth.clerk;

import dev.mastra4j.auth.AuthRequest;
import dev.mastra4j.auth.ResolvedToken;
import dev.mastra4j.auth.TokenResolver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Clerk's credential locations: {@code Authorization: Bearer} wins whenever the header is present; otherwise the
 * session cookie. Clerk may suffix the cookie name ({@code __session_<8 chars>}, derived from the publishable key)
 * so that several Clerk apps can share a domain: this instance's suffix is preferred, then the plain name, then
 * any other suffixed one.
 */
final class ClerkTokenResolver implements TokenResolver {

    static final String SESSION_COOKIE = "__session";
    private static final int SUFFIX_LENGTH = 8;

    private final String ownCookie;

    ClerkTokenResolver(String publishableKey) {
        this.ownCookie = SESSION_COOKIE + "_" + cookieSuffix(publishableKey);
    }

    @Override
    public Optional<ResolvedToken> resolve(AuthRequest request) {
        Optional<ResolvedToken> bearer = TokenResolver.bearer().resolve(request);
        if (bearer.isPresent()) {
            return bearer;
        }
        Map<String, String> cookies = request.cookies();
        String value = nonEmpty(cookies.get(ownCookie));
        if (value == null) {
            value = nonEmpty(cookies.get(SESSION_COOKIE));
        }
        if (value == null) {
            // Sorted, so the choice among foreign suffixes does not depend on header order.
            for (Map.Entry<String, String> cookie : new TreeMap<>(cookies).entrySet()) {
                if (isSuffixedSessionCookie(cookie.getKey()) && nonEmpty(cookie.getValue()) != null) {
                    value = cookie.getValue();
                    break;
                }
            }
        }
        return value == null ? Optional.empty() : Optional.of(new ResolvedToken(value, ResolvedToken.Source.COOKIE));
    }

    private static boolean isSuffixedSessionCookie(String name) {
        if (name.length() != SESSION_COOKIE.length() + 1 + SUFFIX_LENGTH || !name.startsWith(SESSION_COOKIE + "_")) {
            return false;
        }
        for (int i = SESSION_COOKIE.length() + 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static String nonEmpty(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Clerk's suffix: the first 8 characters of url-safe base64 of SHA-1(publishable key). */
    static String cookieSuffix(String publishableKey) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(publishableKey.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().encodeToString(sha1).substring(0, SUFFIX_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
