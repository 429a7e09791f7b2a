package io.helpdesk.devdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs a real PostgreSQL server for a machine that has none, until the process is stopped. The cluster lives
 * in {@code DEVDB_DATA} (default {@code data/postgres}) and survives restarts; delete that folder for a clean
 * start. Once the database {@code DB_NAME} exists, the file {@code DEVDB_DATA/../devdb.ready} is written.
 */
public final class DevDatabase {

    private DevDatabase() {
    }

    public static void main(String[] args) throws IOException, SQLException, InterruptedException {
        Path data = Path.of(env("DEVDB_DATA", "data/postgres")).toAbsolutePath();
        int port = Integer.parseInt(env("DB_PORT", "54329"));
        String database = env("DB_NAME", "helpdesk");
        Path binaries = data.resolveSibling("pg-binaries");
        Path ready = data.resolveSibling("devdb.ready");
        Files.createDirectories(data);
        Files.createDirectories(binaries);
        Files.deleteIfExists(ready);

        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                                                    .setDataDirectory(data)
                                                    .setCleanDataDirectory(false)
                                                    .setOverrideWorkingDirectory(binaries.toFile())
                                                    .setPort(port)
                                                    .setServerConfig("max_connections", "200")
                                                    .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(ready);
                postgres.close();
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }, "devdb-stop"));

        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + database.replace("'", "''") + "'")) {
                if (!exists.next()) {
                    statement.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
                }
            }
        }
        Files.writeString(ready, "jdbc:postgresql://localhost:" + port + "/" + database + "\n");
        System.out.println("PostgreSQL is ready on localhost:" + port + ", database " + database
                                   + ", user postgres; data in " + data);
        Thread.currentThread().join();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
