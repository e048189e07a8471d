package dev.mastra4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.auth.JwtUser;
import java.security.Principal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who a stream is counted against. */
class StreamSlotsTest {

    record User(String id) {}

    @Test
    void theResourceIdWinsThenTheSubjectThenThePrincipalThenTheUserItself() {
        JwtUser early = new JwtUser("user_1", Map.of("sub", "user_1", "iat", 1));
        JwtUser later = new JwtUser("user_1", Map.of("sub", "user_1", "iat", 2));
        assertThat(StreamSlots.owner(early, null)).isEqualTo(StreamSlots.owner(later, null));
        assertThat(StreamSlots.owner(early, null))
                .isNotEqualTo(StreamSlots.owner(new JwtUser("user_2", Map.of()), null));

        assertThat(StreamSlots.owner(early, "res-1")).isEqualTo(StreamSlots.owner(new User("x"), "res-1"));
        Principal named = () -> "svc";
        assertThat(StreamSlots.owner(named, null)).isEqualTo(StreamSlots.owner((Principal) () -> "svc", null));
        assertThat(StreamSlots.owner(new User("alice"), null))
                .isEqualTo(StreamSlots.owner(new User("alice"), null))
                .isNotEqualTo(StreamSlots.owner(new User("bob"), null));
        // A subject "res-1" and a resource id "res-1" are different owners.
        assertThat(StreamSlots.owner(new JwtUser("res-1", Map.of()), null))
                .isNotEqualTo(StreamSlots.owner(null, "res-1"));
        assertThat(StreamSlots.owner(null, null)).isNull();
    }
}
