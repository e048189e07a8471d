package dev.mastra4j.auth.jwt;

import static dev.mastra4j.auth.jwt.TestTokens.claims;
import static dev.mastra4j.auth.jwt.TestTokens.header;
import static dev.mastra4j.auth.jwt.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.mastra4j.auth.AuthReason;
import dev.mastra4j.auth.AuthenticationException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {

    private static final String ISSUER = "https://issuer.example";
    private static final RSAKey KEY = TestTokens.rsaKey("kid-main");

    private JwksServer jwks;
    private JwtVerifier verifier;

    @BeforeEach
    void start() throws Exception {
        jwks = new JwksServer(KEY);
        verifier = verifier(JwtKeySource.jwks(jwks.uri()).build());
    }

    @AfterEach
    void stop() {
        verifier.close();
        jwks.close();
    }

    private static JwtVerifier verifier(JwtKeySource source) {
        Duration skew = Duration.ofSeconds(5);
        return JwtVerifier.builder()
                .keySource(source)
                .headerValidator(HeaderValidator.rejectValue("cat", "cl_B7d4PD333AAA"))
                .claimValidator(ClaimValidator.subject())
                .claimValidator(ClaimValidator.expiry(skew))
                .claimValidator(ClaimValidator.notBefore(skew))
                .claimValidator(ClaimValidator.issuedAt(skew))
                .claimValidator(ClaimValidator.issuer(ISSUER))
                .build();
    }

    @Test
    void verifiesAValidTokenAndReturnsItsClaims() {
        VerifiedJwt jwt = verifier.verify(sign(KEY, claims(ISSUER)));

        assertThat(jwt.claims().subject()).isEqualTo("user_1");
        assertThat(jwt.header().keyId()).isEqualTo("kid-main");
        assertThat(jwt.expiresAtMillis()).isGreaterThan(System.currentTimeMillis());
    }

    @Test
    void acceptsRs384AndRs512AndAnAbsentTyp() {
        Map<String, Object> h384 = header("RS384", KEY.getKeyID());
        Map<String, Object> h512 = header("RS512", KEY.getKeyID());
        h512.remove("typ");
        assertThat(verifier.verify(sign(KEY, h384, claims(ISSUER))).claims().subject())
                .isEqualTo("user_1");
        assertThat(verifier.verify(sign(KEY, h512, claims(ISSUER))).claims().subject())
                .isEqualTo("user_1");
    }

    @Test
    void checksTheSignatureBeforeAnyClaim() {
        Map<String, Object> expiredWrongIssuer = claims("https://evil.example");
        expiredWrongIssuer.put("exp", 1L);
        RSAKey forger = TestTokens.rsaKey(KEY.getKeyID());
        assertReason(sign(forger, expiredWrongIssuer), AuthReason.TOKEN_INVALID_SIGNATURE.wireName());
    }

    @Test
    void refusesAlgorithmsOutsideTheAllowListOrNotMatchingTheKey() throws Exception {
        String kid = KEY.getKeyID();
        assertReason(sign(KEY, header("none", kid), claims(ISSUER)), AuthReason.TOKEN_INVALID_ALGORITHM.wireName());
        assertReason(sign(KEY, header("PS256", kid), claims(ISSUER)), AuthReason.TOKEN_INVALID_ALGORITHM.wireName());
        OctetSequenceKey publicKeyAsSecret =
                new OctetSequenceKey.Builder(KEY.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)).build();
        assertReason(
                sign(publicKeyAsSecret, header("HS256", kid), claims(ISSUER)),
                AuthReason.TOKEN_INVALID_ALGORITHM.wireName());
        ECKey ec = TestTokens.ecKey(kid);
        assertReason(sign(ec, header("ES256", kid), claims(ISSUER)), AuthReason.TOKEN_INVALID_ALGORITHM.wireName());
        Map<String, Object> noAlg = header("RS256", kid);
        noAlg.remove("alg");
        assertReason(
                TestTokens.signRaw(KEY, "RS256", TestTokens.json(noAlg), TestTokens.json(claims(ISSUER))),
                AuthReason.TOKEN_INVALID_ALGORITHM.wireName());
    }

    @Test
    void refusesAnAlgorithmThatContradictsTheJwkAlg() throws Exception {
        RSAKey pinned = new RSAKey.Builder(TestTokens.rsaKey("kid-pinned"))
                .algorithm(JWSAlgorithm.RS256)
                .build();
        jwks.keys(KEY, pinned);
        try (JwtVerifier fresh = verifier(JwtKeySource.jwks(jwks.uri()).build())) {
            assertThat(fresh.verify(sign(pinned, claims(ISSUER))).claims().subject())
                    .isEqualTo("user_1");
            assertThatThrownBy(() -> fresh.verify(sign(pinned, header("RS512", "kid-pinned"), claims(ISSUER))))
                    .isInstanceOfSatisfying(
                            AuthenticationException.class,
                            e -> assertThat(e.reason()).isEqualTo(AuthReason.TOKEN_INVALID_ALGORITHM.wireName()));
        }
    }

    @Test
    void refusesATokenNamingAnEcKeyOfTheJwksForItsAlgorithm() throws Exception {
        ECKey ec = TestTokens.ecKey("kid-ec");
        jwks.keys(KEY, ec);
        try (JwtVerifier fresh = verifier(JwtKeySource.jwks(jwks.uri()).build())) {
            assertThatThrownBy(() -> fresh.verify(sign(KEY, header("RS256", "kid-ec"), claims(ISSUER))))
                    .isInstanceOfSatisfying(
                            AuthenticationException.class,
                            e -> assertThat(e.reason()).isEqualTo(AuthReason.TOKEN_INVALID_ALGORITHM.wireName()));
        }
    }

    @Test
    void neverUsesEncryptionKeys() throws Exception {
        RSAKey enc = new RSAKey.Builder(TestTokens.rsaKey("kid-enc"))
                .keyUse(KeyUse.ENCRYPTION)
                .build();
        jwks.keys(KEY, enc);
        try (JwtVerifier fresh = verifier(JwtKeySource.jwks(jwks.uri()).build())) {
            assertThatThrownBy(() -> fresh.verify(sign(enc, header("RS256", "kid-enc"), claims(ISSUER))))
                    .isInstanceOfSatisfying(
                            AuthenticationException.class,
                            e -> assertThat(e.reason()).isEqualTo(AuthReason.JWK_KID_MISMATCH.wireName()));
        }
    }

    @Test
    void typMustBeJwtWhenPresent() {
        Map<String, Object> jose = header("RS256", KEY.getKeyID());
        jose.put("typ", "JOSE");
        assertReason(sign(KEY, jose, claims(ISSUER)), AuthReason.TOKEN_INVALID.wireName());
        Map<String, Object> numeric = header("RS256", KEY.getKeyID());
        numeric.put("typ", 1);
        assertReason(sign(KEY, numeric, claims(ISSUER)), AuthReason.TOKEN_INVALID.wireName());
    }

    @Test
    void acceptedTypesCanBeWidenedForAccessTokensAndAreComparedExactly() {
        Map<String, Object> accessToken = header("RS256", KEY.getKeyID());
        accessToken.put("typ", "at+jwt");
        String atJwt = sign(KEY, accessToken, claims(ISSUER));
        assertReason(atJwt, AuthReason.TOKEN_INVALID.wireName());

        try (JwtVerifier oauth = JwtVerifier.builder()
                .keySource(JwtKeySource.rsaPublicKey(rsaPublic(KEY)))
                .types("at+jwt", "application/at+jwt")
                .build()) {
            assertThat(oauth.verify(atJwt).header().type()).isEqualTo("at+jwt");
            Map<String, Object> mediaType = header("RS256", KEY.getKeyID());
            mediaType.put("typ", "application/at+jwt");
            assertThat(oauth.verify(sign(KEY, mediaType, claims(ISSUER)))
                            .claims()
                            .subject())
                    .isEqualTo("user_1");
            Map<String, Object> absent = header("RS256", KEY.getKeyID());
            absent.remove("typ");
            assertThat(oauth.verify(sign(KEY, absent, claims(ISSUER))).claims().subject())
                    .isEqualTo("user_1");
            for (Object refused : List.of("JWT", "AT+JWT", 1)) {
                Map<String, Object> other = header("RS256", KEY.getKeyID());
                other.put("typ", refused);
                String token = sign(KEY, other, claims(ISSUER));
                assertThatThrownBy(() -> oauth.verify(token))
                        .isInstanceOfSatisfying(
                                AuthenticationException.class,
                                e -> assertThat(e.reason()).isEqualTo(AuthReason.TOKEN_INVALID.wireName()));
            }
        }
        assertThatThrownBy(() -> JwtVerifier.builder().types()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwtVerifier.builder().types(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aJwksNeedsAKidAndNamesNoKnownKidsWhenItIsUnknown() {
        assertReason(sign(KEY, header("RS256", null), claims(ISSUER)), AuthReason.TOKEN_INVALID.wireName());
        Map<String, Object> numericKid = header("RS256", null);
        numericKid.put("kid", 7);
        assertReason(sign(KEY, numericKid, claims(ISSUER)), AuthReason.TOKEN_INVALID.wireName());
        assertThatThrownBy(() -> verifier.verify(sign(KEY, header("RS256", "kid-unknown"), claims(ISSUER))))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(AuthReason.JWK_KID_MISMATCH.wireName());
                    assertThat(e.getMessage()).doesNotContain("kid-main").doesNotContain("kid-unknown");
                });
    }

    @Test
    void headerValidatorsRunBeforeAnyKeyLookup() {
        Map<String, Object> m2m = header("RS256", KEY.getKeyID());
        m2m.put("cat", "cl_B7d4PD333AAA");
        assertReason(sign(KEY, m2m, claims(ISSUER)), AuthReason.TOKEN_INVALID.wireName());
        assertThat(jwks.fetches()).isZero();
    }

    @Test
    void aStaticKeyNeedsNoKidAndNoNetwork() {
        try (JwtVerifier pem = verifier(JwtKeySource.rsaPublicKey(rsaPublic(KEY)))) {
            assertThat(pem.verify(sign(KEY, header("RS256", null), claims(ISSUER)))
                            .claims()
                            .subject())
                    .isEqualTo("user_1");
            assertThatThrownBy(() -> pem.verify(sign(TestTokens.rsaKey(), claims(ISSUER))))
                    .isInstanceOfSatisfying(
                            AuthenticationException.class,
                            e -> assertThat(e.reason()).isEqualTo(AuthReason.TOKEN_INVALID_SIGNATURE.wireName()));
        }
        assertThat(jwks.fetches()).isZero();
    }

    @Test
    void readsPemKeysIncludingEscapedNewlines() throws Exception {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(KEY.toRSAPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try (JwtVerifier fromPem = verifier(JwtKeySource.pem(pem));
                JwtVerifier fromEnvStyle = verifier(JwtKeySource.pem(pem.replace("\n", "\\n")))) {
            String token = sign(KEY, claims(ISSUER));
            assertThat(fromPem.verify(token).claims().subject()).isEqualTo("user_1");
            assertThat(fromEnvStyle.verify(token).claims().subject()).isEqualTo("user_1");
        }
        assertThatThrownBy(() -> JwtKeySource.pem("not a pem"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BEGIN PUBLIC KEY");
        assertThatThrownBy(() -> JwtKeySource.pem("-----BEGIN PUBLIC KEY-----\n%%%\n-----END PUBLIC KEY-----"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base64");
    }

    @Test
    void hmacKeysVerifyOnlyHmacAlgorithms() {
        byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        OctetSequenceKey oct = new OctetSequenceKey.Builder(secret).build();
        try (JwtVerifier hmac = JwtVerifier.builder()
                .keySource(JwtKeySource.hmacSecret(secret))
                .algorithms(JwtVerifier.HMAC_ALGORITHMS)
                .build()) {
            assertThat(hmac.verify(sign(oct, header("HS256", null), claims(ISSUER)))
                            .claims()
                            .subject())
                    .isEqualTo("user_1");
            assertThatThrownBy(() -> hmac.verify(sign(KEY, header("RS256", null), claims(ISSUER))))
                    .isInstanceOfSatisfying(
                            AuthenticationException.class,
                            e -> assertThat(e.reason()).isEqualTo(AuthReason.TOKEN_INVALID_ALGORITHM.wireName()));
        }
        assertThatThrownBy(() -> JwtKeySource.hmacSecret(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSignatureCheckThatFailedLeavesNoTraceOnTheNextOne() {
        try (JwtVerifier fixed = verifier(JwtKeySource.rsaPublicKey(rsaPublic(KEY)))) {
            String valid = sign(KEY, claims(ISSUER));
            String input = valid.substring(0, valid.lastIndexOf('.') + 1);
            String shortSignature =
                    input + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[255]);
            String emptySignature = input;
            String forged = sign(TestTokens.rsaKey(KEY.getKeyID()), claims(ISSUER));
            for (int round = 0; round < 3; round++) {
                for (String bad : List.of(shortSignature, emptySignature, forged)) {
                    assertThatThrownBy(() -> fixed.verify(bad))
                            .isInstanceOfSatisfying(
                                    AuthenticationException.class,
                                    e -> assertThat(e.reason())
                                            .isEqualTo(AuthReason.TOKEN_INVALID_SIGNATURE.wireName()));
                    assertThat(fixed.verify(valid).claims().subject()).isEqualTo("user_1");
                }
            }
        }
    }

    @Test
    void concurrentVerificationsGetEachAnswerRight() throws Exception {
        RSAKey forger = TestTokens.rsaKey(KEY.getKeyID());
        List<String> subjects = new ArrayList<>();
        List<String> valid = new ArrayList<>();
        List<String> forged = new ArrayList<>();
        for (String alg : List.of("RS256", "RS384", "RS512")) {
            for (int i = 0; i < 4; i++) {
                Map<String, Object> c = claims(ISSUER);
                c.put("sub", "user_" + alg + "_" + i);
                subjects.add((String) c.get("sub"));
                valid.add(sign(KEY, header(alg, KEY.getKeyID()), c));
                forged.add(sign(forger, header(alg, KEY.getKeyID()), c));
            }
        }
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        try (JwtVerifier fixed = verifier(JwtKeySource.rsaPublicKey(rsaPublic(KEY)));
                ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
                ExecutorService platform = Executors.newFixedThreadPool(8)) {
            List<Future<?>> tasks = new ArrayList<>();
            for (ExecutorService executor : List.of(virtual, platform)) {
                for (int t = 0; t < 16; t++) {
                    int seed = t;
                    tasks.add(executor.submit(() -> {
                        for (int i = 0; i < 60; i++) {
                            int k = (seed * 7 + i) % valid.size();
                            if (!subjects.get(k)
                                    .equals(fixed.verify(valid.get(k)).claims().subject())) {
                                wrong.add("valid token " + k + " read back wrongly");
                            }
                            try {
                                fixed.verify(forged.get(k));
                                wrong.add("forged token " + k + " accepted");
                            } catch (AuthenticationException e) {
                                if (!e.reason().equals(AuthReason.TOKEN_INVALID_SIGNATURE.wireName())) {
                                    wrong.add("forged token " + k + ": " + e.reason());
                                }
                            }
                        }
                    }));
                }
            }
            for (Future<?> task : tasks) {
                task.get(2, TimeUnit.MINUTES);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void runsClaimValidatorsInOrder() {
        Map<String, Object> c = claims("https://evil.example");
        c.remove("sub");
        c.put("exp", 1L);
        assertReason(sign(KEY, c), AuthReason.TOKEN_VERIFICATION_FAILED.wireName());
        c.put("sub", "user_1");
        assertReason(sign(KEY, c), AuthReason.TOKEN_EXPIRED.wireName());
        c.put("exp", System.currentTimeMillis() / 1000 + 60);
        assertReason(sign(KEY, c), AuthReason.TOKEN_INVALID_ISSUER.wireName());
    }

    @Test
    void errorMessagesNeverContainTheToken() {
        for (String token : List.of(
                sign(KEY, header("RS256", "kid-unknown"), claims(ISSUER)),
                sign(TestTokens.rsaKey(KEY.getKeyID()), claims(ISSUER)),
                sign(KEY, header("none", KEY.getKeyID()), claims(ISSUER)),
                sign(KEY, claims("https://evil.example")))) {
            assertThatThrownBy(() -> verifier.verify(token)).satisfies(e -> {
                assertThat(e.getMessage()).doesNotContain(token);
                String signature = token.substring(token.lastIndexOf('.') + 1);
                if (!signature.isEmpty()) {
                    assertThat(e.getMessage()).doesNotContain(signature);
                }
                assertThat(String.valueOf(e.getCause())).doesNotContain(token);
            });
        }
    }

    private void assertReason(String token, String reason) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(
                        AuthenticationException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static java.security.interfaces.RSAPublicKey rsaPublic(RSAKey key) {
        try {
            return key.toRSAPublicKey();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
