package io.helpdesk.command.rules;

import io.helpdesk.command.ticket.TicketState;
import io.helpdesk.domain.macro.MacroAction;
import io.helpdesk.domain.macro.Templates;
import io.helpdesk.domain.rule.RuleCondition;
import io.helpdesk.domain.rule.RuleDefinition;
import io.helpdesk.domain.rule.RuleTimer;
import io.helpdesk.domain.rule.RuleTrigger;
import io.helpdesk.domain.rule.TicketFacts;
import io.helpdesk.domain.rule.TimedState;
import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.sla.SlaPolicy;
import io.helpdesk.domain.ticket.TicketEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Tries a draft rule on a period of history without writing anything: the events of the period are read from
 * the event store in order, each ticket is folded from its own events (from its first, also when it was opened
 * before the period), and wherever the rule would have run, its conditions are asked of the ticket as it was
 * then. A time-based rule fires where a ticket stayed in the timer's state long enough within the period. The
 * rule's own changes are not played forward: what it reports is what it would have done to history as it was.
 */
@Component
public class RuleDryRun {

    /** At most this many firings are listed (all are counted). */
    static final int LISTED = 1_000;

    /** One place the rule would have run. */
    public record Firing(String ticketId, String trigger, String eventId, Long position, Instant at,
                         List<String> actions, String refused) {
    }

    public record Result(Instant from, Instant to, long eventsRead, int ticketsSeen, int firings,
                         int ticketsTouched, boolean truncated, long millis, List<Firing> listed) {
    }

    private final EventStorageEngine events;
    private final JdbcTemplate jdbc;
    private final SlaPolicy policy;
    private final RuleSettings settings;

    public RuleDryRun(EventStorageEngine events, JdbcTemplate jdbc, SlaPolicy policy, RuleSettings settings) {
        this.events = events;
        this.jdbc = jdbc;
        this.policy = policy;
        this.settings = settings;
    }

    /** A ticket as the run has seen it so far, and the timer it would have started. */
    private static final class Seen {
        final TicketState state = new TicketState();
        Instant timerDue;
    }

    public Result run(RuleDefinition rule, Instant from, Instant to) {
        long started = System.nanoTime();
        Map<String, Seen> tickets = new HashMap<>();
        List<Firing> listed = new ArrayList<>();
        Set<String> touched = new HashSet<>();
        int[] firings = {0};
        long read = 0;
        // Positions follow commits, times need not (a bulk import of old history): the period is the positions
        // from its first event to its last, and events among them from outside the period are passed over.
        Map<String, Object> range = jdbc.queryForMap("""
                                                 SELECT min(global_index) AS first, max(global_index) AS last
                                                 FROM eventstore.domain_event_entry
                                                 WHERE time_stamp::timestamptz BETWEEN ?::timestamptz AND ?::timestamptz""",
                                         from.toString(), to.toString());
        Long first = range.get("first") == null ? null : ((Number) range.get("first")).longValue();
        long end = range.get("last") == null ? -1 : ((Number) range.get("last")).longValue();
        TrackingToken token = first == null || first == 0 ? null
                : GapAwareTrackingToken.newInstance(first - 1, Collections.emptySortedSet());
        long last = first == null ? -1 : first - 1;
        boolean more = first != null;
        while (more) {
            boolean any = false;
            try (Stream<? extends TrackedEventMessage<?>> batch = events.readEvents(token, false)) {
                Iterator<? extends TrackedEventMessage<?>> iterator = batch.iterator();
                while (iterator.hasNext()) {
                    TrackedEventMessage<?> event = iterator.next();
                    token = event.trackingToken();
                    last = token.position().orElse(last);
                    any = true;
                    if (last > end || read >= settings.dryRunMaxEvents()) {
                        more = false;
                        break;
                    }
                    if (event.getTimestamp().isBefore(from) || event.getTimestamp().isAfter(to)) {
                        continue;
                    }
                    read++;
                    Object payload = event.getPayload();
                    Triggers.Trigger trigger = Triggers.of(payload).orElse(null);
                    String ticketId = trigger != null ? trigger.ticketId()
                            : payload instanceof TicketEvent e ? e.ticketId() : null;
                    if (ticketId == null) {
                        continue;
                    }
                    Seen ticket = tickets.computeIfAbsent(ticketId, id -> before(id, event));
                    if (ticket.timerDue != null && !ticket.timerDue.isAfter(event.getTimestamp())) {
                        fire(rule, ticketId, ticket, RuleTrigger.AUTOMATION_TIMER.name(), null, null,
                             ticket.timerDue, null, listed, touched, firings);
                        ticket.timerDue = null;
                    }
                    if (!(payload instanceof io.helpdesk.domain.handoff.HandoffDeclined)) {
                        ticket.state.apply(payload, event.getTimestamp());
                    }
                    if (rule.timer() != null) {
                        ticket.timerDue = timer(rule.timer(), ticket, payload);
                    } else if (trigger != null && rule.triggers().contains(trigger.kind())) {
                        fire(rule, ticketId, ticket, trigger.kind().name(), event.getIdentifier(),
                             event.trackingToken().position().orElse(-1), event.getTimestamp(), trigger.text(),
                             listed, touched, firings);
                    }
                }
            }
            if (more && !any) {
                // A batch reads a window of positions: past a hole in the numbering wider than it, go on from
                // the next event there is.
                Long next = jdbc.queryForObject(
                        "SELECT min(global_index) FROM eventstore.domain_event_entry WHERE global_index > ?",
                        Long.class, last);
                more = next != null;
                if (more) {
                    last = next - 1;
                    token = GapAwareTrackingToken.newInstance(last, Collections.emptySortedSet());
                }
            }
        }
        for (Map.Entry<String, Seen> ticket : tickets.entrySet()) {
            Instant due = ticket.getValue().timerDue;
            if (due != null && !due.isAfter(to)) {
                fire(rule, ticket.getKey(), ticket.getValue(), RuleTrigger.AUTOMATION_TIMER.name(), null, null, due,
                     null, listed, touched, firings);
            }
        }
        listed.sort(java.util.Comparator.comparing(Firing::at).thenComparing(Firing::ticketId));
        return new Result(from, to, read, tickets.size(), firings[0], touched.size(), firings[0] > listed.size(),
                          (System.nanoTime() - started) / 1_000_000, listed);
    }

