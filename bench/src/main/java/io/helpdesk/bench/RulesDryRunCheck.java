package io.helpdesk.bench;

import io.helpdesk.security.Role;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a rule's dry run takes over a large history: the packaged command-app on a store seeded with
 * {@code DRY_RUN_EVENTS} (100,000) events through the bulk path, then a trigger rule and a time-based rule each
 * tried three times over the whole period. Prints the figures; fails only when a dry run does not answer 200.
 * {@code java -jar bench/target/bench-*-exec.jar rules-dry-run}
 */
final class RulesDryRunCheck {

    private static final Pattern FIGURE = Pattern.compile("\"(eventsRead|ticketsSeen|firings|ticketsTouched|millis)\":(\\d+)");

    private final Path root = Path.of("").toAbsolutePath();
    private final long events = Long.parseLong(env("DRY_RUN_EVENTS", "100000"));

    static int run() throws Exception {
        return new RulesDryRunCheck().check();
    }

    private int check() throws Exception {
        Path work = root.resolve("bench/target/dry-run");
        Path logs = work.resolve("logs");
        Files.createDirectories(logs);
        String secret = Http.randomSecret();
        Http http = new Http(secret);
        String manager = http.bearer("bench-manager", Role.MANAGER);
        try (Postgres postgres = new Postgres(work)) {
            Postgres.Server db = postgres.server();
            Map<String, String> env = AppProcess.environment(db, secret, 18094, 18095);
            try (AppProcess commandApp = new AppProcess("command-app", root, logs, 18094, List.of("-Xmx512m"), env)) {
                commandApp.awaitHealthy(Duration.ofMinutes(3));
                try (Seeder seeder = new Seeder(db)) {
                    long started = System.nanoTime();
                    seeder.tickets(0, events / Seeder.EVENTS_PER_TICKET);
                    log("seeded %,d events in %.1f s", events, (System.nanoTime() - started) / 1e9);
                }
                String trigger = """
                        {"name":"E-mail about order 7","triggers":["TICKET_OPENED"],
                         "conditions":[{"field":"CHANNEL","operator":"IS","value":"EMAIL"},
                                       {"field":"TEXT","operator":"CONTAINS","value":"7"}],
                         "actions":[{"type":"ADD_NOTE","value":"For {{customer.name}}"}]}""";
                String timer = """
                        {"name":"Open three hours","timer":{"state":"OPEN","after":"PT3H","businessHours":true},
                         "actions":[{"type":"SET_PRIORITY","value":"P1"}]}""";
                int failed = 0;
                for (Map.Entry<String, String> rule : Map.of("trigger", trigger, "timer", timer).entrySet()) {
                    for (int run = 1; run <= 3; run++) {
                        long started = System.nanoTime();
                        Http.Reply reply = http.post(commandApp.url() + "/api/rules/dry-run", manager,
                                                     "{\"rule\":" + rule.getValue() + ",\"from\":\"2023-12-31T00:00:00Z\","
                                                             + "\"to\":\"2024-12-31T00:00:00Z\"}");
                        long wall = (System.nanoTime() - started) / 1_000_000;
                        if (!reply.ok()) {
                            log("%s rule, run %d: answered %d %s", rule.getKey(), run, reply.status(), reply.body());
                            failed++;
                            continue;
                        }
                        StringBuilder figures = new StringBuilder();
                        Matcher matcher = FIGURE.matcher(reply.body());
                        while (matcher.find()) {
                            figures.append(' ').append(matcher.group(1)).append('=').append(matcher.group(2));
                        }
                        log("%s rule, run %d: %d ms over HTTP;%s", rule.getKey(), run, wall, figures);
                    }
                }
                return failed == 0 ? 0 : 1;
            }
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
