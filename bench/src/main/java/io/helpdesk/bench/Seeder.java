package io.helpdesk.bench;

import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.ContactChannel;
import io.helpdesk.domain.ticket.Priority;
import io.helpdesk.domain.ticket.ReplyDispatched;
import io.helpdesk.domain.ticket.SatisfactionRated;
import io.helpdesk.domain.ticket.TicketAssigned;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.domain.ticket.TicketResolved;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The documented bulk path: writes ticket histories through the same Axon JDBC storage engine, serializer and
 * schema the apps use (a Spring context with only the event store), so the rows are the rows command-app
 * writes. Each ticket is six events: opened, assigned, first reply, the reply's delivery record, resolved,
 * rated. The delivery record is part of any real history, and without it command-app's delivery would take
 * every seeded reply for a new one and deliver it (a command and an append each, while the bench measures).
 */
final class Seeder implements AutoCloseable {

    static final int EVENTS_PER_TICKET = 6;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class EventStoreOnly {
    }

    private final ConfigurableApplicationContext context;
    private final EventStore eventStore;

    Seeder(Postgres.Server database) {
        context = new SpringApplicationBuilder(EventStoreOnly.class)
                .web(WebApplicationType.NONE)
                .properties("spring.config.name=bench-seed")
                .run(database.springArgs());
        eventStore = context.getBean(EventStore.class);
    }

    /** Appends tickets {@code from} (inclusive) to {@code to} (exclusive), six events each. */
    void tickets(long from, long to) {
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        for (long t = from; t < to; t++) {
            String id = "seed-" + t;
            Instant opened = start.plusSeconds(t * 20L);
            String agent = "agent-" + (t % 40);
            int i = (int) (t % 1_000_000);
            ContactChannel channel = ContactChannel.values()[i % 8];
            batch.add(event(id, 0, opened, new TicketOpened(id, "c" + (t % 50_000) + "@example.com", "Customer " + t,
                                                            channel, "Subject " + t,
                                                            "Body of ticket " + t, null, Priority.values()[i % 4])));
            batch.add(event(id, 1, opened.plusSeconds(60), new TicketAssigned(id, agent, "team-" + (t % 5), null)));
            Instant replied = opened.plusSeconds(300 + i % 5000);
            String replyId = UUID.randomUUID().toString();
            batch.add(event(id, 2, replyId, replied, new AgentReplied(id, agent, "Hello", true)));
            batch.add(event(id, 3, replied.plusSeconds(1),
                            new ReplyDispatched(id, replyId, channel, "bench", "seed-" + t, agent)));
            batch.add(event(id, 4, opened.plusSeconds(7200 + i % 20000), new TicketResolved(id, "done", agent)));
            batch.add(event(id, 5, opened.plusSeconds(9000 + i % 20000), new SatisfactionRated(id, 1 + i % 5, null)));
            if (batch.size() >= 5000) {
                eventStore.publish(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            eventStore.publish(batch);
        }
    }

    private static DomainEventMessage<?> event(String id, long sequence, Instant at, Object payload) {
        return event(id, sequence, UUID.randomUUID().toString(), at, payload);
    }

    private static DomainEventMessage<?> event(String id, long sequence, String eventId, Instant at, Object payload) {
        return new GenericDomainEventMessage<>("Ticket", id, sequence, payload,
                                               Map.of("user", "bench", "correlationId", id), eventId, at);
    }

    @Override
    public void close() {
        context.close();
    }
}
