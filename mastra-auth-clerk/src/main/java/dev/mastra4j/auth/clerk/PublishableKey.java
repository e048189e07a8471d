package dev.mastra4j.auth.clerk;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A Clerk publishable key, {@code pk_test_} or {@code pk_live_} followed by base64 of {@code <frontend-api-host>$}.
 * The Frontend API host gives the issuer every session token must carry: {@code https://<host>}.
 */
public record PublishableKey(String frontendApi, InstanceType instanceType) {

    public enum InstanceType {
        DEVELOPMENT,
        PRODUCTION
    }

    public PublishableKey {
        Objects.requireNonNull(frontendApi, "frontendApi");
        Objects.requireNonNull(instanceType, "instanceType");
    }

    /**
     * Parses a publishable key.
     *
     * @throws IllegalArgumentException saying what is wrong (the message never repeats the key)
     */
    public static PublishableKey parse(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("it is empty");
        }
        String[] parts = key.split("_", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("it must be pk_test_<base64> or pk_live_<base64>, found " + parts.length
                    + " parts separated by '_'");
        }
        if (!parts[0].equals("pk") || !(parts[1].equals("test") || parts[1].equals("live"))) {
            throw new IllegalArgumentException("it must start with pk_test_ or pk_live_");
        }
        String encoded = parts[2];
        byte[] decoded;
        try {
            // Clerk encodes with btoa (standard alphabet); the padding is optional.
            decoded = Base64.getDecoder().decode(encoded + "=".repeat((4 - encoded.length() % 4) % 4));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the part after pk_" + parts[1] + "_ is not base64");
        }
        String text = new String(decoded, StandardCharsets.UTF_8);
        if (!text.endsWith("$")) {
            throw new IllegalArgumentException("the decoded key does not end with '$'");
        }
        String host = text.substring(0, text.length() - 1);
        if (host.indexOf('$') >= 0) {
            throw new IllegalArgumentException("the decoded key contains more than one '$'");
        }
        if (!host.contains(".")) {
            throw new IllegalArgumentException("the Frontend API host in the key has no '.'");
        }
        if (!host.matches("[A-Za-z0-9.-]+(:[0-9]+)?")) {
            throw new IllegalArgumentException(
                    "the Frontend API host in the key contains characters a host cannot have");
        }
        return new PublishableKey(host, parts[1].equals("live") ? InstanceType.PRODUCTION : InstanceType.DEVELOPMENT);
    }

    /** {@code https://<frontendApi>}: the expected {@code iss} of session tokens. */
    public String issuer() {
        return "https://" + frontendApi;
    }
}
