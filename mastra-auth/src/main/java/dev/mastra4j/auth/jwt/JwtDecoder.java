package dev.mastra4j.auth.jwt;

import com.nimbusds.jose.util.Base64URL;
import dev.mastra4j.auth.AuthenticationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Strict compact-JWS decoding: exactly three parts, canonical unpadded base64url, header and payload JSON objects
 * without duplicate keys, a bounded length. Canonical base64url matters: a decoder that ignores the unused low
 * bits of the last character accepts several spellings of one signature, so a mutated token would still verify.
 */
final class JwtDecoder {

    /** Clerk's limit; session tokens are well under 2 KiB. */
    static final int DEFAULT_MAX_LENGTH = 8 * 1024;

    private static final boolean[] ALPHABET = new boolean[128];
    private static final int[] VALUES = new int[128];

    static {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < chars.length(); i++) {
            ALPHABET[chars.charAt(i)] = true;
            VALUES[chars.charAt(i)] = i;
        }
    }

    private JwtDecoder() {
    }

    static DecodedJwt decode(String token, int maxLength) {
        if (token == null || token.isEmpty()) {
            throw invalid("Token is empty");
        }
        if (token.length() > maxLength) {
            throw invalid("Token is longer than " + maxLength + " characters");
        }
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
            throw invalid("Token must have exactly three dot-separated parts");
        }
        if (firstDot == 0 || secondDot == firstDot + 1) {
            throw invalid("Token header and payload must not be empty");
        }
        // The signature may be empty here: an unsigned ("alg": "none") token is refused later, by its algorithm.
        if (!isCanonicalBase64Url(token, 0, firstDot)
                || !isCanonicalBase64Url(token, firstDot + 1, secondDot)
                || !isCanonicalBase64Url(token, secondDot + 1, token.length())) {
            throw invalid("Token parts must be unpadded base64url");
        }
        Base64.Decoder decoder = Base64.getUrlDecoder();
        JwtHeader header;
        JwtClaims claims;
        try {
            header = new JwtHeader(StrictJson.parseObject(decoder.decode(token.substring(0, firstDot))));
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("Token header is not a JSON object without duplicate keys");
        }
        try {
            claims = new JwtClaims(StrictJson.parseObject(decoder.decode(token.substring(firstDot + 1, secondDot))));
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("Token payload is not a JSON object without duplicate keys");
        }
        if (header.hasParameter("crit")) {
            // No header extension is understood here, so RFC 7515 requires refusing any that is marked critical.
            throw invalid("Token header marks extensions as critical");
        }
        byte[] signingInput = token.substring(0, secondDot).getBytes(StandardCharsets.US_ASCII);
        return new DecodedJwt(header, claims, signingInput, new Base64URL(token.substring(secondDot + 1)));
    }

    /** Unpadded base64url whose unused trailing bits are zero, so each byte string has exactly one spelling. */
    static boolean isCanonicalBase64Url(String s, int from, int to) {
        int length = to - from;
        if (length % 4 == 1) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 128 || !ALPHABET[c]) {
                return false;
            }
        }
        if (length == 0) {
            return true;
        }
        int last = VALUES[s.charAt(to - 1)];
        return switch (length % 4) {
            case 2 -> (last & 0x0F) == 0;
            case 3 -> (last & 0x03) == 0;
            default -> true;
        };
    }

    private static AuthenticationException invalid(String message) {
        return new AuthenticationException(Reasons.TOKEN_INVALID, message);
    }
}
