package dev.mastra4j.benchmarks.robustness;

import java.util.List;
import java.util.Optional;

/**
 * What a request of the mixed load carries in its {@code Authorization} header: the valid token, or one of the ways a
 * token can be bad. Every bad one must get 401, the good one never.
 *
 * @param kind   label in the report, {@code good} or the defect
 * @param header the header value, empty for no header at all
 */
record Credential(String kind, Optional<String> header) {

    boolean good() {
        return kind.equals("good");
    }

    /** The good token and its bad variants, all derived from one valid token (no key material needed). */
    static List<Credential> from(String token) {
        int signature = token.lastIndexOf('.') + 1;
        int payload = token.indexOf('.') + 1;
        return List.of(
                new Credential("good", Optional.of("Bearer " + token)),
                new Credential("bad-signature", Optional.of("Bearer " + flip(token, signature + 10))),
                new Credential("bad-payload", Optional.of("Bearer " + flip(token, payload + 10))),
                new Credential("truncated", Optional.of("Bearer " + token.substring(0, token.length() - 7))),
                new Credential("garbage", Optional.of("Bearer not-a-token-at-all")),
                new Credential("other-scheme", Optional.of("Basic dXNlcjpwYXNzd29yZA==")),
                new Credential("missing", Optional.empty()));
    }

    /** The token with one base64url character changed to another one. */
    private static String flip(String token, int index) {
        char c = token.charAt(index);
        char replacement = c == 'A' ? 'B' : 'A';
        return token.substring(0, index) + replacement + token.substring(index + 1);
    }
}
