package dev.mastra4j.storage.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastra4j.core.error.StorageUnavailableException;
import dev.mastra4j.core.storage.OrderBy;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Connection strings {@link PostgresStore} takes and refuses, and databases it cannot reach. */
class PostgresStoreConfigTest {

    @Test
    void mastraConnectionStringsBecomeJdbcUrlsWithUserAndPassword() {
        PostgresStore.Target t =
                PostgresStore.Target.parse("postgresql://mastra:p%40ss:w/rd@db.local:5433/app?sslmode=disable");
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://db.local:5433/app?sslmode=disable");
        assertThat(t.user()).isEqualTo("mastra");
        assertThat(t.password()).isEqualTo("p@ss:w/rd");
        assertThat(PostgresStore.Target.parse("postgres://u@h/db").password()).isNull();
        assertThat(PostgresStore.Target.parse("jdbc:postgresql://h/db?user=u").jdbcUrl())
                .isEqualTo("jdbc:postgresql://h/db?user=u");
        assertThat(PostgresStore.Target.parse("postgresql://u:secret@h/db").toString())
                .doesNotContain("secret");
    }

    @Test
    void otherFormsAreRefusedWithoutEchoingThem() {
        for (String bad : new String[] {"mysql://u:s3cret@h/db", "file:./mastra.db", "postgresql://u:s3cret@/db"}) {
            assertThatThrownBy(() -> PostgresStore.builder().connectionString(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("s3cret");
        }
        assertThatThrownBy(() -> PostgresStore.builder().build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nothingListeningGivesStorageUnavailableWithinTheTimeout() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (PostgresStore store = PostgresStore.builder()
                .connectionString("postgresql://mastra:s3cret@127.0.0.1:" + port + "/mastra")
                .connectionTimeout(Duration.ofMillis(500))
                .build()) {
            assertThatThrownBy(() -> store.listThreads("alice", 0, 10, OrderBy.NEWEST_FIRST))
                    .isInstanceOfSatisfying(StorageUnavailableException.class, e -> {
                        // For clients: the store's name only. For the log: the driver's words, with the address.
                        assertThat(e).hasMessage("PostgresStore is unavailable");
                        assertThat(e.detail())
                                .hasValueSatisfying(detail -> assertThat(detail)
                                        .contains(String.valueOf(port))
                                        .doesNotContain("s3cret"));
                    });
        }
    }

    @Test
    void aWrongPasswordGivesStorageUnavailableWithoutThePassword() throws Exception {
        TestPostgres pg = TestPostgres.shared();
        Assumptions.assumeTrue(pg.checksPasswords(), "the embedded server trusts every login");
        String url = pg.newDatabase().replace("jdbc:postgresql://", "postgresql://mastra:wr0ng-pw@");
        try (PostgresStore store = PostgresStore.builder()
                .connectionString(url)
                .connectionTimeout(Duration.ofSeconds(2))
                .build()) {
            assertThatThrownBy(() -> store.getThreadById("t"))
                    .isInstanceOfSatisfying(StorageUnavailableException.class, e -> {
                        assertThat(e).hasMessage("PostgresStore is unavailable");
                        assertThat(e.detail())
                                .hasValueSatisfying(detail -> assertThat(detail)
                                        .contains("password authentication failed")
                                        .doesNotContain("wr0ng-pw"));
                    });
        }
    }
}
