package dev.mastra4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalClerkIssuerTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static LocalClerkIssuer shared;

    @BeforeAll
    static void startShared() {
        shared = LocalClerkIssuer.start();
    }

    @AfterAll
    static void stopShared() {
        shared.close();
    }

    @Test
    void publishableKeyEncodesTheIssuerHost() {
        String pk = shared.publishableKey();
        assertThat(pk).startsWith("pk_test_");
        assertThat(pk.split("_")).hasSize(3);
        String decoded =
                new String(Base64.getDecoder().decode(pk.substring("pk_test_".length())), StandardCharsets.UTF_8);
        assertThat(decoded).isEqualTo(shared.frontendApiHost() + "$");
        assertThat(shared.frontendApiHost()).contains(".").endsWith(".clerk.accounts.dev");
        assertThat(shared.issuer()).isEqualTo("https://" + shared.frontendApiHost());
        assertThat(shared.secretKey()).startsWith("sk_test_").hasSizeGreaterThan(30);
        assertThat(shared.jwksUri().toString())
                .isEqualTo("http://127.0.0.1:" + shared.port() + "/.well-known/jwks.json");
        assertThat(shared.apiUrl().toString()).isEqualTo("http://127.0.0.1:" + shared.port());
    }

    @Test
    void fixedHostAndSecretFromTheBuilder() {
        try (LocalClerkIssuer issuer = LocalClerkIssuer.builder()
                .frontendHost("quiet-fox-12.clerk.accounts.dev")
                .secretKey("sk_test_fixed")
                .start()) {
            assertThat(issuer.publishableKey())
                    .isEqualTo("pk_test_"
                            + Base64.getEncoder().encodeToString("quiet-fox-12.clerk.accounts.dev$".getBytes()));
            assertThat(issuer.issuer()).isEqualTo("https://quiet-fox-12.clerk.accounts.dev");
            assertThat(issuer.secretKey()).isEqualTo("sk_test_fixed");
        }
        assertThatThrownBy(() -> LocalClerkIssuer.builder().frontendHost("localhost"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalClerkIssuer.builder().keySize(1024)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalClerkIssuer.builder().secretKey("pk_test_x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachStartHasFreshKeys() {
        try (LocalClerkIssuer a = LocalClerkIssuer.start();
                LocalClerkIssuer b = LocalClerkIssuer.start()) {
            assertThat(a.currentKid()).startsWith("ins_").isNotEqualTo(b.currentKid());
            assertThat(a.jwtKeyPem()).isNotEqualTo(b.jwtKeyPem());
            assertThat(a.port()).isNotEqualTo(b.port());
        }
    }

    @Test
    void jwksOverHttpVerifiesAMintedToken() throws Exception {
        HttpResponse<String> response = get(shared.jwksUri(), null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JWKSet jwks = JWKSet.parse(response.body());
        assertThat(jwks.getKeys()).hasSize(1);
        JWK jwk = jwks.getKeys().get(0);
        assertThat(jwk.isPrivate()).isFalse();
        assertThat(jwk.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        assertThat(jwk.getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwk.toRSAKey().size()).isEqualTo(2048);
        assertThat(response.body()).doesNotContain("\"d\"", "\"p\"", "\"q\"");

        SignedJWT jwt = SignedJWT.parse(shared.token());
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(jwk.getKeyID());
        assertThat(jwt.verify(new RSASSAVerifier(jwk.toRSAKey()))).isTrue();

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("user_test");
        assertThat(claims.getIssuer()).isEqualTo(shared.issuer());
        assertThat(claims.getStringClaim("azp")).isEqualTo("http://localhost:3000");
        assertThat(claims.getStringClaim("sid")).startsWith("sess_");
        assertThat(claims.getIntegerClaim("v")).isEqualTo(2);
        long iat = claims.getIssueTime().getTime() / 1000;
        assertThat(claims.getExpirationTime().getTime() / 1000 - iat).isEqualTo(60);
        assertThat(iat - claims.getNotBeforeTime().getTime() / 1000).isEqualTo(10);
        assertThat(Math.abs(iat - System.currentTimeMillis() / 1000)).isLessThan(60);

        Jwt decoded = Jwt.decode(shared.token("user_42"));
        assertThat(decoded.header().get("alg").asText()).isEqualTo("RS256");
        assertThat(decoded.header().get("typ").asText()).isEqualTo("JWT");
        assertThat(decoded.payload().get("sub").asText()).isEqualTo("user_42");
    }

    @Test
    void backendApiJwksRequiresTheSecretKey() throws Exception {
        URI backend = URI.create(shared.apiUrl() + "/v1/jwks");
        HttpResponse<String> none = get(backend, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(Jwt.tree(none.body()).has("errors")).isTrue();
        assertThat(get(backend, "Bearer sk_test_wrong").statusCode()).isEqualTo(401);
        assertThat(get(backend, shared.secretKey()).statusCode()).isEqualTo(401);

        HttpResponse<String> ok = get(backend, "Bearer " + shared.secretKey());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(JWKSet.parse(ok.body()).getKeyByKeyId(shared.currentKid())).isNotNull();
    }

    @Test
    void noOtherEndpointsAndNoMinting() throws Exception {
        assertThat(get(URI.create(shared.apiUrl() + "/token"), null).statusCode())
                .isEqualTo(404);
        assertThat(get(URI.create(shared.apiUrl() + "/v1/sessions"), null).statusCode())
                .isEqualTo(404);
        HttpResponse<String> post = HTTP.send(
                HttpRequest.newBuilder(shared.jwksUri())
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void pemIsTheCurrentPublicKey() throws Exception {
        String pem = shared.jwtKeyPem();
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        assertThat(SignedJWT.parse(shared.token()).verify(new RSASSAVerifier(key)))
                .isTrue();
    }

    @Test
    void rotationKeepsOldKeysUntilRetired() throws Exception {
        try (LocalClerkIssuer issuer = LocalClerkIssuer.start()) {
            String oldKid = issuer.currentKid();
            String oldToken = issuer.token();
            issuer.rotateKeys();
            String newKid = issuer.currentKid();
            assertThat(newKid).isNotEqualTo(oldKid);
            String newToken = issuer.token();
            assertThat(SignedJWT.parse(newToken).getHeader().getKeyID()).isEqualTo(newKid);

            JWKSet during = JWKSet.parse(get(issuer.jwksUri(), null).body());
            assertThat(during.getKeys()).extracting(JWK::getKeyID).containsExactlyInAnyOrder(oldKid, newKid);
            assertThat(verifies(oldToken, during)).isTrue();
            assertThat(verifies(newToken, during)).isTrue();

            issuer.retireOldKeys();
            JWKSet after = JWKSet.parse(get(issuer.jwksUri(), null).body());
            assertThat(after.getKeys()).extracting(JWK::getKeyID).containsExactly(newKid);
            assertThat(after.getKeyByKeyId(oldKid)).isNull();
            assertThat(verifies(newToken, after)).isTrue();
        }
    }

    @Test
    void extraKeysGrowTheJwks() throws Exception {
        try (LocalClerkIssuer issuer = LocalClerkIssuer.start()) {
            issuer.publishExtraKeys(3);
            JWKSet jwks = JWKSet.parse(get(issuer.jwksUri(), null).body());
            assertThat(jwks.getKeys()).hasSize(4);
            assertThat(jwks.getKeys())
                    .extracting(JWK::getKeyID)
                    .doesNotHaveDuplicates()
                    .contains(issuer.currentKid());
            assertThat(verifies(issuer.token(), jwks)).isTrue();
            issuer.retireOldKeys();
            assertThat(JWKSet.parse(get(issuer.jwksUri(), null).body()).getKeys())
                    .hasSize(1);
        }
    }

    @Test
    void pauseAnswers503UntilResumedAndEveryRequestIsCounted() throws Exception {
        try (LocalClerkIssuer issuer = LocalClerkIssuer.start()) {
            assertThat(issuer.jwksFetchCount()).isZero();
            get(issuer.jwksUri(), null);
            get(URI.create(issuer.apiUrl() + "/v1/jwks"), "Bearer " + issuer.secretKey());
            assertThat(issuer.jwksFetchCount()).isEqualTo(2);

            issuer.pause();
            HttpResponse<String> paused = get(issuer.jwksUri(), null);
            assertThat(paused.statusCode()).isEqualTo(503);
            assertThat(Jwt.tree(paused.body()).get("error").asText()).isNotBlank();
            assertThat(get(URI.create(issuer.apiUrl() + "/v1/jwks"), "Bearer " + issuer.secretKey())
                            .statusCode())
                    .isEqualTo(503);
            assertThat(issuer.jwksFetchCount()).isEqualTo(4);

            issuer.resume();
            assertThat(get(issuer.jwksUri(), null).statusCode()).isEqualTo(200);
            assertThat(issuer.jwksFetchCount()).isEqualTo(5);
            get(URI.create(issuer.apiUrl() + "/elsewhere"), null);
            assertThat(issuer.jwksFetchCount()).as("only JWKS requests count").isEqualTo(5);

            issuer.resetCounts();
            assertThat(issuer.jwksFetchCount()).isZero();
        }
    }

    @Test
    void latencyDelaysTheAnswer() throws Exception {
        try (LocalClerkIssuer issuer = LocalClerkIssuer.start()) {
            issuer.latency(Duration.ofSeconds(5));
            HttpRequest request = HttpRequest.newBuilder(issuer.jwksUri())
                    .timeout(Duration.ofMillis(200))
                    .build();
            assertThatThrownBy(() -> HTTP.send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(HttpTimeoutException.class);
            issuer.latency(Duration.ZERO);
            assertThat(get(issuer.jwksUri(), null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void faultModes() throws Exception {
        try (LocalClerkIssuer issuer = LocalClerkIssuer.start()) {
            issuer.rotateKeys();
            issuer.serve(JwksResponse.GARBAGE_HTML);
            HttpResponse<String> html = get(issuer.jwksUri(), null);
            assertThat(html.statusCode()).isEqualTo(200);
            assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html");
            assertThatThrownBy(() -> JWKSet.parse(html.body())).isInstanceOf(java.text.ParseException.class);

            issuer.serve(JwksResponse.HUGE_BODY);
            HttpResponse<byte[]> huge = HTTP.send(
                    HttpRequest.newBuilder(issuer.jwksUri()).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(huge.body().length).isEqualTo(10 * 1024 * 1024);

            issuer.serve(JwksResponse.WRONG_KEY_TYPES);
            JWKSet wrong = JWKSet.parse(get(issuer.jwksUri(), null).body());
            assertThat(wrong.getKeys()).hasSize(2).allSatisfy(k -> assertThat(k).isInstanceOf(ECKey.class));
            assertThat(wrong.getKeyByKeyId(issuer.currentKid())).isNotNull();

            issuer.serve(JwksResponse.ENCRYPTION_KEYS);
            JWKSet enc = JWKSet.parse(get(issuer.jwksUri(), null).body());
            assertThat(enc.getKeys()).hasSize(2).allSatisfy(k -> {
                assertThat(k).isInstanceOf(RSAKey.class);
                assertThat(k.getKeyUse()).isEqualTo(KeyUse.ENCRYPTION);
                assertThat(k.isPrivate()).isFalse();
            });

            issuer.serve(JwksResponse.EMPTY);
            assertThat(JWKSet.parse(get(issuer.jwksUri(), null).body()).getKeys())
                    .isEmpty();

            issuer.serve(JwksResponse.NORMAL);
            assertThat(verifies(
                            issuer.token(),
                            JWKSet.parse(get(issuer.jwksUri(), null).body())))
                    .isTrue();
        }
    }

    @Test
    void closeStopsServing() {
        LocalClerkIssuer issuer = LocalClerkIssuer.start();
        URI jwks = issuer.jwksUri();
        issuer.close();
        assertThatThrownBy(() -> get(jwks, null)).isInstanceOf(java.io.IOException.class);
    }

    static boolean verifies(String token, JWKSet jwks) throws Exception {
        JWSObject jws = JWSObject.parse(token);
        JWK key = jwks.getKeyByKeyId(jws.getHeader().getKeyID());
        return key != null && jws.verify(new RSASSAVerifier(key.toRSAKey()));
    }

    static HttpResponse<String> get(URI uri, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
