package dev.mastra4j.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.auth.AuthReason;
import dev.mastra4j.auth.AuthenticationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeaderValidatorTest {

    private static final HeaderValidator CATEGORY = HeaderValidator.absentOrOneOf("cat", Set.of("session", "neutral"));

    @Test
    void absentOrOneOfAcceptsNoValueOrAListedOne() {
        for (Map<String, Object> header : List.<Map<String, Object>>of(
                Map.of("alg", "RS256"), Map.of("cat", "session"), Map.of("cat", "neutral"))) {
            assertThatCode(() -> CATEGORY.validate(new JwtHeader(header)))
                    .as(header.toString())
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void absentOrOneOfRefusesAnyOtherValueOfAnyType() {
        Map<String, Object> explicitNull = new HashMap<>();
        explicitNull.put("cat", null);
        for (Map<String, Object> header : List.<Map<String, Object>>of(
                Map.of("cat", "template"),
                Map.of("cat", "Session"),
                Map.of("cat", ""),
                Map.of("cat", 5L),
                Map.of("cat", List.of("session")),
                explicitNull)) {
            assertThatThrownBy(() -> CATEGORY.validate(new JwtHeader(header)))
                    .as(String.valueOf(header))
                    .isInstanceOfSatisfying(
                            AuthenticationException.class,
                            e -> assertThat(e.reason()).isEqualTo(AuthReason.TOKEN_INVALID.wireName()));
        }
    }
}
