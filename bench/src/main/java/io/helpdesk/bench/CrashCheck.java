package io.helpdesk.bench;

import io.helpdesk.eventstore.seal.SealKey;
import io.helpdesk.eventstore.seal.StoreVerifier;
import io.helpdesk.security.Role;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exactly once across crashes, with the real packaged apps: while clients send commands, query-app is killed
 * with SIGKILL again and again and started anew; afterwards every read model must equal, row for row, a fresh
 * rebuild of itself from the event store, with nothing set aside; and that command-app sealed the whole history and
 * the store verifies against the seal. Prints the kills, events, rows compared and differences; exits 1 on any
 * difference. {@code java -jar bench/target/bench-*-exec.jar crash-check}
 * ({@code CRASH_KILLS}, 5; {@code CRASH_CLIENTS}, 4; {@code CRASH_SECONDS_BETWEEN_KILLS}, 4).
 */
final class CrashCheck {

    /** Replies command-app has not settled yet (ReplyDelivery.UNSETTLED, which this module cannot reach). */
    static final String UNSETTLED_REPLIES = """
            SELECT count(*) FROM eventstore.domain_event_entry r
            WHERE r.payload_type = 'io.helpdesk.domain.ticket.AgentReplied'
              AND NOT EXISTS (SELECT 1 FROM eventstore.domain_event_entry s
                              WHERE s.aggregate_identifier = r.aggregate_identifier
                                AND s.sequence_number > r.sequence_number
                                AND s.payload_type IN ('io.helpdesk.domain.ticket.ReplyDispatched',
                                                       'io.helpdesk.domain.ticket.ReplyDeliveryFailed')
                                AND convert_from(s.payload, 'UTF8')::jsonb ->> 'replyId' = r.event_identifier)""";

    private static final Pattern TICKET_ID = Pattern.compile("\"ticketId\":\"([^\"]+)\"");

    private final Path root = Path.of("").toAbsolutePath();
    private final int kills = Integer.parseInt(env("CRASH_KILLS", "5"));
    private final int clients = Integer.parseInt(env("CRASH_CLIENTS", "4"));
    private final Duration between = Duration.ofSeconds(Long.parseLong(env("CRASH_SECONDS_BETWEEN_KILLS", "4")));

    private Http http;
    private String admin;
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    static int run() throws Exception {
        return new CrashCheck().check();
    }

