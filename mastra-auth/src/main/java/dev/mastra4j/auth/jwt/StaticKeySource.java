package dev.mastra4j.auth.jwt;

/** One configured key: used for every token, whatever its {@code kid}, and never fetched. */
final class StaticKeySource extends JwtKeySource {

    private final VerificationKey key;
    private final String description;

    StaticKeySource(VerificationKey key, String description) {
        this.key = key;
        this.description = description;
    }

    @Override
    VerificationKey select(JwtHeader header) {
        return key;
    }

    @Override
    public String toString() {
        return "StaticKeySource[" + description + "]";
    }
}
