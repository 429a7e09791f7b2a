package io.helpdesk.bench;

import io.helpdesk.eventstore.seal.SealKey;
import io.helpdesk.eventstore.seal.StoreVerifier;
import io.helpdesk.security.Role;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's backup and restore procedure, done for real: both apps run under load and {@code pg_dump -Fc} takes a
 * backup while commands are written (restored, it holds the source's events byte for byte and verifies against
 * the seal); after the load one more backup is taken with the apps running, {@code pg_restore} restores it into
 * a new database, and both apps start on the restored one. Then: the restored events are the same events, byte for byte, the store verifies against the
 * seal, an audit export up to the same moment ends with the same final hash on both databases, the restored apps
 * take new commands, and every read model equals a fresh rebuild of itself. Exits 1 when any of it fails.
 * {@code java -jar bench/target/bench-*-exec.jar backup-check} ({@code BACKUP_SECONDS}, 20 of load; needs
 * Debian's {@code postgresql-client}: {@code pg_dump} and {@code pg_restore}).
 */
final class BackupCheck {

    private static final Pattern FINAL_HASH = Pattern.compile("\"finalHash\":\"([^\"]+)\"");
    private static final Pattern RECORDS = Pattern.compile("\\{\"records\":(\\d+)");
    /** Every column of every event, in order: equal digests, equal histories. */
    private static final String EVENTS_DIGEST = """
            SELECT count(*) || ' events, md5 ' || md5(string_agg(concat_ws('|', global_index, event_identifier,
                   aggregate_identifier, sequence_number, type, payload_type, payload_revision,
                   encode(payload, 'hex'), encode(meta_data, 'hex'), time_stamp), ',' ORDER BY global_index))
            FROM eventstore.domain_event_entry WHERE global_index <= ?""";

    private final Path root = Path.of("").toAbsolutePath();
    private final Duration loadFor = Duration.ofSeconds(Long.parseLong(env("BACKUP_SECONDS", "20")));
    private Http http;
    private String admin;

    static int run() throws Exception {
        return new BackupCheck().check();
    }

    private int check() throws Exception {
        Path work = root.resolve("bench/target/backup");
        Path logs = work.resolve("logs");
        Files.createDirectories(logs);
        String secret = Http.randomSecret();
        http = new Http(secret);
        admin = http.bearer("backup-admin", Role.ADMIN, Role.MANAGER, Role.AGENT);
        SealKey.Verifier seal = SealKey.of(AppProcess.sealKey(secret)).verifier();
        List<String> jvm = List.of("-Xmx384m");
        boolean ok = true;
        try (Postgres postgres = new Postgres(work)) {
            Postgres.Server source = postgres.server();
            Postgres.Server restored = new Postgres.Server(source.host(), source.port(), source.name() + "_restored",
                                                           source.user(), source.password());
            Path dump = work.resolve("helpdesk.dump");
            Path liveDump = work.resolve("helpdesk-under-load.dump");
            Instant exportedUpTo;
            String sourceExport;
            long lastBackedUp;
            Map<String, String> env = AppProcess.environment(source, secret, 18390, 18391);
            env.put("SEAL_WINDOW", "2s");
            try (AppProcess commandApp = new AppProcess("command-app", root, logs, 18390, jvm, env);
                 AppProcess queryApp = new AppProcess("query-app", root, logs, 18391, jvm, env)) {
                commandApp.awaitHealthy(Duration.ofMinutes(3));
                queryApp.awaitHealthy(Duration.ofMinutes(3));
                AtomicLong commands = new AtomicLong();
                AtomicLong failed = new AtomicLong();
                AtomicBoolean loading = new AtomicBoolean(true);
                ExecutorService load = Executors.newFixedThreadPool(2);
                List<Future<?>> senders = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    long seed = i;
                    senders.add(load.submit(() -> CrashCheck.send(http, commandApp.url(), new Random(seed), loading,
                                                                  commands, failed)));
                }
                Thread.sleep(loadFor.toMillis() / 2);
                // A backup of the database in use, taken while commands are being written.
                long dumped = dump(source, liveDump);
                log("backup under load: pg_dump -Fc took %,d ms, %,d bytes, %,d commands sent so far", dumped,
                    Files.size(liveDump), commands.get());
                Thread.sleep(loadFor.toMillis() / 2);
                loading.set(false);
                for (Future<?> sender : senders) {
                    sender.get();
                }
                load.shutdown();
                log("load: %,d commands, %d failed or 5xx", commands.get(), failed.get());
                ok &= failed.get() == 0;
                ok &= CrashCheck.verifySeal(source, seal);
                // The backup this check restores: taken with the apps running, after an export up to a moment.
                exportedUpTo = Instant.now();
                sourceExport = export(queryApp.url(), exportedUpTo);
                long took = dump(source, dump);
                lastBackedUp = RebuildComparison.jdbc(source).queryForObject(
                        "SELECT max(global_index) FROM eventstore.domain_event_entry", Long.class);
                log("backup: pg_dump -Fc took %,d ms, %,d bytes", took, Files.size(dump));
            }
            ok &= liveBackupRestores(source, liveDump, seal);
            long took = restore(source, restored, dump);
            log("restore: pg_restore into a new database took %,d ms", took);
            String before = RebuildComparison.jdbc(source).queryForObject(EVENTS_DIGEST, String.class, lastBackedUp);
            String after = RebuildComparison.jdbc(restored).queryForObject(EVENTS_DIGEST, String.class, lastBackedUp);
            log("events: backed up %s; restored %s", before, after);
            ok &= before.equals(after);
            Map<String, String> restoredEnv = AppProcess.environment(restored, secret, 18392, 18393);
            restoredEnv.put("SEAL_WINDOW", "2s");
            try (AppProcess commandApp = new AppProcess("command-app", "command-app-restored", root, logs, 18392, jvm,
                                                        restoredEnv);
                 AppProcess queryApp = new AppProcess("query-app", "query-app-restored", root, logs, 18393, jvm,
                                                      restoredEnv)) {
                commandApp.awaitHealthy(Duration.ofMinutes(3));
                queryApp.awaitHealthy(Duration.ofMinutes(3));
                String restoredExport = export(queryApp.url(), exportedUpTo);
                log("audit export up to %s: %s records, final hash %s before; %s records, final hash %s after",
                    exportedUpTo, group(RECORDS, sourceExport), group(FINAL_HASH, sourceExport),
                    group(RECORDS, restoredExport), group(FINAL_HASH, restoredExport));
                ok &= group(FINAL_HASH, sourceExport) != null
                        && group(FINAL_HASH, sourceExport).equals(group(FINAL_HASH, restoredExport))
                        && java.util.Objects.equals(group(RECORDS, sourceExport), group(RECORDS, restoredExport));
                ok &= takesCommands(commandApp.url(), queryApp.url());
                ok &= CrashCheck.verifySeal(restored, seal);
                RebuildComparison.Result compared = RebuildComparison.compare(http, admin, queryApp.url(), restored);
                if (compared == null) {
                    ok = false;
                } else {
                    log("read models of the restored database: %,d events, %,d rows compared with a rebuild, "
                                + "%d differences, %d dead letters",
                        compared.events(), compared.rows(), compared.differences(), compared.deadLetters());
                    ok &= compared.ok();
                }
            }
        }
        log("backup check: %s", ok ? "passed" : "FAILED");
        return ok ? 0 : 1;
    }

    /**
     * The backup taken under load is a consistent snapshot: every event it holds is the source's event at that
     * position, byte for byte (events committed after it are missing, never half there), and its store verifies
     * against the seal as far as it was sealed.
     */
    private static boolean liveBackupRestores(Postgres.Server source, Path liveDump, SealKey.Verifier seal)
            throws Exception {
        Postgres.Server live = new Postgres.Server(source.host(), source.port(), source.name() + "_live",
                                                   source.user(), source.password());
        restore(source, live, liveDump);
        String rows = "SELECT global_index, md5(concat_ws('|', event_identifier, aggregate_identifier, "
                + "sequence_number, payload_type, encode(payload, 'hex'), encode(meta_data, 'hex'), time_stamp)) "
                + "FROM eventstore.domain_event_entry ORDER BY global_index";
        Map<Long, String> restoredRows = new java.util.LinkedHashMap<>();
        RebuildComparison.jdbc(live).query(rows, row -> {
            restoredRows.put(row.getLong(1), row.getString(2));
        });
        Map<Long, String> sourceRows = new java.util.HashMap<>();
        RebuildComparison.jdbc(source).query(rows, row -> {
            sourceRows.put(row.getLong(1), row.getString(2));
        });
        long differing = restoredRows.entrySet().stream()
                                     .filter(row -> !row.getValue().equals(sourceRows.get(row.getKey()))).count();
        StoreVerifier.Result verified;
        try (Connection connection = live.connect()) {
            verified = StoreVerifier.verify(connection, List.of(seal));
        }
        log("backup under load, restored: %,d events, %d differ from the source's; sealed history %s",
            restoredRows.size(), differing, verified);
        return !restoredRows.isEmpty() && differing == 0 && verified.ok();
    }

    /** The whole audit export (NDJSON) of events up to {@code to}; its last line holds the final hash. */
    private String export(String queryUrl, Instant to) throws IOException {
        Http.Reply reply = http.get(queryUrl + "/api/audit/events?to=" + URLEncoder.encode(to.toString(),
                                                                                         StandardCharsets.UTF_8), admin);
        if (!reply.ok()) {
            throw new IllegalStateException("audit export answered " + reply.status() + ": " + reply.body());
        }
        return reply.body();
    }

    /** A ticket opened on the restored command-app shows in the restored query-app's inbox. */
    private boolean takesCommands(String commandUrl, String queryUrl) throws Exception {
        Http.Reply opened = http.post(commandUrl + "/api/tickets", admin, "{\"customerEmail\":\"after@example.com\","
                + "\"channel\":\"EMAIL\",\"subject\":\"after the restore\",\"body\":\"b\"}");
        Matcher id = Pattern.compile("\"ticketId\":\"([^\"]+)\"").matcher(opened.body());
        if (opened.status() != 201 || !id.find()) {
            log("the restored command-app answered %d: %s", opened.status(), opened.body());
            return false;
        }
        Http.Reply ticket = http.get(queryUrl + "/api/tickets/" + id.group(1), admin, opened.eventPosition());
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while ((!ticket.ok() || ticket.stale()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            ticket = http.get(queryUrl + "/api/tickets/" + id.group(1), admin, opened.eventPosition());
        }
        log("after the restore: a new ticket answered %d by command-app, %d by query-app", opened.status(),
            ticket.status());
        return ticket.ok();
    }

    /** {@code pg_dump -Fc} of the database into the file; answers the milliseconds it took. */
    private static long dump(Postgres.Server db, Path file) throws Exception {
        Files.deleteIfExists(file);
        return run(db, List.of("pg_dump", "--format=custom", "--file=" + file, "--host=" + db.host(),
                               "--port=" + db.port(), "--username=" + db.user(), db.name()));
    }

    /** A new, empty database, and {@code pg_restore} of the file into it; answers the milliseconds it took. */
    private static long restore(Postgres.Server source, Postgres.Server target, Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://" + source.host() + ":" + source.port() + "/postgres", source.user(),
                source.password());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + target.name());
            statement.execute("CREATE DATABASE " + target.name());
        }
        return run(target, List.of("pg_restore", "--exit-on-error", "--no-owner", "--host=" + target.host(),
                                   "--port=" + target.port(), "--username=" + target.user(),
                                   "--dbname=" + target.name(), file.toString()));
    }

    private static long run(Postgres.Server db, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", db.password());
        long started = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, 1)) + " failed: " + output);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    private static String group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        String last = null;
        while (matcher.find()) {
            last = matcher.group(1);
        }
        return last;
    }

    private static void log(String format, Object... args) {
        System.out.println(String.format(format, args));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
