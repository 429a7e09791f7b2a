package io.helpdesk.command.rules;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.domain.handoff.HandoffDeclined;
import io.helpdesk.domain.rule.RuleTrigger;
import io.helpdesk.domain.rule.TimedState;
import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.shared.RuleViolation;
import io.helpdesk.domain.ticket.ApplyRule;
import io.helpdesk.domain.ticket.ScheduleAutomation;
import io.helpdesk.domain.ticket.TicketEvent;
import io.helpdesk.domain.ticket.TicketId;
import io.helpdesk.domain.ticket.WatchSlaRisk;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Runs the rules: for every ticket event (and a declined handoff), each enabled rule waiting for it, in order,
 * as an {@link ApplyRule} the ticket decides on (at most once per rule and event, so a redelivered event changes
 * nothing); and for every state a ticket enters, the time-based rules counting it start their timers. Every
 * command carries the rule's id and version, the triggering event and the chain depth in its metadata, so every
 * event a rule causes says so. Loop protection: an event a rule caused never runs that rule again, and an event
 * at the end of a chain of {@code helpdesk.rules.max-chain-depth} rules runs none.
 */
@Component
@ProcessingGroup(RuleTriggers.GROUP)
public class RuleTriggers {

    public static final String GROUP = "rules";
    public static final String RULE_ID = "ruleId";
    public static final String RULE_VERSION = "ruleVersion";
    /** How many rules led to this event, one after the other (absent: none). */
    public static final String RULE_DEPTH = "ruleDepth";
    /** The event that made the rule run. */
    public static final String RULE_TRIGGER = "ruleTrigger";

    private static final Logger log = LoggerFactory.getLogger(RuleTriggers.class);

    private final RuleBook rules;
    private final CommandGateway commands;
    private final RuleSettings settings;
    private final Retry retry;

    public RuleTriggers(RuleBook rules, CommandGateway commands, RuleSettings settings, RetryRegistry retries) {
        this.rules = rules;
        this.commands = commands;
        this.settings = settings;
        this.retry = retries.retry("commands");
    }

    @EventHandler
    @DisallowReplay
    void on(TicketEvent event, EventMessage<?> message) {
        run(event, message);
    }

    @EventHandler
    @DisallowReplay
    void on(HandoffDeclined event, EventMessage<?> message) {
        run(event, message);
    }

    private void run(Object event, EventMessage<?> message) {
        Optional<Triggers.Trigger> found = Triggers.of(event);
        List<TimedState> entered = Triggers.entered(event);
        if (found.isEmpty() && entered.isEmpty() && !Triggers.movesSla(event)) {
            return;
        }
        MetaData metaData = message.getMetaData();
        int depth = metaData.get(RULE_DEPTH) instanceof Number n ? n.intValue() : 0;
        if (depth >= settings.maxChainDepth()) {
            log.info("Rules not run for event {}: it ends a chain of {} rules (helpdesk.rules.max-chain-depth)",
                     message.getIdentifier(), depth);
            return;
        }
        Object causedBy = metaData.get(RULE_ID);
        String ticket = event instanceof HandoffDeclined declined ? declined.ticketId()
                : ((TicketEvent) event).ticketId();
        for (TimedState state : entered) {
            for (RuleBook.Stored rule : rules.runningOn(RuleTrigger.AUTOMATION_TIMER)) {
                if (rule.definition().timer().state() == state && !rule.ruleId().equals(causedBy)) {
                    send(new ScheduleAutomation(new TicketId(ticket), rule.ruleId(), rule.definition().timer()),
                         rule, message, depth);
                }
            }
        }
        if (Triggers.movesSla(event)) {
            for (RuleBook.Stored rule : rules.runningOn(RuleTrigger.SLA_AT_RISK)) {
                if (!rule.ruleId().equals(causedBy)) {
                    send(new WatchSlaRisk(new TicketId(ticket), rule.ruleId()), rule, message, depth);
                }
            }
        }
        String only = Triggers.namedRule(event);
        found.ifPresent(trigger -> {
            for (RuleBook.Stored rule : rules.runningOn(trigger.kind())) {
                if (only != null ? !only.equals(rule.ruleId()) : rule.ruleId().equals(causedBy)) {
                    continue;
                }
                send(new ApplyRule(new TicketId(trigger.ticketId()), rule.ruleId(), rule.version(),
                                   rule.definition().name(), message.getIdentifier(), trigger.text(),
                                   message.getTimestamp(), rule.definition().conditions(),
                                   rule.definition().actions()), rule, message, depth);
            }
        });
    }

    /** A refusal (a closed ticket, a rule of the ticket's, a placeholder it cannot fill) is logged and passed. */
    private void send(Object command, RuleBook.Stored rule, EventMessage<?> trigger, int depth) {
        MetaData metaData = MetaData.with(RULE_ID, rule.ruleId())
                                    .and(RULE_VERSION, rule.version())
                                    .and(RULE_DEPTH, depth + 1)
                                    .and(RULE_TRIGGER, trigger.getIdentifier())
                                    .and(CommandDispatcher.USER, "rule:" + rule.ruleId());
        Object correlation = trigger.getMetaData().get(CommandDispatcher.CORRELATION_ID);
        MetaData correlated = correlation == null ? metaData
                : metaData.and(CommandDispatcher.CORRELATION_ID, correlation);
        try {
            retry.executeRunnable(() -> commands.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(correlated)));
        } catch (RuleViolation | InvalidInput | AggregateNotFoundException refused) {
            log.info("Rule {} v{} not applied for event {}: {}", rule.ruleId(), rule.version(),
                     trigger.getIdentifier(), refused.getMessage());
        }
    }
}
