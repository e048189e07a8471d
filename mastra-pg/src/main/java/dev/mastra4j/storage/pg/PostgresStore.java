package dev.mastra4j.storage.pg;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mastra4j.storage.jdbc.JdbcMemoryStore;
import dev.mastra4j.storage.jdbc.PooledTransactor;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Memory in PostgreSQL, named after Mastra's {@code PostgresStore} so that its docs translate line by line:
 *
 * <pre>{@code
 * PostgresStore store = PostgresStore.builder()
 *         .connectionString("postgresql://user:pass@host:5432/db")
 *         .build();
 * }</pre>
 *
 * <p>The tables and formats are those of {@code @mastra/pg} 1.27, so a Mastra TypeScript service and any number of
 * mastra4j servers can share one database. Every method commits before it returns. A database that is down, refuses
 * the login or does not answer gives {@link dev.mastra4j.core.error.StorageUnavailableException} within the
 * connection timeout (default 5 s) or the socket timeout (default 30 s), never a hang; messages never carry the
 * password.
 */
public final class PostgresStore extends JdbcMemoryStore {

    private PostgresStore(HikariDataSource pool) {
        super(new PgDialect(), new PooledTransactor(pool, pool::close), () -> {});
    }

    /** The hot reads' statements, for the query-plan test. */
    Map<String, String> plannedQueries() {
        return hotQueries();
    }

    /** A builder; {@link Builder#connectionString} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures a {@link PostgresStore}. */
    public static final class Builder {

        private Target target;
        private int maxPoolSize = 10;
        private Duration connectionTimeout = Duration.ofSeconds(5);
        private Duration socketTimeout = Duration.ofSeconds(30);

        private Builder() {}

        /**
         * The database: {@code postgresql://user:password@host:port/database} (Mastra's form; user and password
         * percent-encoded, query parameters such as {@code sslmode} passed on), {@code postgres://...}, or a
         * {@code jdbc:postgresql:} URL.
         *
         * @throws IllegalArgumentException for any other form; the message never repeats the string
         */
        public Builder connectionString(String connectionString) {
            this.target = Target.parse(Objects.requireNonNull(connectionString, "connectionString"));
            return this;
        }

        /** The most connections the pool opens (default 10). */
        public Builder maxPoolSize(int maxPoolSize) {
            if (maxPoolSize < 1) {
                throw new IllegalArgumentException("maxPoolSize must be 1 or more");
            }
            this.maxPoolSize = maxPoolSize;
            return this;
        }

        /** How long a call waits for a connection, including opening one, before failing (default 5 s; 250 ms min). */
        public Builder connectionTimeout(Duration connectionTimeout) {
            if (connectionTimeout.toMillis() < 250) {
                throw new IllegalArgumentException("connectionTimeout must be 250 ms or more");
            }
            this.connectionTimeout = connectionTimeout;
            return this;
        }

        /** How long a call waits for the database to answer on an open connection (default 30 s; 1 s min). */
        public Builder socketTimeout(Duration socketTimeout) {
            if (socketTimeout.toSeconds() < 1) {
                throw new IllegalArgumentException("socketTimeout must be 1 s or more");
            }
            this.socketTimeout = socketTimeout;
            return this;
        }

        /**
         * Builds the store and creates the tables if the database answers; otherwise the first call does, and until
         * then calls fail with {@link dev.mastra4j.core.error.StorageUnavailableException}.
         */
        public PostgresStore build() {
            if (target == null) {
                throw new IllegalStateException("PostgresStore needs a connectionString");
            }
            HikariConfig config = new HikariConfig();
            config.setPoolName("mastra4j-pg");
            config.setJdbcUrl(target.jdbcUrl());
            if (target.user() != null) {
                config.setUsername(target.user());
            }
            if (target.password() != null) {
                config.setPassword(target.password());
            }
            config.setMaximumPoolSize(maxPoolSize);
            config.setMinimumIdle(Math.min(2, maxPoolSize));
            config.setConnectionTimeout(connectionTimeout.toMillis());
            config.setValidationTimeout(Math.min(connectionTimeout.toMillis() - 1, 5000));
            config.setInitializationFailTimeout(-1); // start without the database; calls fail until it answers
            long connectSeconds = Math.max(1, connectionTimeout.toSeconds());
            config.addDataSourceProperty("connectTimeout", Long.toString(connectSeconds));
            config.addDataSourceProperty("loginTimeout", Long.toString(connectSeconds));
            config.addDataSourceProperty("socketTimeout", Long.toString(socketTimeout.toSeconds()));
            config.addDataSourceProperty("tcpKeepAlive", "true");
            config.addDataSourceProperty("ApplicationName", "mastra4j");
            PostgresStore store = new PostgresStore(new HikariDataSource(config));
            store.start();
            return store;
        }
    }

    /** Where to connect: a JDBC URL, and the user and password when the connection string carried them. */
    record Target(String jdbcUrl, String user, String password) {

        static Target parse(String connectionString) {
            String s = connectionString.strip();
            if (s.startsWith("jdbc:postgresql:")) {
                return new Target(s, null, null);
            }
            String rest;
            if (s.startsWith("postgresql://")) {
                rest = s.substring("postgresql://".length());
            } else if (s.startsWith("postgres://")) {
                rest = s.substring("postgres://".length());
            } else {
                throw new IllegalArgumentException(
                        "PostgresStore takes postgresql://user:password@host:port/database, postgres://... or a"
                                + " jdbc:postgresql: URL");
            }
            int at = rest.lastIndexOf('@');
            int hostStart = at + 1;
            int hostEnd = hostStart;
            while (hostEnd < rest.length() && rest.charAt(hostEnd) != '/' && rest.charAt(hostEnd) != '?') {
                hostEnd++;
            }
            String host = rest.substring(hostStart, hostEnd);
            if (host.isEmpty()) {
                throw new IllegalArgumentException("PostgresStore's connection string names no host");
            }
            String user = null;
            String password = null;
            if (at >= 0) {
                String userInfo = rest.substring(0, at);
                int colon = userInfo.indexOf(':');
                user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            }
            return new Target("jdbc:postgresql://" + host + rest.substring(hostEnd), user, password);
        }

        private static String decode(String text) {
            try {
                return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "PostgresStore's connection string has a malformed percent-encoding in the user or password");
            }
        }

        @Override
        public String toString() {
            return "Target[" + jdbcUrl + ", user=" + user + "]";
        }
    }
}
