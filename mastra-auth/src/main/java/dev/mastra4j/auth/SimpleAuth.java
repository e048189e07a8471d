package dev.mastra4j.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * Static tokens mapped to users, like Mastra's {@code SimpleAuth}: for development, internal tools and tests.
 *
 * <p>Only SHA-256 hashes of the tokens are kept. A presented token is hashed and compared with every entry using
 * {@link MessageDigest#isEqual} without stopping at a match, so the time taken says nothing about which
 * token, or how much of one, was right.
 *
 * @param <U> the user type
 */
public final class SimpleAuth<U> implements MastraAuthProvider<U> {

    private final byte[][] tokenHashes;
    private final List<U> users;
    private final BiPredicate<? super U, AuthRequest> authorizeUser;
    private final AuthProviderOptions<U> options;

    private SimpleAuth(Builder<U> builder) {
        if (builder.tokens.isEmpty()) {
            throw new IllegalArgumentException("SimpleAuth needs at least one token");
        }
        this.tokenHashes = new byte[builder.tokens.size()][];
        List<U> userList = new ArrayList<>(builder.tokens.size());
        int i = 0;
        for (Map.Entry<String, U> entry : builder.tokens.entrySet()) {
            tokenHashes[i++] = sha256(entry.getKey());
            userList.add(entry.getValue());
        }
        this.users = List.copyOf(userList);
        this.authorizeUser = builder.authorizeUser;
        this.options = builder.options();
    }

    /** Accepts exactly these tokens, each standing for its user. */
    public static <U> SimpleAuth<U> of(Map<String, ? extends U> tokens) {
        return SimpleAuth.<U>builder().tokens(tokens).build();
    }

    public static <U> Builder<U> builder() {
        return new Builder<>();
    }

    @Override
    public U authenticateToken(String token, AuthRequest request) {
        if (token == null || token.isEmpty()) {
            throw new AuthenticationException(AuthReason.TOKEN_INVALID, "Invalid token");
        }
        byte[] presented = sha256(token);
        int found = -1;
        for (int i = 0; i < tokenHashes.length; i++) {
            // No early exit: every entry is compared, whatever matched before.
            if (MessageDigest.isEqual(tokenHashes[i], presented)) {
                found = i;
            }
        }
        if (found < 0) {
            throw new AuthenticationException(AuthReason.TOKEN_INVALID, "Invalid token");
        }
        return users.get(found);
    }

    @Override
    public boolean authorizeUser(U user, AuthRequest request) {
        return authorizeUser == null || authorizeUser.test(user, request);
    }

    @Override
    public AuthProviderOptions<U> options() {
        return options;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "SimpleAuth[" + tokenHashes.length + " tokens]";
    }

    /** Options for {@link SimpleAuth}. */
    public static final class Builder<U> extends AuthProviderOptions.Builder<U, Builder<U>> {
        private final Map<String, U> tokens = new LinkedHashMap<>();
        private BiPredicate<? super U, AuthRequest> authorizeUser;

        private Builder() {}

        public Builder<U> token(String token, U user) {
            if (token == null || token.isEmpty()) {
                throw new IllegalArgumentException("A token must not be empty");
            }
            tokens.put(token, Objects.requireNonNull(user, "user"));
            return this;
        }

        public Builder<U> tokens(Map<String, ? extends U> tokens) {
            tokens.forEach(this::token);
            return this;
        }

        /** Replaces the default (every authenticated user is authorized). */
        public Builder<U> authorizeUser(BiPredicate<? super U, AuthRequest> authorizeUser) {
            this.authorizeUser = Objects.requireNonNull(authorizeUser, "authorizeUser");
            return this;
        }

        /** Where tokens are read from; by default {@code Authorization: Bearer} only. */
        @Override
        public Builder<U> tokenResolver(TokenResolver tokenResolver) {
            return super.tokenResolver(tokenResolver);
        }

        public SimpleAuth<U> build() {
            return new SimpleAuth<>(this);
        }
    }
}
