package dev.mastra4j.auth.clerk.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.auth.clerk.MachineTokenVerifier;
import dev.mastra4j.auth.clerk.TokenType;
import dev.mastra4j.testing.CapturedStderr;
import dev.mastra4j.testing.LocalClerkBackendApi;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every failure path at once: neither exceptions (with their causes and stack traces) nor logs show the secret. */
class SecretLeakTest {

    @Test
    void noFailureMessageStackTraceOrLogLineContainsTheSecretKeyOrTheToken() {
        String secret = BackendFixture.randomSecretKey();
        String wrongSecret = BackendFixture.randomSecretKey();
        String token = "mt_" + BackendFixture.randomSecretKey().substring(8);
        List<Throwable> errors = new ArrayList<>();
        String log;
        try (LocalClerkBackendApi stub = LocalClerkBackendApi.start(secret);
                ClerkBackendApi api = BackendFixture.client(stub, secret).build();
                ClerkBackendApi wrong = BackendFixture.client(stub, wrongSecret).build();
                ClerkBackendApi nowhere = ClerkBackendApi.builder()
                        .apiUrl(BackendFixture.refusedUrl())
                        .secretKey(secret)
                        .getRetries(1, Duration.ZERO)
                        .build()) {
            MachineTokenVerifier verifier = MachineTokenVerifier.builder(api)
                    .accepts(EnumSet.of(TokenType.M2M_TOKEN, TokenType.API_KEY))
                    .build();
            BackendOrganizationCheck check =
                    BackendOrganizationCheck.builder(api).ttl(Duration.ZERO).build();
            log = CapturedStderr.during(() -> {
                collect(errors, () -> verifier.verify(token));
                collect(errors, () -> wrong.verifyM2mToken(token));
                collect(errors, () -> wrong.getUser("user_a"));
                collect(errors, () -> nowhere.verifyApiKey("ak_" + token));
                collect(errors, () -> nowhere.organizationMemberships("user_a"));
                stub.fail("/v1/", 500);
                collect(errors, () -> verifier.verify(token));
                collect(errors, () -> api.getUser("user_a"));
                check.isMember("user_a", "org_a", null);
                stub.clearFaults();
                stub.malformed("/v1/");
                collect(errors, () -> api.verifyOAuthToken("oat_" + token));
                collect(errors, () -> api.organizationMemberships("user_a"));
                check.isMember("user_a", "org_a", null);
                stub.clearFaults();
                stub.delay("/v1/", BackendFixture.BEYOND_TIMEOUT);
                collect(errors, () -> api.verifyM2mToken(token));
                check.isMember("user_a", "org_a", null);
            });
        }

        assertThat(errors).hasSize(10);
        assertThat(log).contains("WARN");
        for (Throwable error : errors) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString())
                    .doesNotContain(secret)
                    .doesNotContain(wrongSecret)
                    .doesNotContain(token);
            assertThat(String.valueOf(error)).doesNotContain(secret);
        }
        assertThat(log).doesNotContain(secret).doesNotContain(wrongSecret).doesNotContain(token);
    }

    private static void collect(List<Throwable> errors, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            errors.add(e);
        }
    }
}