    private int check() throws Exception {
        Path work = root.resolve("bench/target/crash");
        Path logs = work.resolve("logs");
        Files.createDirectories(logs);
        String secret = Http.randomSecret();
        http = new Http(secret);
        admin = http.bearer("crash-admin", Role.ADMIN, Role.MANAGER, Role.AGENT);
        try (Postgres postgres = new Postgres(work)) {
            Postgres.Server db = postgres.server();
            Map<String, String> env = AppProcess.environment(db, secret, 18090, 18091);
            // Seal soon after the load stops, so that the check below covers nearly every event.
            env.put("SEAL_WINDOW", "2s");
            List<String> jvm = List.of("-Xmx384m");
            try (AppProcess commandApp = new AppProcess("command-app", root, logs, 18090, jvm, env)) {
                commandApp.awaitHealthy(Duration.ofMinutes(3));
                AppProcess queryApp = new AppProcess("query-app", root, logs, 18091, jvm, env);
                queryApp.awaitHealthy(Duration.ofMinutes(3));
                AtomicBoolean loading = new AtomicBoolean(true);
                ExecutorService load = Executors.newFixedThreadPool(clients);
                List<Future<?>> senders = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    long seed = i;
                    senders.add(load.submit(() -> send(commandApp.url(), new Random(seed), loading)));
                }
                for (int kill = 1; kill <= kills; kill++) {
                    Thread.sleep(between.toMillis());
                    queryApp.kill();
                    log("kill %d: query-app killed with SIGKILL after %,d commands", kill, commands.get());
                    queryApp = new AppProcess("query-app", root, logs, 18091, jvm, env);
                    queryApp.awaitHealthy(Duration.ofMinutes(3));
                }
                Thread.sleep(between.toMillis());
                loading.set(false);
                for (Future<?> sender : senders) {
                    sender.get();
                }
                load.shutdown();
                try {
                    int compared = compare(queryApp, db);
                    int result = verifySeal(db, SealKey.of(AppProcess.sealKey(secret)).verifier()) ? compared : 1;
                    if (result != 0) {
                        warnings(logs.resolve("query-app.log"));
                    }
                    return result;
                } finally {
                    queryApp.close();
                }
            }
        }
    }

    private void send(String url, Random random, AtomicBoolean loading) {
        send(http, url, random, loading, commands, failed);
    }

    /** One client: opens tickets and works them (replies, notes, assignments, status changes, handoffs). */
    static void send(Http http, String url, Random random, AtomicBoolean loading, AtomicLong commands,
                     AtomicLong failed) {
        String agent = http.bearer("agent-" + random.nextInt(3), Role.AGENT);
        List<String> tickets = new ArrayList<>();
        while (loading.get()) {
            try {
                Http.Reply reply;
                if (tickets.isEmpty() || random.nextInt(5) == 0) {
                    reply = http.post(url + "/api/tickets", agent, "{\"customerEmail\":\"c" + random.nextInt(50)
                            + "@example.com\",\"channel\":\"EMAIL\",\"subject\":\"crash\",\"body\":\"b\",\"importance\":"
                            + random.nextInt(11) + "}");
                    Matcher id = TICKET_ID.matcher(reply.body());
                    if (reply.ok() && id.find()) {
                        tickets.add(id.group(1));
                    }
                } else {
                    String ticket = tickets.get(random.nextInt(tickets.size()));
                    String[][] choices = {
                            {"/replies", "{\"body\":\"on it\"}"}, {"/notes", "{\"body\":\"@agent-1 look\"}"},
                            {"/assignment", "{\"assignee\":\"agent-" + random.nextInt(3) + "\",\"team\":\"team-1\"}"},
                            {"/messages", "{\"externalMessageId\":\"m" + random.nextInt(1000) + "\",\"body\":\"hi\"}"},
                            {"/pending", "{\"reason\":\"wait\"}"}, {"/resolve", "{\"resolution\":\"done\"}"},
                            {"/tags", "{\"tags\":[\"t" + random.nextInt(5) + "\"]}"}};
                    String[] choice = choices[random.nextInt(choices.length)];
                    if (random.nextInt(10) == 0) {
                        reply = http.post(url + "/api/handoffs", agent, "{\"ticketId\":\"" + ticket
                                + "\",\"requesterKind\":\"BOT\",\"toTeam\":\"team-1\",\"reason\":\"human\"}");
                    } else {
                        reply = http.post(url + "/api/tickets/" + ticket + choice[0], agent, choice[1]);
                    }
                }
                commands.incrementAndGet();
                if (reply.status() >= 500) {
                    failed.incrementAndGet();
                }
            } catch (Exception e) {
                failed.incrementAndGet();
            }
        }
    }

    private int compare(AppProcess queryApp, Postgres.Server db) throws Exception {
        RebuildComparison.Result result = RebuildComparison.compare(http, admin, queryApp.url(), db);
        if (result == null) {
            return 1;
        }
        log("crash check: %d SIGKILLs, %,d commands (%d failed or 5xx), %,d events, %,d read-model rows compared "
                    + "with a rebuild, %d differences, %d dead letters",
            kills, commands.get(), failed.get(), result.events(), result.rows(), result.differences(),
            result.deadLetters());
        return result.ok() ? 0 : 1;
    }

    /** On failure: what query-app's instances logged as warnings or errors (JSON lines), one line each. */
    private static void warnings(Path log) throws java.io.IOException {
        List<String> lines = Files.readAllLines(log).stream()
                                  .filter(line -> line.contains("\"level\":\"WARN\"")
                                                  || line.contains("\"level\":\"ERROR\"")).toList();
        log("query-app logged %d warnings and errors%s", lines.size(), lines.isEmpty() ? "" : ", the first 40:");
        lines.stream().limit(40).forEach(line -> log("  %s", line));
    }

    /** Waits until command-app has sealed the whole history, then checks the store against the seal. */
    static boolean verifySeal(Postgres.Server db, SealKey.Verifier key) throws Exception {
        try (java.sql.Connection connection = db.connect()) {
            long last;
            try (var statement = connection.createStatement();
                 var row = statement.executeQuery("SELECT max(global_index) FROM eventstore.domain_event_entry")) {
                row.next();
                last = row.getLong(1);
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            StoreVerifier.Result result = StoreVerifier.verify(connection, List.of(key));
            while (result.ok() && result.sealedUpTo() < last && System.nanoTime() < deadline) {
                Thread.sleep(500);
                result = StoreVerifier.verify(connection, List.of(key));
            }
            long started = System.nanoTime();
            StoreVerifier.Result timed = StoreVerifier.verify(connection, List.of(key));
            double seconds = (System.nanoTime() - started) / 1e9;
            log("sealed history: %s (verified in %.2f s, %,.0f events/s)", timed, seconds, timed.events() / seconds);
            result = timed;
            return result.ok() && result.sealedUpTo() >= last;
        }
    }

    private static void log(String format, Object... args) {
        System.out.println(String.format(format, args));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
