package io.helpdesk.command.erasure;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.helpdesk.domain.contact.EraseContact;
import io.helpdesk.domain.shared.RuleViolation;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Retention: contacts with no activity (no event of theirs or of their tickets) for {@code
 * helpdesk.retention.erase-inactive-after} (an ISO-8601 period such as {@code P24M}; off when empty, the
 * default) are erased as on request, by {@code system:retention}. A persistent recurring task of the deadline
 * scheduler (db-scheduler, in the database): it runs once per {@code helpdesk.retention.every} on one instance,
 * and survives restarts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${helpdesk.retention.erase-inactive-after:}' != ''")
public class RetentionPolicy {

    private static final Logger log = LoggerFactory.getLogger(RetentionPolicy.class);
    public static final String BY = "system:retention";
    /** Contacts erased per run at most: each erasure is one transaction; the next run goes on. */
    static final int PER_RUN = 500;

    @Bean
    public Retention retention(JdbcTemplate jdbc, CommandGateway gateway,
                               @Value("${helpdesk.retention.erase-inactive-after}") String inactiveFor) {
        return new Retention(jdbc, gateway, Period.parse(inactiveFor));
    }

    @Bean
    public RecurringTask<Void> retentionTask(Retention retention,
                                             @Value("${helpdesk.retention.every:PT24H}") Duration every) {
        return Tasks.recurring("contact-retention", FixedDelay.of(every)).execute((instance, context) -> {
            int erased = retention.run();
            if (erased > 0) {
                log.info("Retention erased {} contacts inactive since before {}", erased, retention.cutoff());
            }
        });
    }

    /** One run of the policy. */
    public static class Retention {

        private final JdbcTemplate jdbc;
        private final CommandGateway gateway;
        private final Period inactiveFor;

        Retention(JdbcTemplate jdbc, CommandGateway gateway, Period inactiveFor) {
            this.jdbc = jdbc;
            this.gateway = gateway;
            this.inactiveFor = inactiveFor;
        }

        Instant cutoff() {
            return Instant.now().atOffset(ZoneOffset.UTC).minus(inactiveFor).toInstant();
        }

        /** Erases the contacts inactive since before the cutoff (at most {@link #PER_RUN}); answers how many. */
        public int run() {
            List<String> due = jdbc.queryForList("""
                    SELECT c.aggregate_identifier FROM eventstore.domain_event_entry c
                    WHERE c.type = 'Contact' AND c.sequence_number = 0
                      AND NOT EXISTS (SELECT 1 FROM command.erased_contact e WHERE e.contact_id = c.aggregate_identifier)
                      AND (SELECT max(x.time_stamp::timestamptz) FROM eventstore.domain_event_entry x
                           WHERE x.aggregate_identifier = c.aggregate_identifier
                              OR x.aggregate_identifier IN (SELECT t.ticket_id FROM command.ticket_customer t
                                                            WHERE t.contact_id = c.aggregate_identifier)) < ?
                    ORDER BY c.global_index LIMIT ?""", String.class, cutoff().atOffset(ZoneOffset.UTC), PER_RUN);
            int erased = 0;
            for (String contactId : due) {
                try {
                    gateway.sendAndWait(GenericCommandMessage.asCommandMessage(
                            new EraseContact(contactId, "no activity for " + inactiveFor, BY))
                                                             .andMetaData(MetaData.with("user", BY)));
                    erased++;
                } catch (RuleViolation merged) {
                    // Merged into another contact: erased with it when that one is due.
                }
            }
            return erased;
        }
    }
}
