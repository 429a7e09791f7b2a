package io.helpdesk.eventstore.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh, empty database on a real PostgreSQL for each caller. By default the server is an embedded
 * PostgreSQL started once per test JVM; when {@code TEST_DB_HOST} is set, the server it names is used instead
 * (with {@code TEST_DB_PORT}, {@code TEST_DB_USER}, {@code TEST_DB_PASSWORD}; the user needs CREATEDB).
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    /**
     * The embedded server stops in a JVM shutdown hook that can run before the test contexts close; their last
     * database calls should then give up quickly rather than wait Hikari's default 30 s.
     */
    private static final int CONNECTION_TIMEOUT_MILLIS = 3_000;
    private static Server server;

    private TestDatabase() {
    }

    public static synchronized Database create() {
        if (server == null) {
            server = startServer();
        }
        String name = "helpdesk_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(server.url("postgres"), server.user,
                                                                 server.password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        return new Database(server.host, server.port, name, server.user, server.password);
    }

    private static Server startServer() {
        String host = System.getenv("TEST_DB_HOST");
        if (host != null && !host.isBlank()) {
            return new Server(host, Integer.parseInt(env("TEST_DB_PORT", "5432")), env("TEST_DB_USER", "postgres"),
                              env("TEST_DB_PASSWORD", ""));
        }
        try {
            File workDir = new File(System.getProperty("java.io.tmpdir"), "embedded-pg");
            workDir.mkdirs();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                                                        .setOverrideWorkingDirectory(workDir)
                                                        .setServerConfig("max_connections", "300")
                                                        .setServerConfig("fsync", "off")
                                                        .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away either way
                }
            }));
            // An address, not a name: the reactive driver resolves names asynchronously, which can stall without DNS.
            return new Server("127.0.0.1", postgres.getPort(), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private record Server(String host, int port, String user, String password) {
        String url(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    /** Connection settings of one test database, in the form the apps read them (DB_HOST, DB_PORT, ...). */
    public record Database(String host, int port, String name, String user, String password) {

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl(), user, password);
        }

        /**
         * A database outage as the apps see one: every connection to this database is cut and new ones are
         * refused ({@code false}), or accepted again ({@code true}). Other test databases are not touched.
         */
        public void acceptConnections(boolean accept) {
            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres",
                                                                user, password);
                 Statement statement = admin.createStatement()) {
                statement.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + accept);
                if (!accept) {
                    statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                                              + name + "'");
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not change connections to " + name, e);
            }
        }

        /** Command-line arguments for SpringApplication: they outrank every configuration file. */
        public String[] args() {
            return new String[]{"--DB_HOST=" + host, "--DB_PORT=" + port, "--DB_NAME=" + name,
                    "--DB_USER=" + user, "--DB_PASSWORD=" + password,
                    "--spring.datasource.hikari.connection-timeout=" + CONNECTION_TIMEOUT_MILLIS,
                    "--JWT_HMAC_SECRET=" + TestTokens.SECRET, "--SEAL_PRIVATE_KEY=" + TestTokens.SEAL_KEY};
        }

        public void register(DynamicPropertyRegistry registry) {
            registry.add("DB_HOST", this::host);
            registry.add("DB_PORT", this::port);
            registry.add("DB_NAME", this::name);
            registry.add("DB_USER", this::user);
            registry.add("DB_PASSWORD", this::password);
            registry.add("spring.datasource.hikari.connection-timeout", () -> CONNECTION_TIMEOUT_MILLIS);
            registry.add("JWT_HMAC_SECRET", () -> TestTokens.SECRET);
            registry.add("SEAL_PRIVATE_KEY", () -> TestTokens.SEAL_KEY);
        }
    }
}
