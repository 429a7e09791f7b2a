package io.helpdesk.eventstore.deadletters;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.time.Clock;
import java.util.OptionalLong;

/**
 * Readiness of the processors (health component {@code processors}): down while one has been failing for longer
 * than {@code helpdesk.dead-letters.stuck-after} without moving. With it, meters per group of dead letters
 * ({@code helpdesk.dead.letters}) and of failing processors ({@code helpdesk.processor.failing}, 1 or 0).
 */
public class ProcessorHealth extends AbstractHealthIndicator implements MeterBinder {

    private final EventProcessingConfiguration processing;
    private final ProcessorFailures failures;
    private final DeadLetters deadLetters;
    private final DeadLetterSettings settings;
    private final Clock clock;

    public ProcessorHealth(EventProcessingConfiguration processing, ProcessorFailures failures,
                           DeadLetters deadLetters, DeadLetterSettings settings, Clock clock) {
        super("processors could not be checked");
        this.processing = processing;
        this.failures = failures;
        this.deadLetters = deadLetters;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up();
        for (ProcessorFailures.Failure seen : failures.all()) {
            failures.of(seen.processor(), lowestPosition(seen.processor())).ifPresent(failure -> {
                builder.withDetail(failure.processor(), failure);
                if (failure.stuckLongerThan(settings.stuckAfter(), clock.instant())) {
                    builder.down();
                }
            });
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String group : settings.groups()) {
            Gauge.builder("helpdesk.dead.letters", deadLetters, letters -> letters.count(group))
                 .tag("group", group)
                 .description("Events a processing group set aside (dead letters)")
                 .register(registry);
            Gauge.builder("helpdesk.processor.failing", failures,
                          f -> f.of(group, lowestPosition(group)).isPresent() ? 1 : 0)
                 .tag("processor", group)
                 .description("1 while the processor's batches keep failing, else 0")
                 .register(registry);
        }
    }

    private Long lowestPosition(String processor) {
        OptionalLong lowest = processing.eventProcessor(processor, StreamingEventProcessor.class)
                                        .map(p -> p.processingStatus().values().stream()
                                                   .map(EventTrackerStatus::getCurrentPosition)
                                                   .filter(OptionalLong::isPresent)
                                                   .mapToLong(OptionalLong::getAsLong).min())
                                        .orElse(OptionalLong.empty());
        return lowest.isPresent() ? lowest.getAsLong() : null;
    }
}
