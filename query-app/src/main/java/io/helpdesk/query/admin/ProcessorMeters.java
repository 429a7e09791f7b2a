package io.helpdesk.query.admin;

import io.helpdesk.eventstore.EventStoreHead;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.OptionalLong;

/**
 * Read-model progress for metrics scrapers, computed when scraped: {@code helpdesk.events.head} (the newest
 * event's position) and {@code helpdesk.processor.position} per processor (the lowest position of the segments
 * this instance works). Their difference is the lag in events; {@code helpdesk.processor.lag} is the same lag in
 * seconds (how long the oldest waiting event has waited). Axon's own per-message meters are off by default
 * ({@code AXON_MESSAGE_METRICS}): they cost about a third of the CPU of processing an event.
 */
@Component
class ProcessorMeters implements MeterBinder {

    private final EventProcessingConfiguration processors;
    private final JdbcTemplate jdbc;

    ProcessorMeters(EventProcessingConfiguration processors, JdbcTemplate jdbc) {
        this.processors = processors;
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("helpdesk.events.head", jdbc, EventStoreHead::position)
             .description("Global position of the newest event in the store")
             .register(registry);
        processors.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder("helpdesk.processor.position", streaming, ProcessorMeters::position)
                     .tag("processor", name)
                     .description("Lowest position among the segments this instance processes (NaN: none)")
                     .register(registry);
                Gauge.builder("helpdesk.processor.lag", streaming, this::lagSeconds)
                     .tag("processor", name)
                     .baseUnit("seconds")
                     .description("Age of the oldest event the segments of this instance have still to process "
                                  + "(0: none waiting; NaN: no segment here)")
                     .register(registry);
            }
        });
    }

    /** How long the first event past the processor's position has waited: one indexed row per scrape. */
    private double lagSeconds(StreamingEventProcessor processor) {
        double position = position(processor);
        if (Double.isNaN(position)) {
            return Double.NaN;
        }
        java.util.List<String> next = jdbc.queryForList("""
                SELECT time_stamp FROM eventstore.domain_event_entry WHERE global_index > ?
                ORDER BY global_index LIMIT 1""", String.class, (long) position);
        if (next.isEmpty()) {
            return 0;
        }
        return Math.max(0, java.time.Duration.between(java.time.Instant.parse(next.get(0)), java.time.Instant.now())
                                             .toMillis() / 1000.0);
    }

    private static double position(StreamingEventProcessor processor) {
        OptionalLong lowest = processor.processingStatus().values().stream()
                                       .map(EventTrackerStatus::getCurrentPosition)
                                       .filter(OptionalLong::isPresent)
                                       .mapToLong(OptionalLong::getAsLong)
                                       .min();
        return lowest.isPresent() ? lowest.getAsLong() : Double.NaN;
    }
}
