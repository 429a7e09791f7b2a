package io.helpdesk.eventstore.deadletters;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * @param groups  the processing groups that set an event they cannot apply aside, with every later event of its
 *                aggregate, and go on with the rest
 * @param batched whether those groups write a batch of events in one transaction (the read models): then a failed
 *                batch is retried event by event, each in a savepoint, so that only the failing event is set aside
 * @param maxSequences how many aggregates may have dead letters in one group; past that the group stops (and
 *                     says so) rather than set more aside
 * @param stuckAfter   how long a processor may fail without moving before readiness reports it
 */
@ConfigurationProperties("helpdesk.dead-letters")
public record DeadLetterSettings(@DefaultValue List<String> groups, @DefaultValue("true") boolean batched,
                                 @DefaultValue("100000") int maxSequences,
                                 @DefaultValue("2m") Duration stuckAfter) {
}
