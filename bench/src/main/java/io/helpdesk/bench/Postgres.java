package io.helpdesk.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The database under test: the embedded PostgreSQL (the default), or a server named by BENCH_DB_*. */
final class Postgres implements AutoCloseable {

    record Server(String host, int port, String name, String user, String password) {

        String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl(), user, password);
        }

        String[] springArgs() {
            return new String[]{"--DB_HOST=" + host, "--DB_PORT=" + port, "--DB_NAME=" + name, "--DB_USER=" + user,
                    "--DB_PASSWORD=" + password};
        }
    }

    private final EmbeddedPostgres embedded;
    private final Server server;

    Postgres(Path work) throws IOException, SQLException {
        String host = System.getenv("BENCH_DB_HOST");
        if (host != null && !host.isBlank()) {
            embedded = null;
            server = new Server(host, Integer.parseInt(env("BENCH_DB_PORT", "5432")), env("BENCH_DB_NAME", "helpdesk_bench"),
                                env("BENCH_DB_USER", "postgres"), env("BENCH_DB_PASSWORD", "postgres"));
            return;
        }
        Path data = work.resolve("pgdata");
        if (Files.exists(data)) {
            // Every run starts from an empty database.
            try (var paths = Files.walk(data)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Path binaries = work.resolve("pg-binaries");
        Files.createDirectories(binaries);
        embedded = EmbeddedPostgres.builder()
                                   .setDataDirectory(data)
                                   .setCleanDataDirectory(true)
                                   .setOverrideWorkingDirectory(binaries.toFile())
                                   .setServerConfig("max_connections", "200")
                                   .setServerConfig("shared_buffers", "512MB")
                                   .start();
        try (Connection connection = embedded.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE helpdesk_bench");
        }
        server = new Server("127.0.0.1", embedded.getPort(), "helpdesk_bench", "postgres", "postgres");
    }

    Server server() {
        return server;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
