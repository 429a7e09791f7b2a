package io.helpdesk.projections;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Tells every query-app instance that a read-model row changed, so it can push the change to dashboards over
 * server-sent events. Sent with PostgreSQL NOTIFY once the projection's transaction committed (nothing for a
 * rolled-back batch), and seen by all instances whichever of them processed the event.
 */
@Component
public class ReadModelChanges {

    public static final String CHANNEL = "helpdesk_readmodel_changed";

    private static final String PENDING = ReadModelChanges.class.getName() + ".pending";

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

    /**
     * Inside an event processor's batch, each changed row is announced once, in one statement, after the batch
     * committed (a NOTIFY inside the transaction would serialize its commit with every other notifying one);
     * outside one, at once.
     */
    protected void send(String topic, String id) {
        String change = topic + ":" + id;
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.queryForList("SELECT pg_notify(?, ?)", CHANNEL, change);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Set<String> changes = root.getOrComputeResource(PENDING, key -> {
            root.afterCommit(unitOfWork -> announce(root.getResource(PENDING)));
            return new LinkedHashSet<String>();
        });
        changes.add(change);
    }

    private void announce(Set<String> changes) {
        if (changes != null && !changes.isEmpty()) {
            jdbc.queryForList("SELECT pg_notify(?, change) FROM unnest(?::text[]) AS change", CHANNEL,
                              changes.toArray(String[]::new));
            changes.clear();
        }
    }
}
