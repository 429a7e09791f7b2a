package io.helpdesk.eventstore;

import org.springframework.jdbc.core.JdbcOperations;

/** The newest committed event's global position, as every read model and read-your-writes counts positions. */
public final class EventStoreHead {

    private EventStoreHead() {
    }

    /** 0 for an empty store. */
    public static long position(JdbcOperations jdbc) {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM eventstore.domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }
}
