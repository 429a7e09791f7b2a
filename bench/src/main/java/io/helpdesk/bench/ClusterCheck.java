package io.helpdesk.bench;

import io.helpdesk.query.ReadModels;
import io.helpdesk.security.Role;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Several instances of each app on one PostgreSQL, as the README's scaling section describes, with the real
 * packaged apps: command throughput with one command-app and then two; commands from both instances on the same
 * tickets, none acknowledged and lost; one open handoff per ticket when both instances are asked at once; SLA
 * deadlines firing once across instances; two query-apps splitting every read model's segments; a rebuild
 * started on one seen and respected by the other; one of them
 * killed with SIGKILL under load and the other taking its segments over (the failover time is printed); then
 * every read model compared with a rebuild. Exits 1 when any of it fails.
 * {@code java -jar bench/target/bench-*-exec.jar cluster-check} ({@code CLUSTER_CLIENTS}, 4;
 * {@code CLUSTER_SECONDS}, 15 per throughput phase).
 */
final class ClusterCheck {

    private static final Pattern TICKET_ID = Pattern.compile("\"ticketId\":\"([^\"]+)\"");
    private static final int COMMAND_1 = 18290;
    private static final int QUERY_1 = 18291;
    private static final int COMMAND_2 = 18292;
    private static final int QUERY_2 = 18293;

    private final Path root = Path.of("").toAbsolutePath();
    private final int clients = Integer.parseInt(env("CLUSTER_CLIENTS", "4"));
    private final Duration phase = Duration.ofSeconds(Long.parseLong(env("CLUSTER_SECONDS", "15")));
    private final List<String> tickets = new CopyOnWriteArrayList<>();
    /** Global positions of the events of every command answered 2xx. */
    private final ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicLong failed = new AtomicLong();
    private Http http;
    private String admin;
    private JdbcTemplate jdbc;

    static int run() throws Exception {
        return new ClusterCheck().check();
    }

    private int check() throws Exception {
        Path work = root.resolve("bench/target/cluster");
        Path logs = work.resolve("logs");
        Files.createDirectories(logs);
        String secret = Http.randomSecret();
        http = new Http(secret);
        admin = http.bearer("cluster-admin", Role.ADMIN, Role.MANAGER, Role.AGENT);
        boolean ok = true;
        try (Postgres postgres = new Postgres(work)) {
            Postgres.Server db = postgres.server();
            jdbc = RebuildComparison.jdbc(db);
            // P0's first response is due after 5 s: deadlines that fire while both instances run.
            List<String> jvm = List.of("-Xmx384m", "-Dhelpdesk.sla.targets.P0.first-response=PT5S");
            try (AppProcess command1 = new AppProcess("command-app", "command-app-1", root, logs, COMMAND_1, jvm,
                                                      AppProcess.environment(db, secret, COMMAND_1, QUERY_1));
                 AppProcess query1 = new AppProcess("query-app", "query-app-1", root, logs, QUERY_1, jvm,
                                                    AppProcess.environment(db, secret, COMMAND_1, QUERY_1))) {
                command1.awaitHealthy(Duration.ofMinutes(3));
                query1.awaitHealthy(Duration.ofMinutes(3));
                try (AppProcess command2 = new AppProcess("command-app", "command-app-2", root, logs, COMMAND_2, jvm,
                                                          AppProcess.environment(db, secret, COMMAND_2, QUERY_1))) {
                    command2.awaitHealthy(Duration.ofMinutes(3));
                    List<String> commandApps = List.of(command1.url(), command2.url());
                    // Both warmed up first (the JIT), then measured with one and with both taking commands.
                    load(commandApps, phase);
                    double one = load(List.of(command1.url()), phase).perSecond();
                    double two = load(commandApps, phase).perSecond();
                    log("throughput: one command-app %,.0f commands/s, two command-apps %,.0f commands/s "
                                + "(%d clients, %d s each, one PostgreSQL, one query-app projecting)",
                        one, two, clients, phase.toSeconds());
                    ok &= oneOpenHandoffPerTicket(command1.url(), command2.url());
                    ok &= deadlinesFireOnce(commandApps);
                    AppProcess query2 = new AppProcess("query-app", "query-app-2", root, logs, QUERY_2, jvm,
                                                       AppProcess.environment(db, secret, COMMAND_1, QUERY_2));
                    query2.awaitHealthy(Duration.ofMinutes(3));
                    ok &= segmentsSplit(query1, query2);
                    ok &= rebuildAcrossInstances(query1.url(), query2.url());
                    ok &= failover(commandApps, query1, query2);
                    ok &= acknowledgedCommandsKept();
                    RebuildComparison.Result compared = RebuildComparison.compare(http, admin, query1.url(), db);
                    if (compared == null) {
                        ok = false;
                    } else {
                        log("read models after the failover: %,d events, %,d rows compared with a rebuild, "
                                    + "%d differences, %d dead letters",
                            compared.events(), compared.rows(), compared.differences(), compared.deadLetters());
                        ok &= compared.ok();
                    }
                }
            }
        }
        log("cluster check: %s", ok ? "passed" : "FAILED");
        return ok ? 0 : 1;
    }