    /** The ticket as it was just before the first event of it the run reads. */
    private Seen before(String ticketId, TrackedEventMessage<?> event) {
        Seen seen = new Seen();
        if (event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier().equals(ticketId)
                && domain.getSequenceNumber() == 0) {
            return seen;
        }
        events.readEvents(ticketId, 0).asStream()
              .takeWhile(earlier -> earlier.getTimestamp().isBefore(event.getTimestamp())
                      && !earlier.getIdentifier().equals(event.getIdentifier()))
              .forEach(earlier -> seen.state.apply(earlier.getPayload(), earlier.getTimestamp()));
        return seen;
    }

    /** When the rule's timer would fire on the ticket, as of this event (null: it does not run). */
    private Instant timer(RuleTimer timer, Seen ticket, Object payload) {
        TicketState state = ticket.state;
        Instant since;
        if (timer.state() == TimedState.UNASSIGNED) {
            since = state.assignee == null && !"CLOSED".equals(state.status) ? state.unassignedSince : null;
        } else {
            since = timer.state().name().equals(state.status) ? state.statusSince : null;
        }
        if (since == null) {
            return null;
        }
        if (ticket.timerDue != null && !Triggers.entered(payload).contains(timer.state())) {
            return ticket.timerDue;
        }
        return timer.businessHours() ? policy.calendarFor(state.priority).addBusinessTime(since, timer.after())
                                     : since.plus(timer.after());
    }

    private void fire(RuleDefinition rule, String ticketId, Seen ticket, String trigger, String eventId,
                      Long position, Instant at, String text, List<Firing> listed, Set<String> touched,
                      int[] firings) {
        TicketState state = ticket.state;
        if (state.status == null || "CLOSED".equals(state.status) || state.priority == null) {
            return;
        }
        TicketFacts facts = new TicketFacts(state.channel, state.priority.name(), state.status, state.assignee,
                                            state.team, state.category, state.tags, state.customerEmail, text,
                                            policy.calendarFor(state.priority).isBusinessTime(at), state.fields);
        if (!RuleCondition.all(rule.conditions(), facts)) {
            return;
        }
        firings[0]++;
        touched.add(ticketId);
        if (listed.size() >= LISTED) {
            return;
        }
        Map<String, String> values = Templates.values(state.customerName, state.customerEmail, ticketId,
                                                      state.subject, state.priority.name(), rule.name(), rule.name());
        List<String> actions = new ArrayList<>();
        String refused = null;
        try {
            for (int i = 0; i < rule.actions().size(); i++) {
                actions.add(describe(rule.actions().get(i), values, i));
            }
        } catch (InvalidInput e) {
            refused = e.getMessage();
        }
        listed.add(new Firing(ticketId, trigger, eventId, position, at, actions, refused));
    }

    private static String describe(MacroAction action, Map<String, String> values, int index) {
        String field = "actions[" + index + "].value";
        return switch (action.type()) {
            case ADD_NOTE, PROPOSE_DRAFT, ALERT -> action.type() + ": " + Templates.fill(action.value(), values, field);
            case NOTIFY -> "NOTIFY " + String.join(", ", action.to()) + ": "
                    + Templates.fill(action.value(), values, field);
            case ADD_TAGS, REMOVE_TAGS -> action.type() + " " + String.join(", ", action.tags());
            case ASSIGN -> "ASSIGN " + action.value() + (action.team() == null ? "" : " (team " + action.team() + ")");
            case UNASSIGN, DISCARD_DRAFT -> action.type().name();
            case ROUTE -> "ROUTE to " + action.team() + (action.tags().isEmpty() ? ""
                    : " (skills " + String.join(", ", action.tags()) + ")");
            default -> action.type() + " " + action.value();
        };
    }
}
