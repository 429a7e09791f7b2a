package io.helpdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.helpdesk.eventstore.EventStoreHead;
import io.helpdesk.query.live.StoredTokens;
import io.helpdesk.security.Role;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Measures the running system on this machine in one run: both packaged apps as their own processes on one
 * PostgreSQL, every figure beside what the database itself does in the same run. Prints one line per figure
 * and writes {@code bench/results/latest.json}. Sizes come from BENCH_EVENTS (1,000,000), BENCH_GROWTH_EVENTS
 * (10,000,000), BENCH_CLIENTS (16), BENCH_SECONDS (20), BENCH_REBUILDS (3, the rebuild figure is their median),
 * BENCH_EXPORT_WARMUPS (3) and BENCH_EXPORTS (3, the export rate is their median).
 */
public final class Bench {

    record Figure(String name, double value, String unit, String goal, boolean met, String detail) {
    }

    private static final Pattern TICKET_ID = Pattern.compile("\"ticketId\":\"([^\"]+)\"");
    /** Axon's tracking tokens as the apps store them (Jackson, the apps' general serializer). */
    private static final StoredTokens TOKENS = new StoredTokens(JacksonSerializer.defaultSerializer());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Heaps that keep each app's resident size within 1 GB; query-app catches up on 1M events with 640 MB. */
    private static final String COMMAND_JVM = System.getenv().getOrDefault("BENCH_COMMAND_JVM", "-Xmx512m");
    private static final String QUERY_JVM = System.getenv().getOrDefault("BENCH_QUERY_JVM", "-Xmx640m");

    private final long events = env("BENCH_EVENTS", 1_000_000);
    private final long growthEvents = env("BENCH_GROWTH_EVENTS", 10_000_000);
    private final int clients = (int) env("BENCH_CLIENTS", 16);
    private final int seconds = (int) env("BENCH_SECONDS", 20);
    private final int warmup = (int) env("BENCH_WARMUP_SECONDS", 30);
    private final int warmupMax = (int) env("BENCH_WARMUP_MAX_SECONDS", 600);
    private final int rebuilds = (int) env("BENCH_REBUILDS", 3);
    private final int exportWarmups = (int) env("BENCH_EXPORT_WARMUPS", 3);
    private final int exportRuns = Math.max(1, (int) env("BENCH_EXPORTS", 3));
    /** BENCH_ONLY: a comma-separated subset of the steps, for working on one figure; such a run writes no report. */
    private final List<String> only = System.getenv("BENCH_ONLY") == null || System.getenv("BENCH_ONLY").isBlank()
            ? List.of() : List.of(System.getenv("BENCH_ONLY").split(","));
    private final boolean partial = !only.isEmpty();
    private final List<Figure> figures = new ArrayList<>();
    private final Path root = Path.of("").toAbsolutePath();

