package dev.mastra4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which CORS settings can be built, and which origins they let read responses. */
class CorsOptionsTest {

    @Test
    void credentialsWithAWildcardAreRefusedWhenBuilt() {
        assertThatThrownBy(() -> CorsOptions.builder()
                        .allowedOrigins("*")
                        .allowCredentials(true)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowCredentials(true)")
                .hasMessageContaining("explicit");
        assertThatThrownBy(() -> CorsOptions.builder()
                        .allowedOrigins("https://app.example", "*")
                        .allowCredentials(true)
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CorsOptions(List.of("*"), null, null, true, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void credentialsWithoutOriginsAreRefusedWhenBuilt() {
        // No origins means any origin, so it is the wildcard again.
        assertThatThrownBy(() -> CorsOptions.builder().allowCredentials(true).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("explicit");
        assertThatThrownBy(() -> new CorsOptions(null, null, null, true, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CorsOptions(List.of(), null, null, true, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void credentialsWorkWithAnExplicitList() {
        CorsOptions cors = CorsOptions.builder()
                .allowedOrigins("https://app.example")
                .allowCredentials(true)
                .build();

        assertThat(cors.allowCredentials()).isTrue();
        assertThat(cors.allowsOrigin("https://app.example")).isTrue();
        assertThat(cors.allowsOrigin("https://evil.example")).isFalse();
        assertThat(cors.allowsOrigin(null)).isFalse();
    }

    @Test
    void theNullOriginIsNeverAllowed() {
        // Sandboxed frames, data: URLs and file pages all send "Origin: null": allowing it allows any of them.
        assertThat(CorsOptions.allowOrigins("*").allowsOrigin("null")).isFalse();
        assertThat(CorsOptions.builder().build().allowsOrigin("null")).isFalse();
        assertThat(CorsOptions.allowOrigins("https://app.example").allowsOrigin("null"))
                .isFalse();
        assertThatThrownBy(() -> CorsOptions.allowOrigins("https://app.example", "null"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> CorsOptions.builder().allowedOrigins("NULL").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWildcardWithoutCredentialsStillAllowsAnyRealOrigin() {
        assertThat(CorsOptions.allowOrigins("*").allowsOrigin("https://any.example"))
                .isTrue();
        assertThat(CorsOptions.builder().build().allowsOrigin("https://any.example"))
                .isTrue();
    }
}
