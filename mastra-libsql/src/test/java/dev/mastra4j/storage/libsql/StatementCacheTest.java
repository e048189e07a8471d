package dev.mastra4j.storage.libsql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/** {@link StatementCache} on a real SQLite file in WAL mode, as {@link LibSQLStore} opens it. */
class StatementCacheTest {

    @TempDir
    Path dir;

    private SQLiteConfig config;
    private String url;
    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        url = "jdbc:sqlite:" + dir.resolve("cache.db");
        connection = StatementCache.wrap(config.createConnection(url), 3);
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
            s.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private static PreparedStatement real(PreparedStatement leased) throws SQLException {
        return leased.unwrap(PreparedStatement.class);
    }

    private static String value(PreparedStatement s) throws SQLException {
        try (ResultSet r = s.executeQuery()) {
            return r.next() ? r.getString(1) : "none";
        }
    }

    @Test
    void theSameSqlIsPreparedOnceAndAnswersWithNewParameters() throws SQLException {
        PreparedStatement first;
        try (PreparedStatement s = connection.prepareStatement("SELECT v FROM t WHERE id = ?")) {
            s.setInt(1, 1);
            assertThat(value(s)).isEqualTo("one");
            first = real(s);
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT v FROM t WHERE id = ?")) {
            assertThat(real(s)).isSameAs(first);
            s.setInt(1, 2);
            assertThat(value(s)).isEqualTo("two");
        }
        assertThat(StatementCache.kept(connection)).isEqualTo(1);
        assertThat(first.isClosed()).isFalse();
    }

    @Test
    void aKeptStatementComesBackWithoutTheLastCallersParameters() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT ?")) {
            s.setString(1, "secret of the last caller");
            assertThat(value(s)).isEqualTo("secret of the last caller");
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT ?")) {
            assertThat(value(s)).isNull(); // an unbound parameter is NULL in SQLite
        }
    }

    @Test
    void aNestedUseOfTheSameSqlGetsItsOwnStatement() throws SQLException {
        String sql = "SELECT v FROM t WHERE id = ?";
        try (PreparedStatement outer = connection.prepareStatement(sql)) {
            outer.setInt(1, 1);
            try (ResultSet r = outer.executeQuery()) {
                assertThat(r.next()).isTrue();
                try (PreparedStatement inner = connection.prepareStatement(sql)) {
                    assertThat(real(inner)).isNotSameAs(real(outer));
                    inner.setInt(1, 2);
                    assertThat(value(inner)).isEqualTo("two");
                }
                assertThat(r.getString(1)).isEqualTo("one");
            }
        }
        assertThat(StatementCache.kept(connection)).isEqualTo(1);
    }

    @Test
    void aClosedLeaseCannotBeUsedAgain() throws SQLException {
        PreparedStatement s = connection.prepareStatement("SELECT 1");
        s.close();
        assertThat(s.isClosed()).isTrue();
        assertThatThrownBy(s::executeQuery).isInstanceOf(SQLException.class).hasMessage("statement is closed");
        s.close(); // twice is harmless
        try (PreparedStatement again = connection.prepareStatement("SELECT 1")) {
            assertThat(value(again)).isEqualTo("1");
        }
    }

    @Test
    void aStatementThatFailedIsClosedNotKept() throws SQLException {
        PreparedStatement failedOne;
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO t VALUES (?, 'x')")) {
            s.setInt(1, 1); // taken
            failedOne = real(s);
            assertThatThrownBy(s::executeUpdate).isInstanceOf(SQLException.class);
        }
        assertThat(failedOne.isClosed()).isTrue();
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO t VALUES (?, 'x')")) {
            assertThat(real(s)).isNotSameAs(failedOne);
            s.setInt(1, 3);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void atMostSizeStatementsAreKeptAndTheLeastRecentlyUsedIsClosed() throws SQLException {
        PreparedStatement eldest;
        try (PreparedStatement s = connection.prepareStatement("SELECT 1")) {
            eldest = real(s);
        }
        for (String sql : new String[] {"SELECT 2", "SELECT 3", "SELECT 4"}) {
            try (PreparedStatement s = connection.prepareStatement(sql)) {
                assertThat(value(s)).isEqualTo(sql.substring(7));
            }
        }
        assertThat(StatementCache.kept(connection)).isEqualTo(3);
        assertThat(eldest.isClosed()).isTrue();
    }

    @Test
    void closingTheConnectionClosesEveryKeptStatement() throws SQLException {
        PreparedStatement kept;
        try (PreparedStatement s = connection.prepareStatement("SELECT v FROM t")) {
            kept = real(s);
        }
        connection.close();
        assertThat(kept.isClosed()).isTrue();
        assertThat(connection.isClosed()).isTrue();
        assertThat(StatementCache.kept(connection)).isZero();
    }

    @Test
    void keptReadStatementsHoldNoSnapshotSoACheckpointCompletes() throws SQLException {
        try (Connection writer = config.createConnection(url)) {
            for (int i = 0; i < 3; i++) {
                try (PreparedStatement s = connection.prepareStatement("SELECT count(*) FROM t")) {
                    assertThat(value(s)).isEqualTo(String.valueOf(2 + i));
                }
                try (Statement w = writer.createStatement()) {
                    w.execute("INSERT INTO t (v) VALUES ('more')");
                }
            }
            // A statement left mid-read would pin the reader's snapshot: the checkpoint would report busy (1).
            try (Statement w = writer.createStatement();
                    ResultSet r = w.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(1)).as("busy").isZero();
            }
        }
    }

    @Test
    void sizeZeroIsTheConnectionItself() throws SQLException {
        try (Connection plain = config.createConnection(url)) {
            assertThat(StatementCache.wrap(plain, 0)).isSameAs(plain);
        }
        assertThatThrownBy(() -> StatementCache.wrap(connection, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
