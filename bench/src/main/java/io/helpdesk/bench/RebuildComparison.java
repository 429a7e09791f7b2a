package io.helpdesk.bench;

import io.helpdesk.query.ReadModelRows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every read model compared row for row with a fresh rebuild of itself, through a query-app's admin API, once the
 * history is complete (every reply settled) and that query-app has caught up with it: what the crash check and the
 * cluster check end with.
 */
final class RebuildComparison {

    /** @param rows the live rows compared; a row applied twice shows as one row only live */
    record Result(long events, long rows, int differences, long deadLetters) {

        boolean ok() {
            return differences == 0 && deadLetters == 0;
        }
    }

    private RebuildComparison() {
    }

    static JdbcTemplate jdbc(Postgres.Server db) {
        return new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + db.name(), db.user(), db.password()));
    }

    /** The id of the rebuild an answer to {@code POST /api/admin/rebuilds} started. */
    static String idOf(Http.Reply started) {
        return started.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    /** Waits until the rebuild is DONE or FAILED, as the query-app at {@code queryUrl} sees it; answers its state. */
    static String awaitEnd(Http http, String admin, String queryUrl, String id, Duration atMost) throws Exception {
        String state = "";
        long until = System.nanoTime() + atMost.toNanos();
        while (!state.matches("DONE|FAILED") && System.nanoTime() < until) {
            Thread.sleep(200);
            state = http.get(queryUrl + "/api/admin/rebuilds/" + id, admin).body()
                        .replaceAll(".*\"state\":\"([A-Z]+)\".*", "$1");
        }
        return state;
    }

    /** The comparison, or null (with why, logged) when the history did not settle or query-app did not catch up. */
    static Result compare(Http http, String admin, String queryUrl, Postgres.Server db) throws Exception {
        JdbcTemplate jdbc = jdbc(db);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        // command-app records what became of each reply after the command: the history is complete once every
        // reply is settled.
        while (jdbc.queryForObject(CrashCheck.UNSETTLED_REPLIES, Long.class) > 0) {
            if (System.nanoTime() > deadline) {
                log("command-app did not settle every reply");
                return null;
            }
            Thread.sleep(100);
        }
        long head = jdbc.queryForObject("SELECT max(global_index) FROM eventstore.domain_event_entry", Long.class);
        while (true) {
            // A path no read model claims waits for every read model.
            Http.Reply caughtUp = http.get(queryUrl + "/api/admin/processors", admin, String.valueOf(head));
            if (caughtUp.ok() && !caughtUp.stale()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                log("query-app did not catch up with position %d", head);
                return null;
            }
        }
        long events = jdbc.queryForObject("SELECT count(*) FROM eventstore.domain_event_entry", Long.class);
        long deadLetters = jdbc.queryForObject("SELECT count(*) FROM eventstore.dead_letter_entry", Long.class);
        long rows = 0;
        int differences = 0;
        for (String readModel : ReadModelRows.READ_MODELS) {
            List<List<Map<String, Object>>> live = ReadModelRows.of(jdbc, readModel);
            Http.Reply started = http.post(queryUrl + "/api/admin/rebuilds", admin,
                                           "{\"readModel\":\"" + readModel + "\"}");
            String state = awaitEnd(http, admin, queryUrl, idOf(started), Duration.ofMinutes(5));
            List<List<Map<String, Object>>> rebuilt = ReadModelRows.of(jdbc, readModel);
            int tableDifferences = 0;
            for (int table = 0; table < live.size(); table++) {
                rows += live.get(table).size();
                tableDifferences += report(readModel, table, live.get(table), rebuilt.get(table));
            }
            differences += tableDifferences;
            log("%s: rebuild %s, %d rows differ", readModel, state, tableDifferences);
            if (!state.equals("DONE")) {
                differences++;
            }
        }
        return new Result(events, rows, differences, deadLetters);
    }

    /**
     * The rows one side has more often than the other (a row applied twice shows once, as live only): their
     * number, and the first few of each side.
     */
    private static int report(String readModel, int table, List<Map<String, Object>> live,
                              List<Map<String, Object>> rebuilt) {
        Map<Map<String, Object>, Integer> count = new LinkedHashMap<>();
        live.forEach(row -> count.merge(row, 1, Integer::sum));
        rebuilt.forEach(row -> count.merge(row, -1, Integer::sum));
        List<String> liveOnly = new ArrayList<>();
        List<String> rebuiltOnly = new ArrayList<>();
        count.forEach((row, n) -> {
            for (int i = 0; i < Math.abs(n); i++) {
                (n > 0 ? liveOnly : rebuiltOnly).add(row.toString());
            }
        });
        if (!liveOnly.isEmpty() || !rebuiltOnly.isEmpty()) {
            log("%s table %d: %d rows only live, %d rows only rebuilt (of %d live, %d rebuilt)", readModel, table,
                liveOnly.size(), rebuiltOnly.size(), live.size(), rebuilt.size());
            liveOnly.stream().limit(5).forEach(row -> log("  only live    %s", row));
            rebuiltOnly.stream().limit(5).forEach(row -> log("  only rebuilt %s", row));
        }
        return liveOnly.size() + rebuiltOnly.size();
    }

    private static void log(String format, Object... args) {
        System.out.println(String.format(format, args));
    }
}