    private Postgres.Server db;
    private Http http;
    private AppProcess commandApp;
    private AppProcess queryApp;
    private String agent;
    private String admin;
    private long seededTickets;
    private Map<String, String> appEnv;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("crash-check")) {
            System.exit(CrashCheck.run());
        }
        if (args.length > 0 && args[0].equals("cluster-check")) {
            System.exit(ClusterCheck.run());
        }
        if (args.length > 0 && args[0].equals("delivery-check")) {
            System.exit(DeliveryCheck.run());
        }
        if (args.length > 0 && args[0].equals("backup-check")) {
            System.exit(BackupCheck.run());
        }
        if (args.length > 0 && args[0].equals("startup")) {
            System.exit(Startup.run());
        }
        if (args.length > 0 && args[0].equals("rules-dry-run")) {
            System.exit(RulesDryRunCheck.run());
        }
        new Bench().run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path work = root.resolve("bench/target/run");
        Files.createDirectories(work.resolve("logs"));
        String secret = Http.randomSecret();
        http = new Http(secret);
        agent = http.bearer("agent-1", Role.AGENT);
        admin = http.bearer("bench-admin", Role.ADMIN, Role.MANAGER, Role.AGENT);
        try (Postgres postgres = new Postgres(work)) {
            db = postgres.server();
            Map<String, String> env = AppProcess.environment(db, secret, 18080, 18081);
            appEnv = env;
            List<String> commandJvm = List.of(COMMAND_JVM.split(" "));
            List<String> queryJvm = List.of(QUERY_JVM.split(" "));
            Path logs = work.resolve("logs");
            log("PostgreSQL on %s:%d; apps' logs in %s", db.host(), db.port(), logs);

            commandApp = new AppProcess("command-app", root, logs, 18080, commandJvm, env);
            commandApp.awaitHealthy(Duration.ofMinutes(3));
            try (Seeder seeder = new Seeder(db)) {
                seed(seeder, 10_000);
                // A server is measured warm: the same command mix, unmeasured, until the JIT has compiled the
                // command path (the first seconds of a fresh JVM mostly run the compiler).
                warmUp("commands on command-app alone", this::commandRound, commandApp);
                // Growth baseline: command latency on a small store, with nothing else running.
                double smallP50 = commandLatencyP50(1000);
                long smallStore = eventCount();
                log("command latency p50 with %,d events: %.2f ms", smallStore, smallP50);

                queryApp = new AppProcess("query-app", root, logs, 18081, queryJvm, env);
                queryApp.awaitHealthy(Duration.ofMinutes(3));
                awaitCaughtUp(Duration.ofMinutes(5));

                if (step("throughput")) {
                    throughput();
                }
                if (step("visibility")) {
                    // Warm: query-app has not served a query on this JVM yet, and compiling its read path takes
                    // most of the two cores for the better part of a minute (a fresh JVM went from 7,700 to
                    // 16,600 compiled methods over its first minute at 50 commands/s).
                    warmUp("visibility at 50 commands/s", () -> visibility(50, WARMUP_ROUND, false), queryApp,
                           commandApp);
                    warmUp("visibility at 200 commands/s", () -> visibility(200, WARMUP_ROUND, false), queryApp,
                           commandApp);
                    awaitCaughtUp(Duration.ofMinutes(5));
                    // Supplementary: a rate the two cores carry, then the rate.
                    visibility(50, 30, true);
                    awaitCaughtUp(Duration.ofMinutes(5));
                    visibility(200, 30, true);
                }

                if (partial && only.stream().allMatch(s -> s.equals("throughput") || s.equals("visibility"))) {
                    // The later steps all need the large store; the first two measure on the small one.
                    hold();
                    return;
                }
                seed(seeder, events);
                long caughtUpStart = System.nanoTime();
                awaitCaughtUp(Duration.ofMinutes(60));
                log("every processor of both apps caught up on %,d events in %.1f s", eventCount(),
                    (System.nanoTime() - caughtUpStart) / 1e9);
                if (step("replay")) {
                    replay();
                }
                if (step("queries")) {
                    // As after any bulk load: the read models' tables get fresh statistics and visibility maps,
                    // so the plans measured are those of a settled database (it did not measurably change the
                    // figures on this machine).
                    vacuum();
                    // Warm: the query paths have not run on this JVM yet (catching up compiled the projections).
                    // Their JIT compilation takes about a core for the first 30-40 s of queries on two cores
                    // (C2 compiler thread at 55-60 %, 4 ms of CPU per request instead of 0.8), and requests
                    // queue behind it; so warm-up at 200/s, then at the highest measured rate.
                    warmUp("queries at 200/s", () -> queries(200, WARMUP_ROUND, false), queryApp);
                    warmUp("queries at 500/s", () -> queries(500, WARMUP_ROUND, false), queryApp);
                    // Supplementary: a rate the two cores carry, then the rate.
                    queries(200, seconds, true);
                    queries(500, seconds, true);
                }
                if (step("memory")) {
                    memory();
                }
                hold();
                if (!step("export") && !step("growth")) {
                    return;
                }
                // The export runs on a query-app started anew with at most 256 MB of heap.
                queryApp.close();
                List<String> exportJvm = new ArrayList<>(queryJvm.stream().filter(o -> !o.startsWith("-Xmx")).toList());
                exportJvm.add("-Xmx256m");
                Path gcLog = logs.resolve("query-app-export-gc.log");
                exportJvm.add("-Xlog:gc:file=" + gcLog);
                queryApp = new AppProcess("query-app", root, logs, 18081, exportJvm, env);
                queryApp.awaitHealthy(Duration.ofMinutes(3));
                awaitCaughtUp(Duration.ofMinutes(5));
                if (step("export")) {
                    export(gcLog);
                }
                if (!step("growth")) {
                    return;
                }

                queryApp.close();
                queryApp = null;
                seed(seeder, growthEvents);
                double largeP50 = commandLatencyP50(1000);
                long largeStore = eventCount();
                log("command latency p50 with %,d events: %.2f ms", largeStore, largeP50);
                double ratio = largeP50 / smallP50;
                figures.add(new Figure("command latency p50 growth", ratio, "ratio", "<= 1.2", ratio <= 1.2,
                                       String.format("p50 %.2f ms with %,d events, %.2f ms with %,d events (both on a warm "
                                                             + "JVM, query-app stopped)",
                                                     smallP50, smallStore, largeP50, largeStore)));
            } finally {
                if (queryApp != null) {
                    queryApp.close();
                }
                commandApp.close();
            }
        }
        if (!partial) {
            report();
        }
    }

    /** BENCH_HOLD_SECONDS: keeps the system up after the steps, to look at it with other tools. */
    private void hold() throws InterruptedException {
        long seconds = env("BENCH_HOLD_SECONDS", 0);
        if (seconds > 0) {
            log("holding for %d s: command-app %s, query-app %s, admin token %s", seconds, commandApp.url(),
                queryApp.url(), admin);
            Thread.sleep(seconds * 1000);
        }
    }

    private boolean step(String name) {
        return only.isEmpty() || only.contains(name);
    }

    // --- 1. command throughput beside the raw insert rate ---

    private void throughput() throws Exception {
        // query-app started after the first warm-up: its projections have only compiled for catching up.
        String warmed = warmUp("commands with both apps", this::commandRound, commandApp, queryApp);
        double raw = rawInsertRate();
        log("raw single-row insert-and-commit, %d connections: %.0f tx/s", clients, raw);
        Costs costs = new Costs(db, Map.of("command-app", commandApp, "query-app", queryApp));
        Costs.Snapshot before = costs.take();
        Load load = commandLoad(seconds);
        Costs.Snapshot after = settledCosts(costs);
        double rate = load.completed() / (double) seconds;
        Histogram h = load.latency();
        log("commands over HTTP, %d clients: %.0f commands/s (%d failed), latency p50 %.1f ms p99 %.1f ms", clients,
            rate, load.failed(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0);
        String commandCosts = Costs.perRequest(before, after, load.completed());
        log("commands: %s", commandCosts);

        Floor floor = crudFloor();
        double ratio = rate / floor.rate();
        figures.add(new Figure("command throughput vs CRUD floor", ratio, "ratio", ">= 0.5", ratio >= 0.5,
                               String.format("%.0f commands/s (open ticket 1 : reply 3, %d failed, p50 %.1f ms, p99 "
                                                     + "%.1f ms; %s) vs %.0f CRUD requests/s (%s), %d clients each, "
                                                     + "%d s, after warm-ups %s and %s; query-app projecting all "
                                                     + "read models during the commands",
                                             rate, load.failed(), h.getValueAtPercentile(50) / 1000.0,
                                             h.getValueAtPercentile(99) / 1000.0, commandCosts, floor.rate(),
                                             floor.summary(), clients, seconds, warmed, floor.warmed())));
        figures.add(new Figure("CPU per command, all processes", Costs.cpuPerRequest(before, after, "command-app",
                                                                                     load.completed())
                + Costs.cpuPerRequest(before, after, "query-app", load.completed())
                + Costs.cpuPerRequest(before, after, "PostgreSQL", load.completed()), "ms", "information", true,
                               commandCosts + "; the CRUD floor's request: " + floor.costs()));
        double rawRatio = rate / raw;
        figures.add(new Figure("command throughput vs raw insert rate", rawRatio, "ratio", "information", true,
                               String.format("%.0f commands/s vs %.0f raw insert transactions/s (one row, autocommit, "
                                                     + "JDBC on the database's host), %d clients each, %d s",
                                             rate, raw, clients, seconds)));
    }

    record Floor(double rate, String summary, String costs, String warmed) {
    }

    /**
     * The floor a command is measured against: the CRUD service of module crud-floor (the apps' web stack, token
     * checks and JDBC, one row in one transaction per request), started as its own process as the apps are, with
     * the same clients, warm-up rule and duration. The apps stay up, idle.
     */
    private Floor crudFloor() throws Exception {
        Map<String, String> env = new LinkedHashMap<>(appEnv);
        env.put("FLOOR_PORT", "18082");
        try (AppProcess floor = new AppProcess("crud-floor", root, root.resolve("bench/target/run/logs"), 18082,
                                               List.of(COMMAND_JVM.split(" ")), env)) {
            floor.awaitHealthy(Duration.ofMinutes(3));
            String warmed = warmUp("CRUD floor", () -> {
                Load round = floorLoad(floor, WARMUP_ROUND);
                return String.format("%.0f requests/s, %d failed", round.completed() / (double) WARMUP_ROUND,
                                     round.failed());
            }, floor);
            Costs costs = new Costs(db, Map.of("crud-floor", floor));
            Costs.Snapshot before = costs.take();
            Load load = floorLoad(floor, seconds);
            Costs.Snapshot after = settledCosts(costs);
            double rate = load.completed() / (double) seconds;
            Histogram h = load.latency();
            String perRequest = Costs.perRequest(before, after, load.completed());
            log("CRUD floor over HTTP, %d clients: %.0f requests/s (%d failed), latency p50 %.1f ms p99 %.1f ms; %s",
                clients, rate, load.failed(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                perRequest);
            return new Floor(rate, String.format("%d failed, p50 %.1f ms, p99 %.1f ms", load.failed(),
                                                 h.getValueAtPercentile(50) / 1000.0,
                                                 h.getValueAtPercentile(99) / 1000.0),
                             perRequest, warmed);
        }
    }

    /** Each client adds notes to the CRUD floor, one row each, for the given time. */
    private Load floorLoad(AppProcess floor, int duration) throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        return load(duration, (client, i) -> http.post(floor.url() + "/api/notes", agent,
                                                       "{\"ticketId\":\"tp-" + run + "-" + client
                                                               + "\",\"body\":\"Reply " + i + "\"}"));
    }

    /**
     * Costs after a load, once the database's statistics have taken in its last transactions (a backend reports
     * its counts at most once a second).
     */
    private static Costs.Snapshot settledCosts(Costs costs) throws Exception {
        Thread.sleep(1500);
        return costs.take();
    }

    /** Seconds of load in one round of a warm-up. */
    private static final int WARMUP_ROUND = 10;

    /**
     * Warms the system: runs a round of load again and again until the given apps' JIT compiler threads used
     * under a tenth of a core during one, for at least BENCH_WARMUP_SECONDS and at most BENCH_WARMUP_MAX_SECONDS.
     * A fixed half minute fell short on two cores, where the compiler shares the cores with the load and keeps at
     * it for minutes: a command-app measured 432 commands/s after it, and 1,000-1,065 three minutes of load
     * later, its C2 thread by then idle. Returns how long it took, for the report.
     */
    private String warmUp(String what, Callable<String> round, AppProcess... apps) throws Exception {
        long start = System.nanoTime();
        for (int n = 1; ; n++) {
            long compilerBefore = compilerMillis(apps);
            long roundStart = System.nanoTime();
            String summary = round.call();
            double cores = (compilerMillis(apps) - compilerBefore) / 1000.0 / ((System.nanoTime() - roundStart) / 1e9);
            double elapsed = (System.nanoTime() - start) / 1e9;
            log("warm-up, %s, round %d (not measured): %s; JIT compiler threads at %.2f cores", what, n, summary,
                cores);
            boolean settled = cores < 0.1;
            if ((settled && elapsed >= warmup) || elapsed >= warmupMax) {
                String took = String.format("%.0f s (%d rounds)", elapsed, n);
                if (!settled) {
                    log("warm-up, %s: still compiling after %s; measured anyway", what, took);
                    return took + ", still compiling";
                }
                return took;
            }
        }
    }

    private static long compilerMillis(AppProcess... apps) throws IOException {
        long millis = 0;
        for (AppProcess app : apps) {
            millis += app.compilerCpuTime().toMillis();
        }
        return millis;
    }

    /** One warm-up round of the command mix. */
    private String commandRound() throws Exception {
        Load load = commandLoad(WARMUP_ROUND);
        return String.format("%.0f commands/s, %d failed", load.completed() / (double) WARMUP_ROUND, load.failed());
    }

    record Load(int completed, long failed, Histogram latency) {
    }

    /** Each client opens a ticket, then replies to it three times, over and over, for the given time. */
    private Load commandLoad(int duration) throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        String[] tickets = new String[clients];
        return load(duration, (client, i) -> {
            Http.Reply response = i % 4 == 0 || tickets[client] == null
                    ? http.post(commandApp.url() + "/api/tickets", agent, openTicket("tp-" + run + "-" + client + "-" + i))
                    : http.post(commandApp.url() + "/api/tickets/" + tickets[client] + "/replies", agent,
                                "{\"body\":\"Reply " + i + "\"}");
            Matcher id = TICKET_ID.matcher(response.body());
            if (response.ok() && i % 4 == 0 && id.find()) {
                tickets[client] = id.group(1);
            }
            return response;
        });
    }

    interface ClientRequest {
        Http.Reply send(int client, int i) throws Exception;
    }

    /** Each client sends its requests one after the other for the given time; latency and failures counted. */
    private Load load(int duration, ClientRequest request) throws Exception {
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Recorder latency = new Recorder(3);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(duration);
        CountDownLatch finished = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            started(() -> {
                try {
                    for (int i = 0; System.nanoTime() < end; i++) {
                        long start = System.nanoTime();
                        Http.Reply response = request.send(client, i);
                        latency.recordValue((System.nanoTime() - start) / 1000);
                        if (response.ok()) {
                            done.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                } finally {
                    finished.countDown();
                }
            });
        }
        finished.await();
        return new Load((int) done.get(), failed.get(), latency.getIntervalHistogram());
    }

    private double rawInsertRate() throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS public.bench_raw_insert (id BIGSERIAL PRIMARY KEY, "
                                      + "aggregate_identifier VARCHAR(255), payload BYTEA, time_stamp VARCHAR(255))");
        }
        byte[] payload = ("{\"ticketId\":\"raw\",\"customerEmail\":\"raw@example.com\",\"channel\":\"EMAIL\","
                + "\"subject\":\"A subject line\",\"body\":\"" + "x".repeat(200) + "\"}").getBytes();
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch finished = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            started(() -> {
                try (Connection connection = db.connect();
                     PreparedStatement insert = connection.prepareStatement(
                             "INSERT INTO public.bench_raw_insert (aggregate_identifier, payload, time_stamp) "
                                     + "VALUES (?, ?, ?)")) {
                    connection.setAutoCommit(true);
                    while (System.nanoTime() < end) {
                        insert.setString(1, "raw");
                        insert.setBytes(2, payload);
                        insert.setString(3, Instant.now().toString());
                        insert.executeUpdate();
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    finished.countDown();
                }
            });
        }
        finished.await();
        return done.get() / (double) seconds;
    }

    // --- 2. command-to-query visibility at a steady rate ---

    /** Measures visibility, or (not measured) runs it as a warm-up round and returns a summary of it. */
    private String visibility(int perSecond, int duration, boolean measured) throws Exception {
        Recorder lag = new Recorder(3);
        AtomicLong stale = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReferenceArray<String> recent = new AtomicReferenceArray<>(64);
        AtomicLong opened = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long unanswered = openLoop(perSecond, duration, Duration.ofSeconds(30), (n, scheduled) -> {
            long known = opened.get();
            String ticket = known == 0 ? null : recent.get((int) ((n * 7) % Math.min(known, 64)));
            boolean opens = n % 4 == 0 || ticket == null;
            try {
                Http.Reply response = opens
                        ? http.post(commandApp.url() + "/api/tickets", agent, openTicket("vis-" + n))
                        : http.post(commandApp.url() + "/api/tickets/" + ticket + "/replies", agent,
                                    "{\"body\":\"Reply " + n + "\"}");
                long answered = System.nanoTime();
                if (!response.ok()) {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, "command answered " + response.status() + " " + response.body());
                    return;
                }
                String id = ticket;
                if (opens) {
                    Matcher matcher = TICKET_ID.matcher(response.body());
                    if (matcher.find()) {
                        id = matcher.group(1);
                        recent.set((int) (opened.getAndIncrement() % 64), id);
                    }
                }
                String position = response.eventPosition() == null ? "0" : response.eventPosition();
                Http.Reply answer = http.get(queryApp.url() + "/api/tickets/" + id, agent, position);
                lag.recordValue((System.nanoTime() - answered) / 1000);
                if (answer.status() != 200 || answer.stale()) {
                    stale.incrementAndGet();
                }
            } catch (IOException e) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, e.toString());
            }
        });
        Histogram h = lag.getIntervalHistogram();
        if (!measured) {
            return String.format("%d s, p50 %.1f ms, p99 %.1f ms, %d stale, %d failed, %d unanswered", duration,
                                 h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                                 stale.get(), failed.get(), unanswered);
        }
        double p99 = h.getValueAtPercentile(99) / 1000.0;
        log("visibility at %d commands/s for %d s: %d commands, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d not "
                    + "visible within the 3 s wait, %d failed, %d not answered within the 30 s drain", perSecond,
            duration, h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0, p99, h.getMaxValue() / 1000.0,
            stale.get(), failed.get(), unanswered);
        if (firstFailure.get() != null) {
            log("first failed command: %s", firstFailure.get());
        }
        figures.add(new Figure("command-to-query visibility p99 at " + perSecond + " commands/s", p99, "ms",
                               "<= 100", p99 <= 100 && stale.get() == 0 && failed.get() == 0 && unanswered == 0,
                               String.format("p50 %.1f ms, max %.1f ms over %d commands; %d stale, %d failed, %d "
                                                     + "unanswered", h.getValueAtPercentile(50) / 1000.0,
                                             h.getMaxValue() / 1000.0, h.getTotalCount(), stale.get(), failed.get(),
                                             unanswered)));
        return null;
    }

    /** One request of an open loop: number n (0, 1, ...), due at {@code scheduled} (System.nanoTime()). */
    private interface Request {
        void send(long n, long scheduled);
    }

    /**
     * Open loop: starts request number n (0, 1, ...) at {@code perSecond} for {@code duration} seconds whether or
     * not earlier ones were answered, then waits up to {@code drain} for the started ones to finish; returns how
     * many did not (they are abandoned). Requests run on a pool of blocking clients; one that finds them all busy
     * waits for the next, and its latency, counted from {@code scheduled}, includes that wait.
     */
    private static long openLoop(int perSecond, int duration, Duration drain, Request request) throws Exception {
        AtomicLong sent = new AtomicLong();
        ConcurrentLinkedQueue<Future<?>> pending = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(Http.KEPT_ALIVE);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        try {
            var task = ticker.scheduleAtFixedRate(() -> {
                long n = sent.getAndIncrement();
                long scheduled = System.nanoTime();
                pending.add(clients.submit(() -> request.send(n, scheduled)));
            }, 0, 1_000_000L / perSecond, TimeUnit.MICROSECONDS);
            Thread.sleep(duration * 1000L);
            task.cancel(false);
            ticker.shutdown();
            ticker.awaitTermination(1, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + drain.toNanos();
            long unfinished = 0;
            for (var future : pending) {
                try {
                    future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    unfinished++;
                }
            }
            return unfinished;
        } finally {
            ticker.shutdownNow();
            clients.shutdownNow();
        }
    }

    // --- 3. replay beside a raw scan ---

    private void replay() throws Exception {
        long scanned = 0;
        long start = System.nanoTime();
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement scan = connection.prepareStatement(
                    "SELECT global_index, event_identifier, payload_type, payload, meta_data, time_stamp "
                            + "FROM eventstore.domain_event_entry ORDER BY global_index")) {
                scan.setFetchSize(10_000);
                try (ResultSet rows = scan.executeQuery()) {
                    while (rows.next()) {
                        rows.getBytes(4);
                        rows.getBytes(5);
                        scanned++;
                    }
                }
            }
            connection.rollback();
        }
        double scanRate = scanned / ((System.nanoTime() - start) / 1e9);
        log("raw scan of the event table: %,d events at %.0f events/s", scanned, scanRate);

        // The machine's speed varies from minute to minute: the figure is the median of several rebuilds.
        long storeBefore = eventCount();
        List<Double> rates = new ArrayList<>();
        String state = "DONE";
        long done = 0;
        for (int run = 1; run <= rebuilds; run++) {
            Duration cpuBefore = queryApp.cpuTime();
            Http.Reply started = http.post(queryApp.url() + "/api/admin/rebuilds", admin,
                                           "{\"readModel\":\"analytics\"}");
            String id = JSON.readTree(started.body()).path("id").asText();
            JsonNode progress;
            String ended;
            do {
                Thread.sleep(1000);
                progress = JSON.readTree(http.get(queryApp.url() + "/api/admin/rebuilds/" + id, admin).body());
                ended = progress.path("state").asText();
            } while (!ended.equals("DONE") && !ended.equals("FAILED"));
            Duration cpu = queryApp.cpuTime().minus(cpuBefore);
            double took = Duration.between(Instant.parse(progress.path("startedAt").asText()),
                                           Instant.parse(progress.path("finishedAt").asText())).toMillis() / 1000.0;
            done = progress.path("done").asLong();
            double rate = done / took;
            if (!ended.equals("DONE")) {
                state = ended;
            }
            rates.add(rate);
            log("rebuild of analytics %d of %d: %s, %,d events in %.1f s = %.0f events/s (%.2f of the raw scan); "
                        + "query-app used %.1f s of CPU, %.1f us per event",
                run, rebuilds, ended, done, took, rate, rate / scanRate,
                cpu.toMillis() / 1000.0, cpu.toNanos() / 1000.0 / Math.max(1, done));
        }
        double rate = median(rates);
        // Anything else appending meanwhile (a processor still at work) would share the cores with the rebuilds.
        long storeAfter = eventCount();
        log("rebuild of analytics: median of %d rebuilds %.0f events/s (%.2f of the raw scan); the store held "
                    + "%,d events before them and %,d after", rebuilds, rate, rate / scanRate, storeBefore, storeAfter);
        figures.add(new Figure("replay: analytics rebuild over " + String.format("%,d", done) + " events", rate,
                               "events/s", ">= 50000", rate >= 50_000 && state.equals("DONE"),
                               String.format("median of %d rebuilds (%s events/s); raw scan of the event table "
                                                     + "%.0f events/s (rebuild is %.2f of it); %,d events appended "
                                                     + "by others during the rebuilds",
                                             rebuilds, listed(rates), scanRate, rate / scanRate,
                                             storeAfter - storeBefore)));
    }

    // --- 4. queries at a steady rate ---

    /** Measures the queries, or (not measured) runs them as a warm-up round and returns a summary of it. */
    private String queries(int perSecond, int duration, boolean measured) throws Exception {
        String from = "2024-01-01T00:00:00Z";
        String to = "2025-01-01T00:00:00Z";
        List<String> inbox = List.of("/api/inbox?limit=50", "/api/inbox?view=mine&sort=activity&limit=50",
                                     "/api/inbox?sort=sla&status=OPEN&limit=50",
                                     "/api/inbox?status=OPEN&priority=P1&limit=50");
        List<String> analytics = List.of("/api/analytics/volume?by=day&from=" + from + "&to=" + to,
                                         "/api/analytics/response-times?metric=first-response&by=agent",
                                         "/api/analytics/csat?by=team", "/api/sla/compliance?groupBy=priority");
        AtomicReference<String> firstFailure = new AtomicReference<>();
        Recorder inboxLatency = new Recorder(3);
        Recorder analyticsLatency = new Recorder(3);
        Map<String, Recorder> byQuery = new LinkedHashMap<>();
        Stream.concat(inbox.stream(), analytics.stream()).forEach(uri -> byQuery.put(uri, new Recorder(3)));
        AtomicLong failed = new AtomicLong();
        long unanswered = openLoop(perSecond, duration, Duration.ofSeconds(60), (n, scheduled) -> {
            boolean isInbox = n % 2 == 0;
            List<String> pool = isInbox ? inbox : analytics;
            String uri = pool.get((int) ((n / 2) % pool.size()));
            try {
                Http.Reply response = http.get(queryApp.url() + uri, admin);
                long micros = (System.nanoTime() - scheduled) / 1000;
                (isInbox ? inboxLatency : analyticsLatency).recordValue(micros);
                byQuery.get(uri).recordValue(micros);
                if (response.status() != 200) {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, uri + " answered " + response.status());
                }
            } catch (IOException e) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, uri + ": " + e);
            }
        });
        Histogram in = inboxLatency.getIntervalHistogram();
        Histogram an = analyticsLatency.getIntervalHistogram();
        if (!measured) {
            return String.format("%d s, inbox p50 %.1f ms p99 %.1f ms, %d failed, %d unanswered", duration,
                                 in.getValueAtPercentile(50) / 1000.0, in.getValueAtPercentile(99) / 1000.0,
                                 failed.get(), unanswered);
        }
        double inboxP99 = in.getValueAtPercentile(99) / 1000.0;
        log("queries at %d/s for %d s on %,d events: inbox p50 %.1f ms p99 %.1f ms; analytics p50 %.1f ms "
                    + "p99 %.1f ms; %d failed, %d not answered within the 60 s drain", perSecond, duration,
            eventCount(), in.getValueAtPercentile(50) / 1000.0, inboxP99, an.getValueAtPercentile(50) / 1000.0,
            an.getValueAtPercentile(99) / 1000.0, failed.get(), unanswered);
        if (firstFailure.get() != null) {
            log("first failed query: %s", firstFailure.get());
        }
        byQuery.forEach((uri, recorder) -> {
            Histogram one = recorder.getIntervalHistogram();
            log("  %s: p50 %.1f ms, p99 %.1f ms, max %.1f ms", uri, one.getValueAtPercentile(50) / 1000.0,
                one.getValueAtPercentile(99) / 1000.0, one.getMaxValue() / 1000.0);
        });
        figures.add(new Figure("inbox query p99 at " + perSecond + " requests/s", inboxP99, "ms", "<= 20",
                               inboxP99 <= 20 && failed.get() == 0 && unanswered == 0,
                               String.format("inbox p50 %.1f ms over %d requests; analytics p50 %.1f ms, p99 %.1f ms "
                                                     + "over %d requests; %d failed, %d unanswered; half inbox, half "
                                                     + "analytics", in.getValueAtPercentile(50) / 1000.0,
                                             in.getTotalCount(), an.getValueAtPercentile(50) / 1000.0,
                                             an.getValueAtPercentile(99) / 1000.0, an.getTotalCount(), failed.get(),
                                             unanswered)));
        return null;
    }

    // --- 5. audit export: rate and heap ---

    /** A G1 log line's heap before the collection, e.g. the 136M of {@code 136M->83M(147M)}. */
    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)([KMG])->\\d+[KMG]\\(\\d+[KMG]\\)");

    private void export(Path gcLog) throws Exception {
        // The query-app was just restarted with the smaller heap, and an export's rate keeps rising over its first
        // few runs while the JIT compiles the path (fresh JVM, 1M events: 16.2, 10.2, 10.0, 9.1, 8.7 s), so
        // unmeasured exports come first; the rate is the median of the measured ones, as the rebuild's is.
        List<String> warmups = new ArrayList<>();
        for (int run = 1; run <= exportWarmups; run++) {
            long start = System.nanoTime();
            ExportRead read = readExport();
            warmups.add(String.format("%.1f", (System.nanoTime() - start) / 1e9));
            log("audit export, warm-up %d of %d (not measured): %.0f MB in %s s", run, exportWarmups,
                read.bytes() / 1e6, warmups.get(run - 1));
        }
        // The heap peaks just before each collection, so the peak is the largest heap before a collection logged
        // during the exports, or the heap at their end. Read from the app's GC log rather than by polling its
        // metrics: polling sees the heap between peaks, and its requests would load the app being measured.
        long gcLogStart = Files.size(gcLog);
        List<Double> rates = new ArrayList<>();
        ExportRead read = null;
        for (int run = 1; run <= exportRuns; run++) {
            long start = System.nanoTime();
            read = readExport();
            double took = (System.nanoTime() - start) / 1e9;
            rates.add((read.lines() - 1) / took);
            log("audit export %d of %d: %,d records, %.0f MB in %.1f s = %.0f events/s, status %d", run, exportRuns,
                read.lines() - 1, read.bytes() / 1e6, took, rates.get(run - 1), read.status());
            if (read.status() != 200) {
                break;
            }
        }
        long peakHeap = metric("jvm.memory.used");
        long maxHeap = metric("jvm.memory.max");
        int collections = 0;
        try (InputStream in = Files.newInputStream(gcLog)) {
            in.skipNBytes(gcLogStart);
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                Matcher heap = GC_HEAP.matcher(line);
                if (heap.find()) {
                    collections++;
                    peakHeap = Math.max(peakHeap, bytes(heap.group(1), heap.group(2)));
                }
            }
        }
        double rate = median(rates);
        long records = read.lines() - 1;
        double peakMb = peakHeap / 1048576.0;
        double maxMb = maxHeap / 1048576.0;
        // Only a failed export ends the measured ones early, and it is then the last one read.
        boolean complete = read.status() == 200;
        log("audit export: median of %d exports %.0f events/s; heap peak %.0f MB of max %.0f MB (%d collections)",
            rates.size(), rate, peakMb, maxMb, collections);
        figures.add(new Figure("audit export rate", rate, "events/s", ">= 100000", rate >= 100_000 && complete,
                               String.format("median of %d exports (%s events/s) of %,d records (%.0f MB NDJSON "
                                                     + "with hash chain), last status %d; after %d unmeasured "
                                                     + "exports on the fresh JVM (%s s)",
                                             rates.size(), listed(rates), records, read.bytes() / 1e6, read.status(),
                                             exportWarmups, String.join(", ", warmups))));
        figures.add(new Figure("audit export peak heap", peakMb, "MB", "<= 256",
                               peakMb <= 256 && maxMb <= 256 && complete,
                               String.format("query-app run with max heap %.0f MB; the largest heap before any of "
                                                     + "the %d collections during the measured exports (GC log) or "
                                                     + "at their end", maxMb, collections)));
    }

    private record ExportRead(int status, long bytes, long lines) {
    }

    /**
     * Reads the whole export as a stream and counts its lines, with HttpURLConnection as {@link Http} does
     * (java.net.http took four times its CPU for this one long stream: 1.8 s against 0.45 s per 300k records;
     * curl 0.07 s).
     */
    private ExportRead readExport() throws IOException {
        HttpURLConnection connection = http.open(queryApp.url() + "/api/audit/events", admin);
        int status = connection.getResponseCode();
        long lines = 0;
        long bytes = 0;
        try (InputStream body = connection.getInputStream()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = body.read(buffer)) > 0; ) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        } finally {
            connection.disconnect();
        }
        return new ExportRead(status, bytes, lines);
    }

    private static long bytes(String amount, String unit) {
        return Long.parseLong(amount) << switch (unit) {
            case "K" -> 10;
            case "M" -> 20;
            default -> 30;
        };
    }

    private long metric(String name) throws Exception {
        JsonNode answer = JSON.readTree(http.get(queryApp.url() + "/actuator/metrics/" + name + "?tag=area:heap",
                                                 admin).body());
        return answer.path("measurements").path(0).path("value").asLong();
    }

    // --- 7. resident memory ---

    private void memory() throws Exception {
        double command = commandApp.residentBytes() / 1048576.0;
        double query = queryApp.residentBytes() / 1048576.0;
        log("resident memory after the load: command-app %.0f MB, query-app %.0f MB", command, query);
        figures.add(new Figure("command-app resident memory after load", command, "MB", "<= 1024", command <= 1024,
                               "VmRSS; JVM options " + COMMAND_JVM));
        figures.add(new Figure("query-app resident memory after load", query, "MB", "<= 1024", query <= 1024,
                               "VmRSS; JVM options " + QUERY_JVM));
    }

    // --- helpers ---

    /** The middle one of repeated measurements (the upper middle of an even count). */
    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Rates as the report lists them, e.g. "40208, 45978, 52550". */
    private static String listed(List<Double> rates) {
        return rates.stream().map(rate -> String.format("%.0f", rate)).collect(Collectors.joining(", "));
    }

    /** p50 of single commands sent one after another: open a ticket, reply to it. */
    private double commandLatencyP50(int commands) throws Exception {
        Histogram h = new Histogram(3);
        String ticket = null;
        for (int i = 0; i < commands + 200; i++) {
            long start = System.nanoTime();
            Http.Reply response = i % 2 == 0
                    ? http.post(commandApp.url() + "/api/tickets", agent, openTicket("growth-" + i + "-" + System.nanoTime()))
                    : http.post(commandApp.url() + "/api/tickets/" + ticket + "/replies", agent, "{\"body\":\"Hi\"}");
            long micros = (System.nanoTime() - start) / 1000;
            if (!response.ok()) {
                throw new IllegalStateException("command failed: " + response.status() + " " + response.body());
            }
            if (i % 2 == 0) {
                Matcher id = TICKET_ID.matcher(response.body());
                ticket = id.find() ? id.group(1) : null;
            }
            if (i >= 200) {
                h.recordValue(micros);
            }
        }
        return h.getValueAtPercentile(50) / 1000.0;
    }

    private void seed(Seeder seeder, long targetEvents) throws Exception {
        long before = eventCount();
        long tickets = Math.max(0, (targetEvents - before) / Seeder.EVENTS_PER_TICKET);
        long start = System.nanoTime();
        seeder.tickets(seededTickets, seededTickets + tickets);
        seededTickets += tickets;
        log("bulk path: %,d events written in %.1f s; the store holds %,d events", tickets * Seeder.EVENTS_PER_TICKET,
            (System.nanoTime() - start) / 1e9, eventCount());
    }

    /**
     * Until query-app's read models and command-app's own processors (deliveries, rules, routing, alerts) have
     * every event: a step measures a quiet system, not one still working through what came before it.
     */
    private void awaitCaughtUp(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode processors = JSON.readTree(http.get(queryApp.url() + "/api/admin/processors", admin).body());
            boolean caughtUp = true;
            for (JsonNode processor : processors) {
                if (!processor.path("name").asText().endsWith("-shadow")) {
                    caughtUp &= processor.path("lag").isNumber() && processor.path("lag").asLong() == 0;
                }
            }
            if (caughtUp && everyTokenAtTheHead()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the processors did not catch up within " + timeout);
    }

    /**
     * Every processor's position is the head: each token row read back as Axon stored it (query-app's
     * StoredTokens), its position as Axon gives it.
     */
    private boolean everyTokenAtTheHead() {
        JdbcTemplate jdbc = RebuildComparison.jdbc(db);
        long head = EventStoreHead.position(jdbc);
        List<OptionalLong> positions = jdbc.query(
                "SELECT token, token_type FROM eventstore.token_entry WHERE processor_name NOT LIKE '%-shadow'",
                (row, n) -> TOKENS.read(row.getBytes("token"), row.getString("token_type"))
                                  .map(TrackingToken::position).orElse(OptionalLong.empty()));
        return positions.stream().allMatch(position -> position.isEmpty() || position.getAsLong() >= head);
    }

    private void vacuum() throws Exception {
        long start = System.nanoTime();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("VACUUM (ANALYZE)");
        }
        log("VACUUM (ANALYZE) of the database after the bulk load and the rebuilds: %.1f s",
            (System.nanoTime() - start) / 1e9);
    }

    private long eventCount() throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM eventstore.domain_event_entry")) {
            count.next();
            return count.getLong(1);
        }
    }

    private static String openTicket(String customer) {
        return "{\"customerEmail\":\"" + customer + "@example.com\",\"channel\":\"CHAT\",\"subject\":\"Bench\","
                + "\"body\":\"Where is my order?\",\"importance\":5}";
    }

    private void report() throws Exception {
        System.out.println();
        System.out.printf("%-55s %14s %-9s %-10s %s%n", "figure", "value", "unit", "goal", "met");
        for (Figure figure : figures) {
            System.out.printf("%-55s %14.2f %-9s %-10s %s%n", figure.name(), figure.value(), figure.unit(),
                              figure.goal(), figure.met());
        }
        Path results = root.resolve("bench/results");
        Files.createDirectories(results);
        List<Map<String, Object>> json = new ArrayList<>();
        for (Figure figure : figures) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", figure.name());
            entry.put("value", Math.round(figure.value() * 100) / 100.0);
            entry.put("unit", figure.unit());
            entry.put("goal", figure.goal());
            entry.put("met", figure.met());
            entry.put("detail", figure.detail());
            json.add(entry);
        }
        JSON.writeValue(results.resolve("latest.json").toFile(), json);
        System.out.println("written " + results.resolve("latest.json"));
    }

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work);
        thread.start();
        return thread;
    }

    private static void log(String format, Object... args) {
        System.out.printf("[%s] %s%n", Instant.now().toString().substring(11, 19), String.format(format, args));
    }

    private static long env(String name, long fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Long.parseLong(value.replace("_", ""));
    }
}
