package dev.mastra4j.auth.jwt;

import dev.mastra4j.auth.AuthReason;
import dev.mastra4j.auth.AuthenticationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Strict compact-JWS decoding: exactly three parts, canonical unpadded base64url, header and payload JSON objects
 * without duplicate keys, a bounded length. Canonical base64url matters: a decoder that ignores the unused low
 * bits of the last character accepts several spellings of one signature, so a mutated token would still verify.
 */
final class JwtDecoder {

    /** Clerk's limit; session tokens are well under 2 KiB. */
    static final int DEFAULT_MAX_LENGTH = 8 * 1024;

    private static final String NOT_BASE64URL = "Token parts must be unpadded base64url";
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();
    /** Each ASCII character's base64url value, or -1 outside the alphabet. */
    private static final int[] VALUES = new int[128];

    static {
        Arrays.fill(VALUES, -1);
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < chars.length(); i++) {
            VALUES[chars.charAt(i)] = i;
        }
    }

    private JwtDecoder() {}

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
        if (token.indexOf('=') >= 0
                || !hasCanonicalEnd(token, 0, firstDot)
                || !hasCanonicalEnd(token, firstDot + 1, secondDot)
                || !hasCanonicalEnd(token, secondDot + 1, token.length())) {
            throw invalid(NOT_BASE64URL);
        }
        // One byte per character, or a character outside Latin-1 became '?' (a surrogate pair one '?' for two):
        // either way nothing outside the alphabet survives into a part, and every index still matches.
        byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
        if (ascii.length != token.length()) {
            throw invalid(NOT_BASE64URL);
        }
        byte[] headerJson;
        byte[] payloadJson;
        byte[] signature;
        try {
            headerJson = decodePart(ascii, 0, firstDot);
            payloadJson = decodePart(ascii, firstDot + 1, secondDot);
            signature = decodePart(ascii, secondDot + 1, ascii.length);
        } catch (IllegalArgumentException e) {
            throw invalid(NOT_BASE64URL);
        }
        JwtHeader header;
        try {
            header = new JwtHeader(StrictJson.parseObject(headerJson));
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("Token header is not a JSON object without duplicate keys");
        }
        JwtClaims claims;
        try {
            claims = new JwtClaims(StrictJson.parseObject(payloadJson));
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("Token payload is not a JSON object without duplicate keys");
        }
        if (header.hasParameter("crit")) {
            // No header extension is understood here, so RFC 7515 requires refusing any that is marked critical.
            throw invalid("Token header marks extensions as critical");
        }
        return new DecodedJwt(header, claims, Arrays.copyOf(ascii, secondDot), signature);
    }

    /** The JDK decoder refuses every character outside the base64url alphabet, '+', '/' and '?' included. */
    private static byte[] decodePart(byte[] ascii, int from, int to) {
        ByteBuffer decoded = BASE64URL.decode(ByteBuffer.wrap(ascii, from, to - from));
        byte[] bytes = decoded.array();
        return decoded.remaining() == bytes.length ? bytes : Arrays.copyOf(bytes, decoded.remaining());
    }

    /**
     * What {@link Base64#getUrlDecoder()} leaves unchecked in one part, beyond the absence of {@code '='}: a length
     * that is not 1 modulo 4, and zero unused low bits in the last character (the decoder drops them, so "AB" and
     * "AA" would both decode to one zero byte). With the decoder's own alphabet check, each byte string then has
     * exactly one accepted spelling, and a mutated signature cannot verify.
     */
    static boolean hasCanonicalEnd(String s, int from, int to) {
        int length = to - from;
        if (length % 4 == 1) {
            return false;
        }
        if (length == 0) {
            return true;
        }
        char c = s.charAt(to - 1);
        int last = c < 128 ? VALUES[c] : -1;
        return switch (length % 4) {
            case 2 -> last >= 0 && (last & 0x0F) == 0;
            case 3 -> last >= 0 && (last & 0x03) == 0;
            default -> last >= 0;
        };
    }

    private static AuthenticationException invalid(String message) {
        return new AuthenticationException(AuthReason.TOKEN_INVALID, message);
    }
}