    record Load(long commands, Duration took) {

        double perSecond() {
            return commands / (took.toNanos() / 1e9);
        }
    }

    /** {@code clients} clients for {@code duration}, each command to the next command-app in turn. */
    private Load load(List<String> commandApps, Duration duration) throws Exception {
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicLong commands = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> senders = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            long seed = i;
            senders.add(pool.submit(() -> send(commandApps, new Random(seed), loading, commands)));
        }
        Thread.sleep(duration.toMillis());
        loading.set(false);
        for (Future<?> sender : senders) {
            sender.get();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        pool.shutdown();
        return new Load(commands.get(), took);
    }

    /**
     * One client: opens tickets and works tickets every client opened, through every command-app in turn, so that
     * commands on one ticket come from both instances at once.
     */
    private void send(List<String> commandApps, Random random, AtomicBoolean loading, AtomicLong commands) {
        String agent = http.bearer("agent-" + random.nextInt(3), Role.AGENT);
        int next = random.nextInt(commandApps.size());
        while (loading.get()) {
            String url = commandApps.get(next++ % commandApps.size());
            try {
                Http.Reply reply;
                if (tickets.size() < 20 || random.nextInt(5) == 0) {
                    reply = http.post(url + "/api/tickets", agent, "{\"customerEmail\":\"c" + random.nextInt(50)
                            + "@example.com\",\"channel\":\"EMAIL\",\"subject\":\"cluster\",\"body\":\"b\","
                            + "\"importance\":" + random.nextInt(8) + "}");
                    Matcher id = TICKET_ID.matcher(reply.body());
                    if (reply.ok() && id.find()) {
                        tickets.add(id.group(1));
                    }
                } else {
                    String ticket = tickets.get(random.nextInt(Math.min(tickets.size(), 40)));
                    String[][] choices = {
                            {"/notes", "{\"body\":\"@agent-1 look\"}"},
                            {"/assignment", "{\"assignee\":\"agent-" + random.nextInt(3) + "\",\"team\":\"team-1\"}"},
                            {"/messages", "{\"externalMessageId\":\"m" + random.nextInt(100_000) + "\",\"body\":\"hi\"}"},
                            {"/tags", "{\"tags\":[\"t" + random.nextInt(50) + "\"]}"}};
                    String[] choice = choices[random.nextInt(choices.length)];
                    reply = http.post(url + "/api/tickets/" + ticket + choice[0], agent, choice[1]);
                }
                commands.incrementAndGet();
                if (reply.status() >= 500) {
                    failed.incrementAndGet();
                }
                if (reply.ok() && reply.eventPosition() != null) {
                    acknowledged.add(Long.parseLong(reply.eventPosition()));
                }
            } catch (Exception e) {
                failed.incrementAndGet();
            }
        }
    }

    /** Both command-apps asked for a handoff of the same ticket at the same moment: one is opened, never two. */
    private boolean oneOpenHandoffPerTicket(String first, String second) throws Exception {
        String agent = http.bearer("agent-1", Role.AGENT);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int tries = 20;
        int exactlyOne = 0;
        for (int i = 0; i < tries; i++) {
            Http.Reply opened = http.post(first + "/api/tickets", agent, "{\"customerEmail\":\"h" + i
                    + "@example.com\",\"channel\":\"CHAT\",\"subject\":\"handoff\",\"body\":\"b\"}");
            Matcher id = TICKET_ID.matcher(opened.body());
            if (!id.find()) {
                log("could not open a ticket: %s", opened);
                return false;
            }
            String body = "{\"ticketId\":\"" + id.group(1) + "\",\"requesterKind\":\"BOT\",\"toTeam\":\"team-1\","
                    + "\"reason\":\"human\"}";
            CountDownLatch start = new CountDownLatch(1);
            Future<Http.Reply> a = pool.submit(() -> {
                start.await();
                return http.post(first + "/api/handoffs", agent, body);
            });
            Future<Http.Reply> b = pool.submit(() -> {
                start.await();
                return http.post(second + "/api/handoffs", agent, body);
            });
            start.countDown();
            int created = (a.get().status() == 201 ? 1 : 0) + (b.get().status() == 201 ? 1 : 0);
            int refused = (a.get().status() == 409 ? 1 : 0) + (b.get().status() == 409 ? 1 : 0);
            if (created == 1 && refused == 1) {
                exactlyOne++;
            } else {
                log("handoff race on %s: %d and %d", id.group(1), a.get().status(), b.get().status());
            }
        }
        pool.shutdown();
        log("one open handoff per ticket: %d of %d races across two command-apps opened exactly one", exactlyOne,
            tries);
        return exactlyOne == tries;
    }

