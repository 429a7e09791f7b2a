package io.helpdesk.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.helpdesk.security.Role;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.HdrHistogram.Histogram;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Replies reach the customer across crashes, with the real packaged command-app and a real SMTP server
 * (GreenMail) in this process. First it measures, with nothing else running: the time from a reply's command
 * answer to the mail arriving (p50, p99) and how many replies per second the delivery processor hands over.
 * Then clients open e-mail tickets and reply while command-app is killed with SIGKILL again and again and
 * started anew; afterwards every reply must be settled, every reply recorded as sent must have arrived, none may
 * be lost, and a reply may arrive twice only when its mail was taken just before a kill (the README says why).
 * Exits 1 on a lost or unsettled reply. {@code java -jar bench/target/bench-*-exec.jar delivery-check}
 * ({@code DELIVERY_KILLS}, 3; {@code DELIVERY_CLIENTS}, 4; {@code DELIVERY_SECONDS_BETWEEN_KILLS}, 4).
 */
final class DeliveryCheck {

    private static final Pattern TICKET_ID = Pattern.compile("\"ticketId\":\"([^\"]+)\"");
    private final Path root = Path.of("").toAbsolutePath();
    private final int kills = Integer.parseInt(env("DELIVERY_KILLS", "3"));
    private final int clients = Integer.parseInt(env("DELIVERY_CLIENTS", "4"));
    private final Duration between = Duration.ofSeconds(Long.parseLong(env("DELIVERY_SECONDS_BETWEEN_KILLS", "4")));
    private final AtomicLong replies = new AtomicLong();

    private Http http;
    private String agent;

    static int run() throws Exception {
        return new DeliveryCheck().check();
    }

