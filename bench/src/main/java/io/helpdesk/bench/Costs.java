package io.helpdesk.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a step of load cost: CPU time of each app process and of PostgreSQL (every process named
 * {@code postgres} on this machine, with the children they reaped), transactions committed and, where
 * pg_stat_statements is installed, statements run, taken before and after the load.
 */
final class Costs {

    record Snapshot(Map<String, Long> cpuMillis, long commits, long statements) {
    }

    private final Postgres.Server db;
    private final Map<String, AppProcess> apps;

    Costs(Postgres.Server db, Map<String, AppProcess> apps) {
        this.db = db;
        this.apps = apps;
    }

    Snapshot take() throws IOException, SQLException {
        Map<String, Long> cpu = new LinkedHashMap<>();
        for (Map.Entry<String, AppProcess> app : apps.entrySet()) {
            cpu.put(app.getKey(), app.getValue().cpuTime().toMillis());
        }
        cpu.put("PostgreSQL", postgresCpuMillis());
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_clear_snapshot()");
            long commits;
            try (ResultSet rows = statement.executeQuery("SELECT sum(xact_commit) FROM pg_stat_database")) {
                rows.next();
                commits = rows.getLong(1);
            }
            long statements = -1;
            try (ResultSet rows = statement.executeQuery(
                    "SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements'")) {
                rows.next();
                if (rows.getLong(1) > 0) {
                    try (ResultSet calls = statement.executeQuery("SELECT sum(calls) FROM pg_stat_statements")) {
                        calls.next();
                        statements = calls.getLong(1);
                    }
                }
            }
            return new Snapshot(cpu, commits, statements);
        }
    }

    /** Per request between two snapshots: CPU per process, commits, statements; one line for the log. */
    static String perRequest(Snapshot before, Snapshot after, long requests) {
        List<String> parts = new ArrayList<>();
        before.cpuMillis().forEach((process, millis) -> parts.add(String.format(
                "%s %.2f ms", process, (after.cpuMillis().get(process) - millis) / (double) Math.max(1, requests))));
        String line = "CPU per request: " + String.join(", ", parts)
                + String.format("; commits per request %.2f", (after.commits() - before.commits())
                / (double) Math.max(1, requests));
        if (before.statements() >= 0 && after.statements() >= 0) {
            line += String.format(", statements per request %.2f", (after.statements() - before.statements())
                    / (double) Math.max(1, requests));
        }
        return line;
    }

    /** CPU per request of one process between two snapshots, in milliseconds. */
    static double cpuPerRequest(Snapshot before, Snapshot after, String process, long requests) {
        return (after.cpuMillis().get(process) - before.cpuMillis().get(process)) / (double) Math.max(1, requests);
    }

    /**
     * Every postgres process's own CPU and that of the children it waited for: a backend that ends moves its
     * time into its parent's, so the sum stays whole across connections that close.
     */
    private static long postgresCpuMillis() throws IOException {
        long ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (!name.equals("postgres")) {
                        continue;
                    }
                    ticks += AppProcess.ticks(stat, true);
                } catch (NoSuchFileException ended) {
                    // a process that ended between the listing and the read
                }
            }
        }
        return ticks * 1000 / AppProcess.CLOCK_TICKS;
    }
}
