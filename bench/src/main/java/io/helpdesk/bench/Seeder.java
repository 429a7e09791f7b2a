package io.helpdesk.bench;

import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.ContactChannel;
import io.helpdesk.domain.ticket.Priority;
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
 * writes. Each ticket is five events: opened, assigned, first reply, resolved, rated.
 */
final class Seeder implements AutoCloseable {

    static final int EVENTS_PER_TICKET = 5;

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

    /** Appends tickets {@code from} (inclusive) to {@code to} (exclusive), five events each. */
    void tickets(long from, long to) {
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        for (long t = from; t < to; t++) {
            String id = "seed-" + t;
            Instant opened = start.plusSeconds(t * 20L);
            String agent = "agent-" + (t % 40);
            int i = (int) (t % 1_000_000);
            batch.add(event(id, 0, opened, new TicketOpened(id, "c" + (t % 50_000) + "@example.com", "Customer " + t,
                                                            ContactChannel.values()[i % 8], "Subject " + t,
                                                            "Body of ticket " + t, null, Priority.values()[i % 4])));
            batch.add(event(id, 1, opened.plusSeconds(60), new TicketAssigned(id, agent, "team-" + (t % 5), null)));
            batch.add(event(id, 2, opened.plusSeconds(300 + i % 5000), new AgentReplied(id, agent, "Hello", true)));
            batch.add(event(id, 3, opened.plusSeconds(7200 + i % 20000), new TicketResolved(id, "done", agent)));
            batch.add(event(id, 4, opened.plusSeconds(9000 + i % 20000), new SatisfactionRated(id, 1 + i % 5, null)));
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
        return new GenericDomainEventMessage<>("Ticket", id, sequence, payload,
                                               Map.of("user", "bench", "correlationId", id),
                                               UUID.randomUUID().toString(), at);
    }

    @Override
    public void close() {
        context.close();
    }
}
