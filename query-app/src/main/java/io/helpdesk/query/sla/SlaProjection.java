package io.helpdesk.query.sla;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdesk.domain.sla.SlaClocks;
import io.helpdesk.domain.sla.SlaPolicy;
import io.helpdesk.domain.sla.SlaSettings;
import io.helpdesk.domain.sla.SlaTarget;
import io.helpdesk.domain.ticket.Priority;
import io.helpdesk.domain.ticket.TicketAssigned;
import io.helpdesk.domain.ticket.TicketEvent;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.domain.ticket.TicketPriorityChanged;
import io.helpdesk.domain.ticket.TicketUnassigned;
import io.helpdesk.domain.ticket.SlaBreached;
import io.helpdesk.projections.BatchingJdbcTemplate;
import io.helpdesk.projections.BatchingJdbcTemplate.Row;
import io.helpdesk.projections.Projection;
import io.helpdesk.projections.ReadModel;
import io.helpdesk.projections.ReadModelChanges;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Per ticket and target, each run of an SLA clock: when it started, when it is due, when it turns at risk,
 * whether it is paused, the ticket's priority while it runs, and once it stops whether the promise was met. Applies the same clock rules as the
 * Ticket aggregate ({@link SlaClocks#apply}) with the same policy, from event timestamps only, so a replay
 * gives the same rows. Whether a running clock is at risk or breached "now" is decided at query time.
 */
@Component
@ProcessingGroup(SlaProjection.GROUP)
public class SlaProjection extends Projection {

    public static final String GROUP = "sla";

    public static final ReadModel READ_MODEL = ReadModel.of(GROUP, List.of(
            ReadModel.Table.of("sla_ticket", "ticket_id"),
            ReadModel.Table.of("sla_clock", "ticket_id, target, cycle")),
            "/api/sla");


    private final BatchingJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Supplier<SlaPolicy> policies;
    private final double atRiskShare;
    private final ReadModelChanges changes;

    @Autowired
    public SlaProjection(BatchingJdbcTemplate jdbc, ObjectMapper json, SlaPolicy policy, SlaSettings settings,
                         ReadModelChanges changes) {
        this(jdbc, json, () -> policy, settings.atRiskShare(), changes);
    }

    /** @param policies the policy to apply, asked per event: a what-if rebuild can apply another one */
    protected SlaProjection(BatchingJdbcTemplate jdbc, ObjectMapper json, Supplier<SlaPolicy> policies,
                            double atRiskShare, ReadModelChanges changes) {
        super(jdbc);
        this.jdbc = jdbc;
        this.json = json.copy().findAndRegisterModules();
        this.policies = policies;
        this.atRiskShare = atRiskShare;
        this.changes = changes;
    }

    @EventHandler
    void on(TicketEvent event, @Timestamp Instant at) {
        String ticketId = event.ticketId();
        Map<String, TicketRow> seen = batchCache();
        TicketRow row = null;
        Priority priority;
        SlaClocks clocks;
        if (event instanceof TicketOpened opened) {
            priority = opened.priority();
            clocks = new SlaClocks();
        } else {
            row = seen.get(ticketId);
            if (row == null) {
                List<TicketRow> rows = jdbc.query(
                        "SELECT priority, clocks FROM readmodel.sla_ticket WHERE ticket_id = ?",
                        (rs, i) -> new TicketRow(Priority.valueOf(rs.getString(1)), rs.getString(2)), ticketId);
                if (rows.isEmpty()) {
                    return;
                }
                row = rows.get(0);
            }
            priority = row.priority();
            clocks = read(row.clocks());
        }
        SlaPolicy policy = policies.get();
        Map<SlaTarget, OpenClock> before = openClocks(clocks, priority, policy);
        if (event instanceof TicketPriorityChanged changed) {
            priority = changed.to();
        } else if (event instanceof TicketAssigned assigned) {
            jdbc.updateRow(ticketRow(ticketId),
                           "UPDATE readmodel.sla_ticket SET team = ?, assignee = ? WHERE ticket_id = ?",
                           assigned.team(), assigned.assignee(), ticketId);
        } else if (event instanceof TicketUnassigned) {
            jdbc.updateRow(ticketRow(ticketId),
                           "UPDATE readmodel.sla_ticket SET team = NULL, assignee = NULL WHERE ticket_id = ?",
                           ticketId);
        } else if (event instanceof SlaBreached breached) {
            jdbc.updateRow(clockRow(ticketId, breached.target()), """
                                   UPDATE readmodel.sla_clock SET breached_at = ?
                                   WHERE ticket_id = ? AND target = ? AND outcome IS NULL""",
                           utc(breached.dueAt()), ticketId, breached.target().name());
        }
        Set<SlaTarget> started = EnumSet.noneOf(SlaTarget.class);
        Set<SlaTarget> stopped = EnumSet.noneOf(SlaTarget.class);
        for (SlaClocks.Change change : clocks.apply(event, at)) {
            if (change instanceof SlaClocks.Started start) {
                started.add(start.target());
                jdbc.updateRow(clockRow(ticketId, start.target()), """
                                       INSERT INTO readmodel.sla_clock (ticket_id, target, cycle, started_at)
                                       SELECT ?, ?, COALESCE(max(cycle), 0) + 1, ?
                                       FROM readmodel.sla_clock WHERE ticket_id = ? AND target = ?""",
                               ticketId, start.target().name(), utc(at), ticketId, start.target().name());
            } else if (change instanceof SlaClocks.Stopped stop) {
                stopped.add(stop.target());
                jdbc.updateRow(clockRow(ticketId, stop.target()), """
                                       UPDATE readmodel.sla_clock
                                       SET stopped_at = ?, paused = FALSE,
                                           outcome = CASE WHEN ? OR breached_at IS NOT NULL OR due_at < ?
                                                          THEN 'MISSED' ELSE 'MET' END
                                       WHERE ticket_id = ? AND target = ? AND outcome IS NULL""",
                               utc(at), stop.breached(), utc(at), ticketId, stop.target().name());
            }
        }
        Map<SlaTarget, OpenClock> after = openClocks(clocks, priority, policy);
        for (SlaTarget target : SlaTarget.values()) {
            OpenClock open = after.get(target);
            // A new clock's row needs its values; a stopped clock has no open row left; any other open row
            // already holds these values unless the event moved them. Most events (a reply, a note, a tag)
            // move none, and an update per target and event was most of the database's work.
            boolean moved = started.contains(target)
                    || !stopped.contains(target) && !open.equals(before.get(target));
            if (!moved) {
                continue;
            }
            jdbc.updateRow(clockRow(ticketId, target), """
                                   UPDATE readmodel.sla_clock
                                   SET due_at = COALESCE(?, due_at), at_risk_at = COALESCE(?, at_risk_at), paused = ?,
                                       priority = ?
                                   WHERE ticket_id = ? AND target = ? AND outcome IS NULL""",
                           open.dueAt() == null ? null : utc(open.dueAt()),
                           open.atRiskAt() == null ? null : utc(open.atRiskAt()), open.paused(),
                           open.priority().name(), ticketId, target.name());
        }
        String stored = write(clocks);
        // A new ticket's row is written once, with its clocks started; another's only when the event changed
        // its priority or clocks (a note, a tag, a later reply change neither).
        if (row == null) {
            jdbc.updateRow(ticketRow(ticketId), """
                                   INSERT INTO readmodel.sla_ticket (ticket_id, priority, opened_at, clocks)
                                   VALUES (?, ?, ?, ?)""",
                           ticketId, priority.name(), utc(at), stored);
        } else if (priority != row.priority() || !stored.equals(row.clocks())) {
            jdbc.updateRow(ticketRow(ticketId),
                           "UPDATE readmodel.sla_ticket SET priority = ?, clocks = ? WHERE ticket_id = ?",
                           priority.name(), stored, ticketId);
        }
        seen.put(ticketId, new TicketRow(priority, stored));
        changes.ticket(ticketId);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM readmodel.sla_clock");
        jdbc.update("DELETE FROM readmodel.sla_ticket");
    }

    private record TicketRow(Priority priority, String clocks) {
    }

    /** What a target's open clock row is set to after an event (a null time leaves the stored one). */
    private record OpenClock(Instant dueAt, Instant atRiskAt, boolean paused, Priority priority) {
    }

    private Map<SlaTarget, OpenClock> openClocks(SlaClocks clocks, Priority priority, SlaPolicy policy) {
        Map<SlaTarget, OpenClock> open = new EnumMap<>(SlaTarget.class);
        var calendar = policy.calendarFor(priority);
        for (SlaTarget target : SlaTarget.values()) {
            Duration allowed = policy.targetsFor(priority).of(target);
            open.put(target, new OpenClock(clocks.dueAt(target, allowed, calendar).orElse(null),
                                           clocks.atRiskAt(target, allowed, atRiskShare, calendar).orElse(null),
                                           clocks.isPaused(), priority));
        }
        return open;
    }

    private static Row ticketRow(String ticketId) {
        return new Row("sla_ticket", ticketId);
    }

    /** A ticket's clocks for one target: its statements find the open clock by ticket and target. */
    private static Row clockRow(String ticketId, SlaTarget target) {
        return new Row("sla_clock", ticketId + "/" + target.name());
    }

    private String write(SlaClocks clocks) {
        try {
            return json.writeValueAsString(clocks.state());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("SLA clocks could not be written", e);
        }
    }

    private SlaClocks read(String stored) {
        try {
            return SlaClocks.restore(json.readValue(stored, SlaClocks.State.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("SLA clocks could not be read", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
