package io.helpdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdesk.security.Role;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code startup}: how soon both apps serve, and how soon command-app serves at full speed, started the ways the
 * platform offers. Each mode starts both apps at once on one PostgreSQL (as run.sh does), measures the time from
 * the process's start to its first healthy answer, then loads command-app with BENCH_CLIENTS (16) clients for
 * BENCH_STARTUP_SECONDS (90) from its first request on and prints commands/s for every ten seconds, and when a
 * ten-second window first reached 90 % of the warm throughput of the committed report's throughput step. Modes
 * (BENCH_STARTUP_MODES, default all): {@code plain} (the packaged jar on the JDK that runs the bench), {@code jdk25}
 * (the packaged jar on JDK 25), {@code cds}
 * (the extracted jar with an application class-data archive written by a training run that stops once the
 * context is refreshed), {@code aot} (the extracted jar on JDK 25 with an AOT cache, classes and method
 * profiles, written by a training run under the same load; BENCH_JDK25 names that JDK, by default
 * /usr/lib/jvm/temurin-25-jdk-amd64).
 */
final class Startup {

    private static final Pattern TICKET_ID = Pattern.compile("\"ticketId\":\"([^\"]+)\"");
    private static final Pattern WARM_RATE = Pattern.compile("^([0-9.]+) commands/s");
    private static final int COMMAND_PORT = 18480;
    private static final int QUERY_PORT = 18481;
    private static final List<String> APPS = List.of("command-app", "query-app");

