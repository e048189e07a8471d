package dev.mastra4j.auth.clerk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.auth.AuthRequest;
import dev.mastra4j.auth.AuthenticationException;
import dev.mastra4j.auth.TestRequest;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** A real session token must not survive any single-character change or any truncation. */
class TokenMutationPropertiesTest {

    private static final AuthRequest REQUEST = TestRequest.get("/api/agents");
    private static LocalClerkIssuer issuer;
    private static MastraAuthClerk clerk;
    private static String token;

    @BeforeContainer
    static void start() {
        issuer = LocalClerkIssuer.start();
        clerk = MastraAuthClerk.builder()
                .env(Map.of())
                .dotenvDirectory(Path.of("target", "no-dotenv"))
                .publishableKey(issuer.publishableKey())
                .secretKey(issuer.secretKey())
                .jwksUri(issuer.jwksUri().toString())
                .authorizedParties(LocalClerkIssuer.DEFAULT_AZP)
                // A mutated kid waits for the next refetch; a short interval keeps hundreds of tries quick.
                .jwksRefetchInterval(Duration.ofMillis(1))
                .build();
        token = issuer.tokenBuilder().expiresIn(Duration.ofMinutes(10)).build();
    }

    @AfterContainer
    static void stop() {
        clerk.close();
        issuer.close();
    }

    @Property(tries = 400)
    void everySingleCharacterMutationIsRejected(
            @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll("replacements") char replacement) {
        assertThat(clerk.authenticateToken(token, REQUEST).subject()).isEqualTo("user_test");
        int index = position % token.length();
        if (token.charAt(index) == replacement) {
            return;
        }
        String mutated = token.substring(0, index) + replacement + token.substring(index + 1);
        assertThatThrownBy(() -> clerk.authenticateToken(mutated, REQUEST)).isInstanceOf(AuthenticationException.class);
    }

    @Property(tries = 300)
    void everyTruncationIsRejected(@ForAll @IntRange(min = 0, max = 10_000) int length) {
        String truncated = token.substring(0, length % token.length());
        assertThatThrownBy(() -> clerk.authenticateToken(truncated, REQUEST))
                .isInstanceOf(AuthenticationException.class);
    }

    @Provide
    Arbitrary<Character> replacements() {
        return Arbitraries.oneOf(
                Arbitraries.chars()
                        .with("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray()),
                Arbitraries.chars().with(".=+/ \"{}".toCharArray()),
                Arbitraries.chars().range('\u0080', '\u00ff'));
    }
}