    /** P0 tickets opened through both command-apps: each first-response deadline fires once, on one of them. */
    private boolean deadlinesFireOnce(List<String> commandApps) throws Exception {
        String agent = http.bearer("agent-1", Role.AGENT);
        List<String> urgent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Http.Reply opened = http.post(commandApps.get(i % 2) + "/api/tickets", agent, "{\"customerEmail\":\"p"
                    + i + "@example.com\",\"channel\":\"EMAIL\",\"subject\":\"urgent\",\"body\":\"b\","
                    + "\"importance\":10}");
            Matcher id = TICKET_ID.matcher(opened.body());
            if (id.find()) {
                urgent.add(id.group(1));
            }
        }
        String breaches = """
                SELECT aggregate_identifier, count(*) FROM eventstore.domain_event_entry
                WHERE payload_type = 'io.helpdesk.domain.ticket.SlaBreached' AND aggregate_identifier = ANY (?)
                  AND convert_from(payload, 'UTF8')::jsonb ->> 'target' = 'FIRST_RESPONSE'
                GROUP BY aggregate_identifier""";
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Map<String, Long> fired = Map.of();
        while (System.nanoTime() < deadline) {
            fired = breaches(breaches, urgent);
            if (fired.size() == urgent.size()) {
                break;
            }
            Thread.sleep(250);
        }
        // Both instances poll for due deadlines every few seconds: a second firing would come within a round.
        long settle = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < settle && fired.values().stream().allMatch(n -> n == 1)) {
            Thread.sleep(500);
            fired = breaches(breaches, urgent);
        }
        long once = fired.values().stream().filter(n -> n == 1).count();
        log("persistent deadlines: %d of %d P0 first-response deadlines fired exactly once across two command-apps "
                    + "(%d fired more than once)", once, urgent.size(),
            fired.values().stream().filter(n -> n > 1).count());
        return urgent.size() == 20 && once == urgent.size();
    }

    private Map<String, Long> breaches(String sql, List<String> tickets) {
        Map<String, Long> fired = new LinkedHashMap<>();
        jdbc.query(sql, row -> {
            fired.put(row.getString(1), row.getLong(2));
        }, (Object) tickets.toArray(String[]::new));
        return fired;
    }

    /** Within a minute, every read model's segments are held by both query-apps. */
    private boolean segmentsSplit(AppProcess first, AppProcess second) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Map<String, Long> owners = Map.of();
        while (System.nanoTime() < deadline) {
            owners = owners();
            if (owners.size() == ReadModels.names().size() && owners.values().stream().allMatch(n -> n == 2)) {
                log("segments: both query-apps hold segments of each of the %d read models (pids %d and %d)",
                    owners.size(), first.pid(), second.pid());
                return true;
            }
            Thread.sleep(500);
        }
        log("segments not split between the two query-apps: %s", owners);
        return false;
    }

    /**
     * A rebuild started on one query-app is seen on the other, which refuses to start the same read model's
     * rebuild while it runs and gives its segments back while the first switches to the rebuilt tables; when it
     * is done, both answer from them alike.
     */
    private boolean rebuildAcrossInstances(String first, String second) throws Exception {
        Http.Reply started = http.post(first + "/api/admin/rebuilds", admin, "{\"readModel\":\"inbox\"}");
        if (started.status() != 202) {
            log("rebuild across instances: the first query-app answered %d: %s", started.status(), started.body());
            return false;
        }
        String id = RebuildComparison.idOf(started);
        Http.Reply seen = http.get(second + "/api/admin/rebuilds/" + id, admin);
        Http.Reply again = http.post(second + "/api/admin/rebuilds", admin, "{\"readModel\":\"inbox\"}");
        String stateThen = http.get(second + "/api/admin/rebuilds/" + id, admin).body()
                               .replaceAll(".*\"state\":\"([A-Z]+)\".*", "$1");
        // A second run may start only once the first is over.
        boolean refused = again.status() == 409 || again.status() == 202 && stateThen.matches("DONE|FAILED");
        String state = RebuildComparison.awaitEnd(http, admin, second, id, Duration.ofMinutes(3));
        if (again.status() == 202) {
            // The second run ends too before anything else is checked.
            RebuildComparison.awaitEnd(http, admin, first, RebuildComparison.idOf(again), Duration.ofMinutes(3));
        }
        // Deadlines may still add events: the two answers are compared at the same head, a few times at most.
        boolean same = false;
        for (int attempt = 0; attempt < 5 && !same; attempt++) {
            long head = jdbc.queryForObject("SELECT max(global_index) FROM eventstore.domain_event_entry", Long.class);
            Http.Reply inboxFirst = http.get(first + "/api/inbox?limit=50", admin, String.valueOf(head));
            Http.Reply inboxSecond = http.get(second + "/api/inbox?limit=50", admin, String.valueOf(head));
            same = inboxFirst.ok() && inboxFirst.body().equals(inboxSecond.body());
            if (!same) {
                Thread.sleep(1000);
            }
        }
        String error = http.get(second + "/api/admin/rebuilds/" + id, admin).body()
                           .replaceAll(".*\"error\":(null|\"([^\"]*)\").*", "$2");
        log("rebuild across instances: started on one query-app (%d), seen on the other (%d), the same read model's "
                    + "rebuild asked there answered %d, ended %s%s, both inboxes alike afterwards: %s",
            started.status(), seen.status(), again.status(), state, error.isEmpty() ? "" : " (" + error + ")", same);
        return seen.ok() && refused && state.equals("DONE") && same;
    }

    /** How many instances hold segments of each read model's live processor. */
    private Map<String, Long> owners() {
        Map<String, Long> owners = new LinkedHashMap<>();
        jdbc.query("""
                           SELECT processor_name, count(DISTINCT owner) FROM eventstore.token_entry
                           WHERE processor_name = ANY (?) AND owner IS NOT NULL GROUP BY processor_name""",
                   row -> {
                       owners.put(row.getString(1), row.getLong(2));
                   }, (Object) ReadModels.names().toArray(String[]::new));
        return owners;
    }

    /**
     * Under load through both command-apps, the second query-app is killed with SIGKILL; the time until the first
     * holds every segment of every read model is the failover time.
     */
    private boolean failover(List<String> commandApps, AppProcess survivor, AppProcess killed) throws Exception {
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicLong commands = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> senders = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            long seed = 100 + i;
            senders.add(pool.submit(() -> send(commandApps, new Random(seed), loading, commands)));
        }
        Thread.sleep(3_000);
        long segments = jdbc.queryForObject("SELECT count(*) FROM eventstore.token_entry WHERE processor_name = ANY (?)",
                                            Long.class, (Object) ReadModels.names().toArray(String[]::new));
        killed.kill();
        long killedAt = System.nanoTime();
        String survivorNode = survivor.pid() + "@";
        long deadline = killedAt + Duration.ofMinutes(2).toNanos();
        Double seconds = null;
        while (System.nanoTime() < deadline) {
            Long held = jdbc.queryForObject("""
                    SELECT count(*) FROM eventstore.token_entry
                    WHERE processor_name = ANY (?) AND owner LIKE ?""", Long.class,
                                            (Object) ReadModels.names().toArray(String[]::new), survivorNode + "%");
            if (held != null && held == segments) {
                seconds = (System.nanoTime() - killedAt) / 1e9;
                break;
            }
            Thread.sleep(100);
        }
        Thread.sleep(3_000);
        loading.set(false);
        for (Future<?> sender : senders) {
            sender.get();
        }
        pool.shutdown();
        if (seconds == null) {
            log("failover: the surviving query-app did not take over all %d segments within 2 minutes", segments);
            return false;
        }
        log("failover: query-app killed with SIGKILL under load (%,d commands meanwhile); the other held all %d "
                    + "segments of the read models %.1f s later", commands.get(), segments, seconds);
        return true;
    }

    /** Every command answered 2xx has its events in the store, also those raced on one ticket by two instances. */
    private boolean acknowledgedCommandsKept() {
        Long[] positions = acknowledged.toArray(Long[]::new);
        Long found = jdbc.queryForObject("SELECT count(DISTINCT global_index) FROM eventstore.domain_event_entry "
                                                 + "WHERE global_index = ANY (?)", Long.class, (Object) positions);
        long distinct = java.util.Arrays.stream(positions).distinct().count();
        log("acknowledged commands: %,d answered 2xx with a position (%,d distinct positions: a command that changes "
                    + "nothing answers the ticket's last one), %,d of them in the store, %,d failed or 5xx",
            positions.length, distinct, found, failed.get());
        return found != null && found == distinct;
    }

    private static void log(String format, Object... args) {
        System.out.println(String.format(format, args));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
