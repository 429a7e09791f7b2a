package io.helpdesk.command.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdesk.domain.rule.RuleDefinition;
import io.helpdesk.domain.rule.RuleEvent;
import io.helpdesk.domain.rule.RuleTrigger;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The rules at their latest version, kept in {@code command.rule} in the transaction of the rules' events
 * (subscribing), in the order they run. The rules processor reads them for every event, so they are held in
 * memory: read again after a change committed here, and at least every {@link #FRESH} for changes made through
 * another command-app.
 */
@Component
@ProcessingGroup(RuleBook.GROUP)
public class RuleBook {

    public static final String GROUP = "rule-lookup";
    static final Duration FRESH = Duration.ofSeconds(5);

    /** One rule at its latest version. */
    public record Stored(String ruleId, int version, RuleDefinition definition) {
    }

    private record Cached(List<Stored> rules, long readAt, long generation) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private volatile Cached cached;
    /** Counts the changes committed here: a list read while one committed is not kept beyond its caller. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    public RuleBook(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(RuleEvent event) {
        jdbc.update("""
                            INSERT INTO command.rule (rule_id, version, position, enabled, definition)
                            VALUES (?, ?, ?, ?, ?)
                            ON CONFLICT (rule_id) DO UPDATE
                            SET version = EXCLUDED.version, position = EXCLUDED.position, enabled = EXCLUDED.enabled,
                                definition = EXCLUDED.definition
                            WHERE rule.version < EXCLUDED.version""",
                    event.ruleId(), event.version(), event.definition().position(), event.definition().enabled(),
                    write(event.definition()));
        CurrentUnitOfWork.ifStarted(unit -> unit.afterCommit(done -> generation.incrementAndGet()));
    }

    /** Every rule, in the order rules run: by position, then by id. */
    public List<Stored> all() {
        Cached now = cached;
        long current = generation.get();
        if (now == null || now.generation() != current || System.nanoTime() - now.readAt() > FRESH.toNanos()) {
            now = new Cached(jdbc.query("""
                                                SELECT rule_id, version, definition FROM command.rule
                                                ORDER BY position, rule_id""",
                                        (row, n) -> new Stored(row.getString(1), row.getInt(2),
                                                               read(row.getString(3)))),
                             System.nanoTime(), current);
            cached = now;
        }
        return now.rules();
    }

    /** The enabled rules that run when {@code trigger} happens, in order. */
    public List<Stored> runningOn(RuleTrigger trigger) {
        return all().stream().filter(rule -> rule.definition().runsOn(trigger)).toList();
    }

    public Optional<Stored> find(String ruleId) {
        return all().stream().filter(rule -> rule.ruleId().equals(ruleId)).findFirst();
    }

    private String write(RuleDefinition definition) {
        try {
            return json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RuleDefinition read(String definition) {
        try {
            return json.readValue(definition, RuleDefinition.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
