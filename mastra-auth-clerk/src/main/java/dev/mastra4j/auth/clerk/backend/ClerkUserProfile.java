package dev.mastra4j.auth.clerk.backend;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The small user profile mastra4j exposes (for example on {@code GET /api/auth/me}): never private or unsafe
 * metadata, never other addresses.
 *
 * @param id        the Clerk user id ({@code user_…})
 * @param email     the primary email address, or {@code null}
 * @param name      first and last name joined with a space and trimmed, or {@code null} when both are empty
 * @param avatarUrl the profile image URL, or {@code null}
 * @param metadata  the public metadata (never {@code null}; unmodifiable)
 */
public record ClerkUserProfile(String id, String email, String name, String avatarUrl, Map<String, Object> metadata) {

    public ClerkUserProfile {
        Objects.requireNonNull(id, "id");
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** {@code "Ada" + "Lovelace"} → {@code "Ada Lovelace"}; blanks and nulls are skipped; nothing left → {@code null}. */
    public static String joinName(String first, String last) {
        String joined = ((first == null ? "" : first.trim()) + " " + (last == null ? "" : last.trim())).trim();
        return joined.isEmpty() ? null : joined;
    }

    /**
     * What a verified token's claims say about the user, for when the Backend API cannot be asked. Reads the usual
     * custom-claim names of Clerk session-token templates: {@code email} / {@code primary_email},
     * {@code name} or {@code first_name} + {@code last_name}, {@code image_url} / {@code picture} / {@code avatar_url},
     * {@code public_metadata} / {@code metadata}. Only {@code sub} is required.
     */
    public static ClerkUserProfile fromClaims(Map<String, ?> claims) {
        Object sub = claims.get("sub");
        if (!(sub instanceof String id) || id.isEmpty()) {
            throw new IllegalArgumentException("The claims have no subject");
        }
        String email = firstString(claims, "email", "primary_email", "primary_email_address");
        String name = firstString(claims, "name", "full_name");
        if (name == null) {
            name = joinName(
                    firstString(claims, "first_name", "given_name"), firstString(claims, "last_name", "family_name"));
        }
        String avatar = firstString(claims, "image_url", "picture", "avatar_url", "profile_image_url");
        Map<String, Object> metadata = Map.of();
        for (String key : new String[] {"public_metadata", "metadata"}) {
            if (claims.get(key) instanceof Map<?, ?> map) {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), v));
                metadata = copy;
                break;
            }
        }
        return new ClerkUserProfile(id, email, name == null || name.isBlank() ? null : name.trim(), avatar, metadata);
    }

    private static String firstString(Map<String, ?> claims, String... names) {
        for (String name : names) {
            if (claims.get(name) instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }
}
