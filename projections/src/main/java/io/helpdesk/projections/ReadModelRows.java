package io.helpdesk.projections;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every read model's rows in a stable order, as a rebuild must reproduce them: what the rebuild tests and the
 * crash check compare.
 * User read state is left out; the timeline's own row numbers (never shown) too.
 */
public final class ReadModelRows {

    public static final List<String> READ_MODELS = List.of("inbox", "sla", "analytics", "notifications", "channels");

    private static final Map<String, String> ROWS = Map.of(
            "inbox", "SELECT * FROM readmodel.inbox_ticket ORDER BY ticket_id;"
                    + "SELECT ticket_id, event_position, at, kind, actor, detail FROM readmodel.ticket_timeline ORDER BY ticket_id, event_position, position",
            "sla", "SELECT * FROM readmodel.sla_ticket ORDER BY ticket_id;"
                    + "SELECT * FROM readmodel.sla_clock ORDER BY ticket_id, target, cycle",
            "analytics", "SELECT * FROM readmodel.ticket_fact ORDER BY ticket_id;"
                    + "SELECT * FROM readmodel.handoff_fact ORDER BY handoff_id",
            "notifications", "SELECT id, source, recipient, kind, ticket_id, channel_id, handoff_id, actor, excerpt, at "
                    + "FROM readmodel.notification ORDER BY source",
            "channels", "SELECT * FROM readmodel.channel_view ORDER BY channel_id;"
                    + "SELECT * FROM readmodel.channel_member ORDER BY channel_id, member;"
                    + "SELECT position, channel_id, message_id, author, body, thread_root_id, ticket_id, posted_at, "
                    + "edited_at, deleted FROM readmodel.channel_message ORDER BY channel_id, position");

    private ReadModelRows() {
    }

    public static List<List<Map<String, Object>>> of(JdbcTemplate jdbc, String readModel) {
        return Arrays.stream(ROWS.get(readModel).split(";"))
                     .map(sql -> jdbc.queryForList(sql).stream().map(ReadModelRows::comparable).toList())
                     .toList();
    }

    /** SQL arrays compare by identity; their elements are what must match. */
    private static Map<String, Object> comparable(Map<String, Object> row) {
        Map<String, Object> copy = new LinkedHashMap<>();
        row.forEach((column, value) -> {
            try {
                copy.put(column, value instanceof java.sql.Array array ? List.of((Object[]) array.getArray()) : value);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return copy;
    }
}
