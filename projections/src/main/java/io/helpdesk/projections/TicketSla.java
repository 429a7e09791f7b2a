package io.helpdesk.projections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdesk.domain.sla.SlaClocks;
import io.helpdesk.domain.sla.SlaPolicy;
import io.helpdesk.domain.sla.SlaTarget;
import io.helpdesk.domain.ticket.Priority;
import io.helpdesk.domain.ticket.TicketEvent;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.domain.ticket.TicketPriorityChanged;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The SLA facts a read model other than the SLA one needs about a ticket (its earliest running deadline, and
 * whether any promise was missed), worked out from the events with the shared clock rules ({@link SlaClocks})
 * and the live policy, so that no read model reads another's tables. Each read model keeps the folded state
 * in a column of its own ({@link #write}, {@link #read}); the figures agree with the SLA read model's clocks:
 * a clock's deadline is the last one worked out while it ran (also once it is breached), a paused ticket has
 * none running, and a clock that stops breached or past its deadline is missed.
 */
public final class TicketSla {

    /** One ticket's clocks, the deadline of each running clock, and whether any clock was missed. */
    public record Folded(Priority priority, SlaClocks.State clocks, Map<SlaTarget, Instant> due, boolean missed) {

        /** The earliest deadline of a running clock; null while paused or when none runs. */
        public Instant earliestDue() {
            if (clocks.paused()) {
                return null;
            }
            return due.values().stream().min(Instant::compareTo).orElse(null);
        }
    }

    private final ObjectMapper json;
    private final SlaPolicy policy;

    public TicketSla(ObjectMapper json, SlaPolicy policy) {
        this.json = json.copy().findAndRegisterModules();
        this.policy = policy;
    }

    /** The clocks after {@code event}; {@code before} is null for the event that opened the ticket. */
    public Folded apply(Folded before, TicketEvent event, Instant at) {
        Priority priority;
        SlaClocks clocks;
        Map<SlaTarget, Instant> due = new EnumMap<>(SlaTarget.class);
        boolean missed;
        if (before == null) {
            if (!(event instanceof TicketOpened opened)) {
                throw new IllegalArgumentException("a ticket's clocks start with TicketOpened, not " + event);
            }
            priority = opened.priority();
            clocks = new SlaClocks();
            missed = false;
        } else {
            priority = before.priority();
            clocks = SlaClocks.restore(before.clocks());
            due.putAll(before.due());
            missed = before.missed();
        }
        boolean priorityChanged = false;
        if (event instanceof TicketPriorityChanged changed) {
            priorityChanged = changed.to() != priority;
            priority = changed.to();
        }
        SlaClocks.State was = before == null ? null : before.clocks();
        for (SlaClocks.Change change : clocks.apply(event, at)) {
            if (change instanceof SlaClocks.Started started) {
                due.remove(started.target());
            } else if (change instanceof SlaClocks.Stopped stopped) {
                Instant deadline = due.remove(stopped.target());
                if (stopped.breached() || deadline != null && deadline.isBefore(at)) {
                    missed = true;
                }
            }
        }
        var calendar = policy.calendarFor(priority);
        var targets = policy.targetsFor(priority);
        SlaClocks.State now = clocks.state();
        for (SlaTarget target : SlaTarget.values()) {
            // A deadline follows from the clock's own state and the priority's policy: worked out again only
            // when either moved (most events leave the running clocks as they were, and working out a deadline
            // over business hours was most of the time a replay spent here).
            boolean moved = was == null || priorityChanged || was.paused() != now.paused()
                    || !Objects.equals(was.clocks().get(target), now.clocks().get(target));
            if (moved) {
                clocks.dueAt(target, targets.of(target), calendar).ifPresent(deadline -> due.put(target, deadline));
            }
        }
        return new Folded(priority, now, due, missed);
    }

    public String write(Folded folded) {
        try {
            return json.writeValueAsString(folded);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("SLA clocks could not be written", e);
        }
    }

    public Folded read(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readValue(stored, Folded.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("SLA clocks could not be read", e);
        }
    }
}