    private int check() throws Exception {
        Path work = root.resolve("bench/target/delivery");
        Path logs = work.resolve("logs");
        Files.createDirectories(logs);
        String secret = Http.randomSecret();
        http = new Http(secret);
        agent = http.bearer("delivery-agent", Role.AGENT);
        // A kill ends command-app's SMTP conversations mid-way; the mail server's threads then fail on the reset
        // connection, which is expected here: one line, not a stack trace each.
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> log("%s: %s", thread.getName(), root(error)));
        int smtpPort = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (Postgres postgres = new Postgres(work)) {
            Postgres.Server db = postgres.server();
            Map<String, String> env = AppProcess.environment(db, secret, 18092, 18093);
            env.put("SMTP_HOST", "127.0.0.1");
            env.put("SMTP_PORT", String.valueOf(smtpPort));
            env.put("MAIL_FROM", "support@helpdesk.example");
            env.put("DELIVERY_RETRY_WAIT", "100ms");
            List<String> jvm = List.of("-Xmx384m");
            JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
                    "jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + db.name(), db.user(), db.password()));
            AppProcess commandApp = new AppProcess("command-app", root, logs, 18092, jvm, env);
            try {
                commandApp.awaitHealthy(Duration.ofMinutes(3));
                measure(commandApp.url(), smtp);

                AtomicBoolean loading = new AtomicBoolean(true);
                ExecutorService load = Executors.newFixedThreadPool(clients);
                List<Future<?>> senders = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    long seed = i;
                    senders.add(load.submit(() -> send(18092, new Random(seed), loading)));
                }
                for (int kill = 1; kill <= kills; kill++) {
                    Thread.sleep(between.toMillis());
                    commandApp.kill();
                    log("kill %d: command-app killed with SIGKILL after %,d replies", kill, replies.get());
                    commandApp = new AppProcess("command-app", root, logs, 18092, jvm, env);
                    commandApp.awaitHealthy(Duration.ofMinutes(3));
                }
                Thread.sleep(between.toMillis());
                loading.set(false);
                for (Future<?> sender : senders) {
                    sender.get();
                }
                load.shutdown();
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (jdbc.queryForObject(CrashCheck.UNSETTLED_REPLIES, Long.class) > 0
                        && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                return verdict(jdbc, smtp);
            } finally {
                commandApp.close();
            }
        } finally {
            smtp.stop();
        }
    }

    /** Latency from a reply's answer to its mail, one at a time; then a burst's rate. */
    private void measure(String url, GreenMail smtp) throws Exception {
        String ticket = open(url);
        Histogram latency = new Histogram(3);
        int sequential = Integer.parseInt(env("DELIVERY_MEASURED", "200"));
        for (int i = 0; i < sequential + 20; i++) {
            int before = smtp.getReceivedMessages().length;
            http.post(url + "/api/tickets/" + ticket + "/replies", agent, "{\"body\":\"measured " + i + "\"}");
            long answered = System.nanoTime();
            if (!smtp.waitForIncomingEmail(10_000, before + 1)) {
                throw new IllegalStateException("reply " + i + " did not arrive within 10 s");
            }
            if (i >= 20) {
                // The first 20 warm the JIT up.
                latency.recordValue((System.nanoTime() - answered) / 1000);
            }
        }
        log("reply answered -> mail received: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms (%d replies, one at a time)",
            latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(90) / 1000.0,
            latency.getValueAtPercentile(99) / 1000.0, sequential);

        int burst = Integer.parseInt(env("DELIVERY_BURST", "500"));
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tickets.add(open(url));
        }
        int before = smtp.getReceivedMessages().length;
        long start = System.nanoTime();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            String target = tickets.get(i % tickets.size());
            int n = i;
            sent.add(senders.submit(() -> http.post(url + "/api/tickets/" + target + "/replies", agent,
                                                    "{\"body\":\"burst " + n + "\"}")));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        senders.shutdown();
        double commanded = (System.nanoTime() - start) / 1e9;
        if (!smtp.waitForIncomingEmail(120_000, before + burst)) {
            throw new IllegalStateException("the burst did not arrive within 2 minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        log("burst: %d replies on %d tickets answered in %.1f s, all delivered in %.1f s = %.0f deliveries/s",
            burst, tickets.size(), commanded, seconds, burst / seconds);
    }

    private String open(String url) throws Exception {
        Http.Reply reply = http.post(url + "/api/tickets", agent, "{\"customerEmail\":\"c" + System.nanoTime()
                + "@example.com\",\"channel\":\"EMAIL\",\"subject\":\"delivery\",\"body\":\"b\"}");
        Matcher id = TICKET_ID.matcher(reply.body());
        if (!reply.ok() || !id.find()) {
            throw new IllegalStateException("could not open a ticket: " + reply.status() + " " + reply.body());
        }
        return id.group(1);
    }

    /** One client: opens e-mail tickets and replies to them, going on through command-app's restarts. */
    private void send(int port, Random random, AtomicBoolean loading) {
        String url = "http://127.0.0.1:" + port;
        List<String> tickets = new ArrayList<>();
        while (loading.get()) {
            try {
                if (tickets.isEmpty() || random.nextInt(5) == 0) {
                    tickets.add(open(url));
                } else {
                    Http.Reply reply = http.post(url + "/api/tickets/" + tickets.get(random.nextInt(tickets.size()))
                                                         + "/replies", agent, "{\"body\":\"hello\"}");
                    if (reply.ok()) {
                        replies.incrementAndGet();
                    }
                }
            } catch (Exception down) {
                // command-app is being restarted: try again.
            }
        }
    }

    private int verdict(JdbcTemplate jdbc, GreenMail smtp) throws MessagingException {
        long all = count(jdbc, "AgentReplied");
        long dispatched = count(jdbc, "ReplyDispatched");
        long failed = count(jdbc, "ReplyDeliveryFailed");
        long unsettled = jdbc.queryForObject(CrashCheck.UNSETTLED_REPLIES, Long.class);
        List<String> recorded = jdbc.queryForList("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'messageId' FROM eventstore.domain_event_entry
                WHERE payload_type = 'io.helpdesk.domain.ticket.ReplyDispatched'""", String.class);
        Map<String, Integer> arrived = new HashMap<>();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            arrived.merge(mail.getMessageID(), 1, Integer::sum);
        }
        long lost = recorded.stream().filter(id -> !arrived.containsKey(id)).count();
        long twice = arrived.values().stream().filter(n -> n > 1).count();
        log("delivery check: %d SIGKILLs of command-app, %,d replies, %,d sent, %d not delivered, %d unsettled, "
                    + "%d lost, %d arrived twice (taken by the mail server just before a kill)",
            kills, all, dispatched, failed, unsettled, lost, twice);
        return unsettled == 0 && lost == 0 && failed == 0 && dispatched == all ? 0 : 1;
    }

    /** The innermost cause of a failure, in one line. */
    private static String root(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static long count(JdbcTemplate jdbc, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM eventstore.domain_event_entry WHERE payload_type = ?",
                                   Long.class, "io.helpdesk.domain.ticket." + type);
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
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
