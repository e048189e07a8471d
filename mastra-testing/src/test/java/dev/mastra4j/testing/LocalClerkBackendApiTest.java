package dev.mastra4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalClerkBackendApiTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "sk_test_localbackendapisecret0123456789";

    private LocalClerkBackendApi stub;

    @BeforeEach
    void start() {
        stub = LocalClerkBackendApi.start(SECRET);
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private HttpResponse<String> get(String pathAndQuery, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stub.apiUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return get(pathAndQuery, "Bearer " + SECRET);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(stub.apiUrl() + path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + SECRET)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Test
    void everyEndpointRequiresTheBearerSecretKey() throws Exception {
        stub.addUser("user_a", "a@example.com", "A", "B", null, null);

        HttpResponse<String> none = get("/v1/users/user_a", null);
        HttpResponse<String> wrong = get("/v1/users/user_a", "Bearer sk_test_wrong");
        HttpResponse<String> basic = get("/v1/users/user_a", "Basic " + SECRET);

        for (HttpResponse<String> response : List.of(none, wrong, basic)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(json(response).at("/errors/0/code").asText()).isEqualTo("authentication_invalid");
            assertThat(response.body()).doesNotContain(SECRET);
        }
        assertThat(get("/v1/users/user_a").statusCode()).isEqualTo(200);
        assertThat(stub.count("/v1/users/user_a")).isEqualTo(4);
    }

    @Test
    void usersHaveClerksShape() throws Exception {
        stub.addUser("user_a", "a@example.com", "Ada", "Lovelace", "https://img.example/a.png", Map.of("plan", "pro"));

        HttpResponse<String> response = get("/v1/users/user_a");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode user = json(response);
        assertThat(user.get("object").asText()).isEqualTo("user");
        assertThat(user.get("id").asText()).isEqualTo("user_a");
        assertThat(user.get("first_name").asText()).isEqualTo("Ada");
        assertThat(user.get("last_name").asText()).isEqualTo("Lovelace");
        assertThat(user.get("image_url").asText()).isEqualTo("https://img.example/a.png");
        assertThat(user.get("public_metadata").get("plan").asText()).isEqualTo("pro");
        assertThat(user.get("private_metadata").isObject()).isTrue();
        String primaryId = user.get("primary_email_address_id").asText();
        JsonNode emails = user.get("email_addresses");
        assertThat(emails).hasSize(2);
        JsonNode primary = emails.get(1);
        assertThat(primary.get("id").asText()).isEqualTo(primaryId);
        assertThat(primary.get("email_address").asText()).isEqualTo("a@example.com");
        assertThat(emails.get(0).get("id").asText()).isNotEqualTo(primaryId);
        for (String required : List.of(
                "has_image",
                "phone_numbers",
                "web3_wallets",
                "passkeys",
                "password_enabled",
                "two_factor_enabled",
                "totp_enabled",
                "backup_code_enabled",
                "external_accounts",
                "saml_accounts",
                "enterprise_accounts",
                "banned",
                "locked",
                "created_at",
                "updated_at",
                "delete_self_enabled",
                "create_organization_enabled")) {
            assertThat(user.has(required)).as(required).isTrue();
        }

        HttpResponse<String> missing = get("/v1/users/user_missing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).at("/errors/0/code").asText()).isEqualTo("resource_not_found");
    }

    @Test
    void membershipsArePagedWithLimitOffsetAndTotalCount() throws Exception {
        for (int i = 0; i < 25; i++) {
            stub.addMembership("user_a", "org_" + i, "slug-" + i, "org:member");
        }

        JsonNode first = json(get("/v1/users/user_a/organization_memberships"));
        JsonNode middle = json(get("/v1/users/user_a/organization_memberships?limit=10&offset=10"));
        JsonNode last = json(get("/v1/users/user_a/organization_memberships?offset=20&limit=10"));
        JsonNode beyond = json(get("/v1/users/user_a/organization_memberships?limit=10&offset=30"));

        assertThat(first.get("total_count").asInt()).isEqualTo(25);
        assertThat(first.get("data")).hasSize(10);
        assertThat(first.at("/data/0/organization/id").asText()).isEqualTo("org_0");
        assertThat(first.at("/data/0/organization/slug").asText()).isEqualTo("slug-0");
        assertThat(first.at("/data/0/object").asText()).isEqualTo("organization_membership");
        assertThat(first.at("/data/0/role").asText()).isEqualTo("org:member");
        assertThat(first.at("/data/0/public_user_data/user_id").asText()).isEqualTo("user_a");
        assertThat(middle.at("/data/0/organization/id").asText()).isEqualTo("org_10");
        assertThat(last.get("data")).hasSize(5);
        assertThat(last.at("/data/4/organization/id").asText()).isEqualTo("org_24");
        assertThat(beyond.get("data")).isEmpty();
        assertThat(beyond.get("total_count").asInt()).isEqualTo(25);
    }

    @Test
    void badPagingParametersAre422AndUnknownUsers404() throws Exception {
        stub.addMembership("user_a", "org_1", "one", "org:admin");

        for (String query : List.of("limit=0", "limit=501", "offset=-1", "limit=ten")) {
            HttpResponse<String> response = get("/v1/users/user_a/organization_memberships?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(422);
            assertThat(json(response).at("/errors/0/code").asText()).isEqualTo("form_param_value_invalid");
        }
        assertThat(get("/v1/users/user_nobody/organization_memberships").statusCode())
                .isEqualTo(404);
    }

    @Test
    void verifyEndpointsAnswerWithClerksShapes() throws Exception {
        stub.addM2mToken("mt_1", "mch_1", List.of("mch_2"), Map.of("k", "v"));
        stub.addApiKey("ak_1", "user_1", List.of("read"), null);
        stub.addOAuthToken("oat_1", "user_1", "client_1", List.of("profile"));

        JsonNode m2m = json(post("/v1/m2m_tokens/verify", "{\"token\":\"mt_1\"}"));
        JsonNode apiKey = json(post("/v1/api_keys/verify", "{\"secret\":\"ak_1\"}"));
        JsonNode oauth = json(post("/v1/oauth_applications/access_tokens/verify", "{\"access_token\":\"oat_1\"}"));

        assertThat(m2m.get("object").asText()).isEqualTo("machine_to_machine_token");
        assertThat(m2m.get("subject").asText()).isEqualTo("mch_1");
        assertThat(m2m.get("scopes").get(0).asText()).isEqualTo("mch_2");
        assertThat(m2m.at("/claims/k").asText()).isEqualTo("v");
        assertThat(m2m.get("revoked").asBoolean()).isFalse();
        assertThat(m2m.get("expiration").asLong()).isGreaterThan(System.currentTimeMillis());
        assertThat(apiKey.get("object").asText()).isEqualTo("api_key");
        assertThat(apiKey.get("type").asText()).isEqualTo("api_key");
        assertThat(apiKey.get("subject").asText()).isEqualTo("user_1");
        assertThat(apiKey.get("claims").isNull()).isTrue();
        assertThat(oauth.get("object").asText()).isEqualTo("clerk_idp_oauth_access_token");
        assertThat(oauth.get("client_id").asText()).isEqualTo("client_1");
        assertThat(oauth.get("subject").asText()).isEqualTo("user_1");

        stub.revoke("mt_1");
        stub.expire("ak_1");
        assertThat(json(post("/v1/m2m_tokens/verify", "{\"token\":\"mt_1\"}"))
                        .get("revoked")
                        .asBoolean())
                .isTrue();
        JsonNode expired = json(post("/v1/api_keys/verify", "{\"secret\":\"ak_1\"}"));
        assertThat(expired.get("expired").asBoolean()).isTrue();
        assertThat(expired.get("expiration").asLong()).isLessThan(System.currentTimeMillis());
    }

    @Test
    void verifyRefusesUnknownTokensMissingFieldsAndOtherMethods() throws Exception {
        stub.addM2mToken("mt_1", "mch_1", List.of(), null);

        assertThat(post("/v1/m2m_tokens/verify", "{\"token\":\"mt_unknown\"}").statusCode())
                .isEqualTo(404);
        // The token belongs to another endpoint's field name.
        assertThat(post("/v1/m2m_tokens/verify", "{\"secret\":\"mt_1\"}").statusCode())
                .isEqualTo(400);
        assertThat(post("/v1/m2m_tokens/verify", "not json").statusCode()).isEqualTo(400);
        assertThat(post("/v1/m2m_tokens/verify", "{\"token\":7}").statusCode()).isEqualTo(400);
        assertThat(post("/v1/api_keys/verify", "{\"secret\":\"mt_1\"}").statusCode())
                .isEqualTo(404);
        HttpResponse<String> getVerify = get("/v1/m2m_tokens/verify");
        assertThat(getVerify.statusCode()).isEqualTo(405);
        assertThat(getVerify.headers().firstValue("Allow")).contains("POST");
        assertThat(get("/v1/unknown").statusCode()).isEqualTo(404);
    }

    @Test
    void jwksComesFromTheSupplier() throws Exception {
        assertThat(get("/v1/jwks").statusCode()).isEqualTo(404);

        stub.jwks(() -> "{\"keys\":[]}");
        assertThat(json(get("/v1/jwks")).get("keys").isArray()).isTrue();
        assertThat(get("/v1/jwks", null).statusCode()).isEqualTo(401);

        try (LocalClerkIssuer issuer = LocalClerkIssuer.start();
                LocalClerkBackendApi forIssuer = LocalClerkBackendApi.forIssuer(issuer)) {
            HttpResponse<String> keys = HTTP.send(
                    HttpRequest.newBuilder(URI.create(forIssuer.apiUrl() + "/v1/jwks"))
                            .header("Authorization", "Bearer " + issuer.secretKey())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(json(keys).at("/keys/0/kid").asText()).isEqualTo(issuer.currentKid());
        }
    }

    @Test
    void failuresUseClerksErrorEnvelopeAndTheLongestPrefixWins() throws Exception {
        stub.addUser("user_a", "a@example.com", null, null, null, null);
        stub.fail("/v1/users/", 503);
        stub.fail("/v1/users/user_a/organization_memberships", 429);

        HttpResponse<String> user = get("/v1/users/user_a");
        HttpResponse<String> memberships = get("/v1/users/user_a/organization_memberships");

        assertThat(user.statusCode()).isEqualTo(503);
        assertThat(json(user).at("/errors/0/code").asText()).isEqualTo("internal_clerk_error");
        assertThat(memberships.statusCode()).isEqualTo(429);
        assertThatThrownBy(() -> stub.fail("/v1/", 200)).isInstanceOf(IllegalArgumentException.class);

        stub.clearFaults();
        assertThat(get("/v1/users/user_a").statusCode()).isEqualTo(200);
    }

    @Test
    void aCountedFailureEndsAfterItsRequests() throws Exception {
        stub.addUser("user_a", "a@example.com", null, null, null, null);
        stub.fail("/v1/users/", 500, 2);

        assertThat(get("/v1/users/user_a").statusCode()).isEqualTo(500);
        assertThat(get("/v1/users/user_a").statusCode()).isEqualTo(500);
        assertThat(get("/v1/users/user_a").statusCode()).isEqualTo(200);
        assertThat(get("/v1/users/user_a").statusCode()).isEqualTo(200);
    }

    @Test
    void rateLimitsAnswer429WithClerksCodeAndTheGivenRetryAfter() throws Exception {
        stub.addUser("user_a", "a@example.com", null, null, null, null);
        stub.rateLimit("/v1/users/", 1, "10");
        stub.rateLimit("/v1/users/user_a/organization_memberships", 1, null);

        HttpResponse<String> limited = get("/v1/users/user_a");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(json(limited).at("/errors/0/code").asText()).isEqualTo("too_many_requests");
        HttpResponse<String> bare = get("/v1/users/user_a/organization_memberships");
        assertThat(bare.statusCode()).isEqualTo(429);
        assertThat(bare.headers().firstValue("Retry-After")).isEmpty();

        assertThat(get("/v1/users/user_a").statusCode())
                .as("the rule was for one request")
                .isEqualTo(200);
        assertThatThrownBy(() -> stub.rateLimit("/v1/", 1, "1\r\nX: y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPrefixCanNameOnePageByItsQuery() throws Exception {
        stub.addMembership("user_a", "org_1", "one", "org:admin");
        stub.fail("/v1/users/user_a/organization_memberships?limit=10&offset=10", 500);

        assertThat(get("/v1/users/user_a/organization_memberships?limit=10&offset=0")
                        .statusCode())
                .isEqualTo(200);
        assertThat(get("/v1/users/user_a/organization_memberships?limit=10&offset=10")
                        .statusCode())
                .isEqualTo(500);
    }

    @Test
    void malformedAnswersAre200WithBrokenJson() throws Exception {
        stub.addUser("user_a", "a@example.com", null, null, null, null);
        stub.malformed("/v1/users/");

        HttpResponse<String> response = get("/v1/users/user_a");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> JSON.readTree(response.body())).isInstanceOf(IOException.class);
    }

    @Test
    void delaysHoldTheAnswerUntilTheClientGivesUp() throws Exception {
        stub.addUser("user_a", "a@example.com", null, null, null, null);
        stub.delay("/v1/users/", Duration.ofSeconds(30));

        HttpRequest slow = HttpRequest.newBuilder(URI.create(stub.apiUrl() + "/v1/users/user_a"))
                .header("Authorization", "Bearer " + SECRET)
                .timeout(Duration.ofMillis(300))
                .build();
        assertThatThrownBy(() -> HTTP.send(slow, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);

        stub.clearFaults();
        assertThat(get("/v1/users/user_a").statusCode()).isEqualTo(200);
    }

    @Test
    void requestsAreRecordedWithHeadersQueryAndBody() throws Exception {
        stub.addM2mToken("mt_1", "mch_1", List.of(), null);
        get("/v1/users/user_x/organization_memberships?limit=5&offset=0");
        post("/v1/m2m_tokens/verify", "{\"token\":\"mt_1\"}");
        get("/v1/users/user_x", null);

        List<RecordedRequest> requests = stub.requests();

        assertThat(requests).hasSize(3);
        RecordedRequest page = requests.get(0);
        assertThat(page.method()).isEqualTo("GET");
        assertThat(page.path()).isEqualTo("/v1/users/user_x/organization_memberships");
        assertThat(page.query()).isEqualTo("limit=5&offset=0");
        assertThat(page.target()).isEqualTo("/v1/users/user_x/organization_memberships?limit=5&offset=0");
        assertThat(page.header("AUTHORIZATION")).contains("Bearer " + SECRET);
        assertThat(page.body()).isEmpty();
        RecordedRequest verify = requests.get(1);
        assertThat(verify.method()).isEqualTo("POST");
        assertThat(verify.body()).isEqualTo("{\"token\":\"mt_1\"}");
        assertThat(verify.header("content-type")).contains("application/json");
        assertThat(requests.get(2).header("Authorization")).isEmpty();
        assertThat(requests.get(2).query()).isEmpty();

        assertThat(stub.count("/v1/users/")).isEqualTo(2);
        assertThat(stub.count("/v1/users/user_x/organization_memberships?limit=5"))
                .isEqualTo(1);
        assertThat(stub.count("/v1/m2m_tokens/verify")).isEqualTo(1);

        stub.reset();
        assertThat(stub.requests()).isEmpty();
        assertThat(post("/v1/m2m_tokens/verify", "{\"token\":\"mt_1\"}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void argumentsAreCheckedAndTheSecretStaysOutOfToString() {
        assertThatThrownBy(() -> stub.addUser(" ", null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stub.addMembership("user_a", "org_1", null, "org:admin"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stub.delay("/v1/", Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalClerkBackendApi.start(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(stub.toString()).contains(stub.apiUrl().toString()).doesNotContain(SECRET);
        assertThat(stub.apiUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(stub.port()).isPositive();
    }
}
