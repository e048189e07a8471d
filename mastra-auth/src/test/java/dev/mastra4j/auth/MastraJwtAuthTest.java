package dev.mastra4j.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mastra4j.auth.jwt.MastraJwtAuth;
import dev.mastra4j.testing.LoopbackStub;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MastraJwtAuthTest {

    private static final String SECRET = "a-shared-secret-of-at-least-32-bytes!";
    private static final AuthRequest REQUEST = TestRequest.of("GET", "/api/agents");

    private static JWTClaimsSet.Builder claims() {
        long now = System.currentTimeMillis();
        return new JWTClaimsSet.Builder()
                .subject("user_1")
                .issueTime(new Date(now))
                .expirationTime(new Date(now + 60_000));
    }

    private static String hmac(JWSAlgorithm alg, String secret, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static String rsa(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void verifiesHmacTokensWithTheBuilderSecret() throws Exception {
        String longSecret = SECRET + SECRET;
        try (MastraJwtAuth auth =
                MastraJwtAuth.builder().secret(longSecret).env(Map.of()).build()) {
            JwtUser user = auth.authenticateToken(
                    hmac(
                            JWSAlgorithm.HS256,
                            longSecret,
                            claims().claim("role", "admin").build()),
                    REQUEST);
            assertThat(user.subject()).isEqualTo("user_1");
            assertThat(user.claim("role")).contains("admin");
            assertThat(auth.authorizeUser(user, REQUEST)).isTrue();
            assertThat(auth.mapUserToResourceId(user)).isNull();
            assertThat(auth.authenticateToken(hmac(JWSAlgorithm.HS512, longSecret, claims().build()), REQUEST)
                            .subject())
                    .isEqualTo("user_1");
            String otherSecret = hmac(JWSAlgorithm.HS256, SECRET.toUpperCase(), claims().build());
            assertThatThrownBy(() -> auth.authenticateToken(otherSecret, REQUEST))
                    .isInstanceOfSatisfying(
                            AuthenticationException.class,
                            e -> assertThat(e.reason()).isEqualTo("token-invalid-signature"));
        }
    }

    @Test
    void readsTheSecretFromTheEnvironmentWhenTheBuilderHasNone() throws Exception {
        try (MastraJwtAuth auth =
                MastraJwtAuth.builder().env(Map.of("JWT_AUTH_SECRET", SECRET)).build()) {
            assertThat(auth.authenticateToken(hmac(JWSAlgorithm.HS256, SECRET, claims().build()), REQUEST)
                            .subject())
                    .isEqualTo("user_1");
        }
        String builderSecret = "the-builder-secret-wins-over-the-env!";
        try (MastraJwtAuth auth = MastraJwtAuth.builder()
                .secret(builderSecret)
                .env(Map.of("JWT_AUTH_SECRET", SECRET))
                .build()) {
            assertThat(auth.authenticateToken(hmac(JWSAlgorithm.HS256, builderSecret, claims().build()), REQUEST)
                            .subject())
                    .isEqualTo("user_1");
            String envSigned = hmac(JWSAlgorithm.HS256, SECRET, claims().build());
            assertThatThrownBy(() -> auth.authenticateToken(envSigned, REQUEST))
                    .isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void refusesTokensWithoutExpiryAndExpiredOnes() throws Exception {
        try (MastraJwtAuth auth = MastraJwtAuth.builder().secret(SECRET).build()) {
            String noExp = hmac(
                    JWSAlgorithm.HS256,
                    SECRET,
                    new JWTClaimsSet.Builder().subject("u").build());
            assertThatThrownBy(() -> auth.authenticateToken(noExp, REQUEST))
                    .isInstanceOfSatisfying(
                            AuthenticationException.class,
                            e -> assertThat(e.reason()).isEqualTo("token-verification-failed"));
            String expired = hmac(
                    JWSAlgorithm.HS256,
                    SECRET,
                    claims().expirationTime(new Date(System.currentTimeMillis() - 60_000))
                            .build());
            assertThatThrownBy(() -> auth.authenticateToken(expired, REQUEST))
                    .isInstanceOfSatisfying(
                            AuthenticationException.class,
                            e -> assertThat(e.reason()).isEqualTo("token-expired"));
        }
    }

    @Test
    void anRsaTokenIsNotAcceptedByAnHmacProvider() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
        try (MastraJwtAuth auth = MastraJwtAuth.builder().secret(SECRET).build()) {
            String token = rsa(key, claims().build());
            assertThatThrownBy(() -> auth.authenticateToken(token, REQUEST))
                    .isInstanceOfSatisfying(
                            AuthenticationException.class,
                            e -> assertThat(e.reason()).isEqualTo("token-invalid-algorithm"));
        }
    }

    @Test
    void startupErrorsSayWhatIsMissingWithoutEchoingSecrets() {
        assertThatThrownBy(() -> MastraJwtAuth.builder().env(Map.of()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JWT_AUTH_SECRET");
        assertThatThrownBy(
                        () -> MastraJwtAuth.builder().secret("too-short-secret").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining("too-short-secret");
        assertThatThrownBy(() -> MastraJwtAuth.builder()
                        .env(Map.of("JWT_AUTH_SECRET", "short"))
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("short\"");
        assertThatThrownBy(() -> MastraJwtAuth.builder()
                        .jwksUri(URI.create("https://idp.example/jwks"))
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("issuer");
        assertThatThrownBy(() -> MastraJwtAuth.builder()
                        .secret(SECRET)
                        .jwksUri(URI.create("https://idp.example/jwks"))
                        .issuer("https://idp.example")
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> MastraJwtAuth.builder()
                        .jwksUri(URI.create("http://idp.example/jwks"))
                        .issuer("https://idp.example")
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("https");
    }

    @Test
    void verifiesJwksTokensWithIssuerAndAudience() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        String body = new JWKSet(key.toPublicJWK()).toString();
        try (LoopbackStub server =
                        LoopbackStub.start().route("/jwks", exchange -> LoopbackStub.sendJson(exchange, 200, body));
                MastraJwtAuth auth = MastraJwtAuth.builder()
                        .jwksUri(server.uri().resolve("/jwks"))
                        .issuer("https://idp.example")
                        .audience("api")
                        .mapUserToResourceId(JwtUser::subject)
                        .build()) {
            JwtUser user = auth.authenticateToken(
                    rsa(
                            key,
                            claims().issuer("https://idp.example")
                                    .audience("api")
                                    .build()),
                    REQUEST);
            assertThat(auth.mapUserToResourceId(user)).isEqualTo("user_1");
            assertThat(auth.authenticateToken(
                                    rsa(
                                            key,
                                            claims().issuer("https://idp.example")
                                                    .build()),
                                    REQUEST)
                            .subject())
                    .isEqualTo("user_1");
            String otherAudience = rsa(
                    key,
                    claims().issuer("https://idp.example").audience("other").build());
            assertThatThrownBy(() -> auth.authenticateToken(otherAudience, REQUEST))
                    .isInstanceOfSatisfying(
                            AuthenticationException.class,
                            e -> assertThat(e.reason()).isEqualTo("token-verification-failed"));
            String otherIssuer =
                    rsa(key, claims().issuer("https://evil.example").build());
            assertThatThrownBy(() -> auth.authenticateToken(otherIssuer, REQUEST))
                    .isInstanceOfSatisfying(
                            AuthenticationException.class,
                            e -> assertThat(e.reason()).isEqualTo("token-invalid-issuer"));
        }
    }

    @Test
    void verifiesWithAPemPublicKeyAndACustomAuthorization() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.toRSAPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----";
        try (MastraJwtAuth auth = MastraJwtAuth.builder()
                .publicKeyPem(pem)
                .issuer("https://idp.example")
                .authorizeUser((user, request) -> "admin".equals(user.claims().get("role")))
                .build()) {
            JwtUser admin = auth.authenticateToken(
                    rsa(
                            key,
                            claims().issuer("https://idp.example")
                                    .claim("role", "admin")
                                    .build()),
                    REQUEST);
            JwtUser member = auth.authenticateToken(
                    rsa(
                            key,
                            claims().issuer("https://idp.example")
                                    .claim("role", "member")
                                    .build()),
                    REQUEST);
            assertThat(auth.authorizeUser(admin, REQUEST)).isTrue();
            assertThat(auth.authorizeUser(member, REQUEST)).isFalse();
            assertThat(auth.toString()).doesNotContain("PUBLIC KEY");
        }
    }
}