    private final Path root = Path.of("").toAbsolutePath();
    private final Path work = root.resolve("bench/target/startup");
    private final Path logs = work.resolve("logs");
    private final int clients = (int) env("BENCH_CLIENTS", 16);
    private final int seconds = (int) env("BENCH_STARTUP_SECONDS", 90);
    private final Path jdk17 = Path.of(System.getProperty("java.home"));
    private final Path jdk25 = Path.of(System.getenv().getOrDefault("BENCH_JDK25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    private final List<String> heap = List.of("-Xmx512m");
    private Http http;
    private String agent;
    private Map<String, String> env;
    /** Commands/s of the committed report's throughput step (after its warm-up), or 0 without one. */
    private double warm;

    static int run() throws Exception {
        return new Startup().measure();
    }

    private int measure() throws Exception {
        Files.createDirectories(logs);
        warm = warmThroughput(root.resolve("bench/results/latest.json"));
        String secret = Http.randomSecret();
        http = new Http(secret);
        agent = http.bearer("agent-1", Role.AGENT);
        List<String> modes = List.of(System.getenv().getOrDefault("BENCH_STARTUP_MODES", "plain,jdk25,cds,aot").split(","));
        List<String> lines = new ArrayList<>();
        try (Postgres postgres = new Postgres(work)) {
            env = AppProcess.environment(postgres.server(), secret, COMMAND_PORT, QUERY_PORT);
            // The schema exists before the first measured start, as it does after an app's first start anywhere.
            try (AppProcess first = new AppProcess("command-app", root, logs, COMMAND_PORT, heap, env);
                 AppProcess second = new AppProcess("query-app", root, logs, QUERY_PORT, heap, env)) {
                first.awaitHealthy(Duration.ofMinutes(5));
                second.awaitHealthy(Duration.ofMinutes(5));
            }
            for (String mode : modes) {
                if ((mode.equals("aot") || mode.equals("jdk25")) && !Files.isExecutable(jdk25.resolve("bin/java"))) {
                    lines.add(mode + ": no JDK 25 at " + jdk25);
                    continue;
                }
                lines.add(measure(mode.trim()));
            }
        }
        System.out.println();
        lines.forEach(System.out::println);
        // Beside the main report: the start-up figures of the same build, one line per mode.
        Path results = root.resolve("bench/results");
        Files.createDirectories(results);
        List<String> report = new ArrayList<>();
        report.add("# bench startup, " + java.time.LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors()
                           + " cores, " + seconds + " s of " + clients + "-client load from the first request; warm "
                           + "throughput " + Math.round(warm) + " commands/s (the throughput step of latest.json)");
        report.addAll(lines);
        Files.write(results.resolve("startup.txt"), report);
        return 0;
    }

    /** One mode: prepared, started, timed, loaded. */
    private String measure(String mode) throws Exception {
        Map<String, List<String>> commands = prepare(mode);
        long start = System.nanoTime();
        try (AppProcess commandApp = new AppProcess("command-app-" + mode, commands.get("command-app"), logs,
                                                    COMMAND_PORT, env);
             AppProcess queryApp = new AppProcess("query-app-" + mode, commands.get("query-app"), logs, QUERY_PORT,
                                                  env)) {
            commandApp.awaitHealthy(Duration.ofMinutes(5));
            double commandReady = (System.nanoTime() - start) / 1e9;
            queryApp.awaitHealthy(Duration.ofMinutes(5));
            double queryReady = (System.nanoTime() - start) / 1e9;
            log("%s: command-app ready after %.1f s, query-app after %.1f s (both started together)", mode,
                commandReady, queryReady);
            long[] perSecond = load(commandApp, seconds);
            String line = String.format("%s: ready command-app %.1f s, query-app %.1f s; commands/s per 10 s from "
                                                + "the first request: %s; %s", mode, commandReady, queryReady,
                                        curve(perSecond), fullSpeed(perSecond));
            log("%s", line);
            return line;
        }
    }

    /** Both apps' command lines in this mode, after whatever the mode needs first (extracted jars, training runs). */
    private Map<String, List<String>> prepare(String mode) throws Exception {
        Map<String, List<String>> commands = new LinkedHashMap<>();
        Map<String, Path> jars = new LinkedHashMap<>();
        for (String app : APPS) {
            Path jar = AppProcess.packagedJar(root, app);
            switch (mode) {
                case "plain" -> commands.put(app, AppProcess.javaCommand(jdk17, heap, jar));
                case "jdk25" -> commands.put(app, AppProcess.javaCommand(jdk25, heap, jar));
                default -> {
                    Path extracted = work.resolve(mode).resolve(app);
                    extract(mode.equals("aot") ? jdk25 : jdk17, jar, extracted);
                    jars.put(app, extracted.resolve(jar.getFileName()));
                }
            }
        }
        if (mode.equals("cds")) {
            for (String app : APPS) {
                Path archive = work.resolve(mode).resolve(app + ".jsa");
                long started = System.nanoTime();
                int exit = new AppProcess(app + "-cds-training", AppProcess.javaCommand(
                        jdk17, with("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh"),
                        jars.get(app)), logs, port(app), env).awaitExit(Duration.ofMinutes(5));
                log("cds: %s's training run exited %d after %.1f s; archive %,d bytes", app, exit,
                    (System.nanoTime() - started) / 1e9, size(archive));
                commands.put(app, AppProcess.javaCommand(jdk17, with("-XX:SharedArchiveFile=" + archive),
                                                         jars.get(app)));
            }
        } else if (mode.equals("aot")) {
            // The caches record the classes loaded and the methods' profiles of both apps' run under load.
            Map<String, Path> caches = new LinkedHashMap<>();
            Map<String, AppProcess> training = new LinkedHashMap<>();
            long started = System.nanoTime();
            for (String app : APPS) {
                caches.put(app, work.resolve(mode).resolve(app + ".aot"));
                training.put(app, new AppProcess(app + "-aot-training", AppProcess.javaCommand(
                        jdk25, with("-XX:AOTCacheOutput=" + caches.get(app)), jars.get(app)), logs, port(app), env));
            }
            for (AppProcess app : training.values()) {
                app.awaitHealthy(Duration.ofMinutes(5));
            }
            load(training.get("command-app"), seconds);
            List<String> outcomes = new ArrayList<>();
            for (String app : APPS) {
                boolean exited = training.get(app).stop(Duration.ofMinutes(5));
                outcomes.add(String.format("%s %s, %,d bytes", app, exited ? "exited" : "killed", size(caches.get(app))));
                commands.put(app, AppProcess.javaCommand(jdk25, with("-XX:AOTCache=" + caches.get(app)),
                                                         jars.get(app)));
            }
            log("aot: training under load and the caches written in %.1f s (%s)", (System.nanoTime() - started) / 1e9,
                String.join("; ", outcomes));
        }
        return commands;
    }

    /** The heap setting and these options. */
    private List<String> with(String... options) {
        List<String> all = new ArrayList<>(heap);
        all.addAll(List.of(options));
        return all;
    }

    private static int port(String app) {
        return app.equals("command-app") ? COMMAND_PORT : QUERY_PORT;
    }

    private static long size(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    /** Spring Boot's own layout for class-data archives: the application jar beside its dependencies in lib/. */
    private void extract(Path java, Path jar, Path destination) throws Exception {
        if (Files.exists(destination.resolve(jar.getFileName()))) {
            return;
        }
        Process extract = new ProcessBuilder(java.resolve("bin/java").toString(), "-Djarmode=tools", "-jar",
                                             jar.toString(), "extract", "--force", "--destination",
                                             destination.toString())
                .redirectErrorStream(true).redirectOutput(logs.resolve("extract.log").toFile()).start();
        if (extract.waitFor() != 0) {
            throw new IllegalStateException("extracting " + jar + " failed; see " + logs.resolve("extract.log"));
        }
    }

    /** Commands completed in each second of a load of {@code duration} seconds (open 1 : reply 3 per client). */
    private long[] load(AppProcess commandApp, int duration) throws InterruptedException {
        AtomicLongArray done = new AtomicLongArray(duration);
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(duration).toNanos();
        String run = Long.toString(System.nanoTime(), 36);
        CountDownLatch finished = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            new Thread(() -> {
                try {
                    String ticket = null;
                    for (int i = 0; System.nanoTime() < end; i++) {
                        Http.Reply reply = i % 4 == 0 || ticket == null
                                ? http.post(commandApp.url() + "/api/tickets", agent,
                                            "{\"customerEmail\":\"st-" + run + "-" + client + "@example.com\","
                                                    + "\"channel\":\"CHAT\",\"subject\":\"Start-up\","
                                                    + "\"body\":\"Where is my order?\"}")
                                : http.post(commandApp.url() + "/api/tickets/" + ticket + "/replies", agent,
                                            "{\"body\":\"Reply " + i + "\"}");
                        Matcher id = TICKET_ID.matcher(reply.body());
                        if (reply.ok() && i % 4 == 0 && id.find()) {
                            ticket = id.group(1);
                        }
                        int second = (int) ((System.nanoTime() - start) / 1_000_000_000L);
                        if (reply.ok() && second < duration) {
                            done.incrementAndGet(second);
                        }
                    }
                } catch (Exception e) {
                    log("a client stopped: %s", e);
                } finally {
                    finished.countDown();
                }
            }).start();
        }
        finished.await();
        long[] perSecond = new long[duration];
        for (int i = 0; i < duration; i++) {
            perSecond[i] = done.get(i);
        }
        return perSecond;
    }

    /**
     * When the load first ran at 90 % of the warm throughput: the end of the first ten seconds whose rate reaches
     * it, counted from the first request.
     */
    private String fullSpeed(long[] perSecond) {
        if (warm <= 0) {
            return "no warm throughput to compare with (bench/results/latest.json has none)";
        }
        double target = 0.9 * warm;
        for (int from = 0; from + 10 <= perSecond.length; from++) {
            if (tenSecondRate(perSecond, from) >= target) {
                return String.format("90 %% of warm throughput (%.0f of %.0f commands/s) after %d s", target, warm,
                                     from + 10);
            }
        }
        return String.format("90 %% of warm throughput (%.0f of %.0f commands/s) not reached in %d s", target, warm,
                             perSecond.length);
    }

    /** The commands/s in the detail of the committed report's "command throughput vs CRUD floor". */
    static double warmThroughput(Path report) throws IOException {
        if (!Files.exists(report)) {
            return 0;
        }
        for (JsonNode figure : new ObjectMapper().readTree(report.toFile())) {
            Matcher rate = WARM_RATE.matcher(figure.path("detail").asText());
            if (figure.path("name").asText().equals("command throughput vs CRUD floor") && rate.find()) {
                return Double.parseDouble(rate.group(1));
            }
        }
        return 0;
    }

    /** Commands/s over the ten seconds from second {@code from}. */
    private static double tenSecondRate(long[] perSecond, int from) {
        long sum = 0;
        for (int i = from; i < from + 10; i++) {
            sum += perSecond[i];
        }
        return sum / 10.0;
    }

    private static String curve(long[] perSecond) {
        List<String> windows = new ArrayList<>();
        for (int from = 0; from + 10 <= perSecond.length; from += 10) {
            windows.add(String.valueOf((long) tenSecondRate(perSecond, from)));
        }
        return String.join(", ", windows);
    }

    private static void log(String format, Object... args) {
        System.out.printf("[%s] %s%n", java.time.Instant.now().toString().substring(11, 19),
                          String.format(format, args));
    }

    private static long env(String name, long fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Long.parseLong(value);
    }
}
