package io.helpdesk.projections;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells every query-app instance that a read-model row changed, so it can push the change to dashboards over
 * server-sent events. Sent with PostgreSQL NOTIFY inside the projection's transaction: delivered on commit,
 * dropped on rollback, and seen by all instances whichever of them processed the event.
 */
@Component
public class ReadModelChanges {

    public static final String CHANNEL = "helpdesk_readmodel_changed";

    private final JdbcTemplate jdbc;

    public ReadModelChanges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void ticket(String ticketId) {
        send("ticket", ticketId);
    }

    public void notification(String recipient) {
        send("notification", recipient);
    }

    public void channel(String channelId) {
        send("channel", channelId);
    }

    /** Changes in a rebuild's shadow tables concern no dashboard: they are not announced. */
    public static ReadModelChanges silent(JdbcTemplate jdbc) {
        return new ReadModelChanges(jdbc) {
            @Override
            protected void send(String topic, String id) {
            }
        };
    }

    protected void send(String topic, String id) {
        jdbc.queryForList("SELECT pg_notify(?, ?)", CHANNEL, topic + ":" + id);
    }
}
