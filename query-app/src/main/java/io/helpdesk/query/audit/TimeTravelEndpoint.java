package io.helpdesk.query.audit;

import io.helpdesk.domain.channel.ChannelArchived;
import io.helpdesk.domain.channel.ChannelCreated;
import io.helpdesk.domain.channel.ChannelRenamed;
import io.helpdesk.domain.channel.ChannelTopicSet;
import io.helpdesk.domain.channel.ChannelType;
import io.helpdesk.domain.channel.MemberAdded;
import io.helpdesk.domain.channel.MemberJoined;
import io.helpdesk.domain.channel.MemberLeft;
import io.helpdesk.domain.channel.MemberRemoved;
import io.helpdesk.domain.channel.MessageDeleted;
import io.helpdesk.domain.channel.MessagePosted;
import io.helpdesk.domain.handoff.HandoffAccepted;
import io.helpdesk.domain.handoff.HandoffCancelled;
import io.helpdesk.domain.handoff.HandoffCompleted;
import io.helpdesk.domain.handoff.HandoffDeclined;
import io.helpdesk.domain.handoff.HandoffExpired;
import io.helpdesk.domain.handoff.HandoffRequested;
import io.helpdesk.domain.ticket.AgentReplied;
import io.helpdesk.domain.ticket.CustomerMessageReceived;
import io.helpdesk.domain.ticket.InternalNoteAdded;
import io.helpdesk.domain.ticket.SatisfactionRated;
import io.helpdesk.domain.ticket.TicketAssigned;
import io.helpdesk.domain.ticket.TicketCategorized;
import io.helpdesk.domain.ticket.TicketClosed;
import io.helpdesk.domain.ticket.TicketEscalated;
import io.helpdesk.domain.ticket.TicketMarkedPending;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.domain.ticket.TicketPriorityChanged;
import io.helpdesk.domain.ticket.TicketPutOnHold;
import io.helpdesk.domain.ticket.TicketReopened;
import io.helpdesk.domain.ticket.TicketResolved;
import io.helpdesk.domain.ticket.TicketReturnedToOpen;
import io.helpdesk.domain.ticket.TicketTagged;
import io.helpdesk.domain.ticket.TicketUnassigned;
import io.helpdesk.domain.ticket.TicketUntagged;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.http.HttpStatus;
import io.helpdesk.query.channels.ChannelAccess;
import io.helpdesk.query.web.Viewer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Time travel: a ticket, handoff or channel as it was at an instant ({@code at}) or after a sequence number
 * ({@code sequence}), folded from its own events up to that point. Without either, as it is now.
 */
@RestController
public class TimeTravelEndpoint {

    private final EventStorageEngine events;
    private final ChannelAccess channels;

    public TimeTravelEndpoint(EventStorageEngine events, ChannelAccess channels) {
        this.events = events;
        this.channels = channels;
    }

    public record AsOf(String id, long sequence, Instant at, Map<String, Object> state) {
    }

    @GetMapping("/api/history/tickets/{id}")
    public Mono<AsOf> ticket(@PathVariable String id, @RequestParam(required = false) String at,
                             @RequestParam(required = false) Long sequence) {
        return fold(id, at, sequence, TimeTravelEndpoint::ticket);
    }

    @GetMapping("/api/history/handoffs/{id}")
    public Mono<AsOf> handoff(@PathVariable String id, @RequestParam(required = false) String at,
                              @RequestParam(required = false) Long sequence) {
        return fold(id, at, sequence, TimeTravelEndpoint::handoff);
    }

    /** A private or direct channel's past is for its members, as its messages are. */
    @GetMapping("/api/history/channels/{id}")
    public Mono<AsOf> channel(@PathVariable String id, @RequestParam(required = false) String at,
                              @RequestParam(required = false) Long sequence, ServerWebExchange exchange) {
        String user = Viewer.of(exchange).user();
        return fold(id, at, sequence, TimeTravelEndpoint::channel).flatMap(asOf -> {
            if (ChannelType.PUBLIC.equals(asOf.state().get("type"))) {
                return Mono.just(asOf);
            }
            return channels.verdict(id, user).flatMap(verdict -> {
                boolean member = verdict == ChannelAccess.Verdict.MAY_READ
                        || verdict == ChannelAccess.Verdict.UNKNOWN
                        && asOf.state().get("members") instanceof java.util.Set<?> members && members.contains(user);
                return member ? Mono.just(asOf) : Mono.error(new ResponseStatusException(
                        HttpStatus.FORBIDDEN, "channel " + id + " is for its members only"));
            });
        });
    }

    private interface Fold {
        void apply(Map<String, Object> state, Object event, Instant at);
    }

    private Mono<AsOf> fold(String id, String at, Long sequence, Fold fold) {
        Instant until = parse(at);
        return Mono.fromCallable(() -> {
            Map<String, Object> state = new LinkedHashMap<>();
            // From the storage engine, not the event store: the full history, never a snapshot in its place.
            DomainEventStream events = this.events.readEvents(id, 0);
            long last = -1;
            Instant lastAt = null;
            while (events.hasNext()) {
                DomainEventMessage<?> event = events.next();
                if ((sequence != null && event.getSequenceNumber() > sequence)
                        || (until != null && event.getTimestamp().isAfter(until))) {
                    break;
                }
                fold.apply(state, event.getPayload(), event.getTimestamp());
                last = event.getSequenceNumber();
                lastAt = event.getTimestamp();
            }
            if (last < 0) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                                                  "nothing with id " + id + " existed at that point");
            }
            return new AsOf(id, last, lastAt, state);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static void ticket(Map<String, Object> s, Object e, Instant at) {
        if (e instanceof TicketOpened o) {
            s.put("subject", o.subject());
            s.put("customerEmail", o.customerEmail());
            s.put("channel", o.channel());
            s.put("priority", o.priority());
            s.put("status", "OPEN");
            s.put("openedAt", at);
            s.put("customerMessages", 1);
            s.put("agentReplies", 0);
            s.put("notes", 0);
            s.put("tags", new TreeSet<String>());
        } else if (e instanceof CustomerMessageReceived) {
            s.merge("customerMessages", 1, (a, b) -> (int) a + (int) b);
        } else if (e instanceof AgentReplied) {
            s.merge("agentReplies", 1, (a, b) -> (int) a + (int) b);
        } else if (e instanceof InternalNoteAdded) {
            s.merge("notes", 1, (a, b) -> (int) a + (int) b);
        } else if (e instanceof TicketAssigned a) {
            s.put("assignee", a.assignee());
            s.put("team", a.team());
        } else if (e instanceof TicketUnassigned) {
            s.put("assignee", null);
            s.put("team", null);
        } else if (e instanceof TicketPriorityChanged p) {
            s.put("priority", p.to());
        } else if (e instanceof TicketCategorized c) {
            s.put("category", c.category());
        } else if (e instanceof TicketTagged t) {
            tags(s).addAll(t.tags());
        } else if (e instanceof TicketUntagged t) {
            tags(s).removeAll(t.tags());
        } else if (e instanceof TicketEscalated x) {
            s.put("escalationLevel", x.level());
        } else if (e instanceof TicketMarkedPending) {
            s.put("status", "PENDING");
        } else if (e instanceof TicketPutOnHold) {
            s.put("status", "ON_HOLD");
        } else if (e instanceof TicketReturnedToOpen || e instanceof TicketReopened) {
            s.put("status", "OPEN");
        } else if (e instanceof TicketResolved r) {
            s.put("status", "RESOLVED");
            s.put("resolution", r.resolution());
        } else if (e instanceof TicketClosed) {
            s.put("status", "CLOSED");
        } else if (e instanceof SatisfactionRated r) {
            s.put("csat", r.score());
        }
    }

    @SuppressWarnings("unchecked")
    private static TreeSet<String> tags(Map<String, Object> state) {
        return (TreeSet<String>) state.get("tags");
    }

    private static void handoff(Map<String, Object> s, Object e, Instant at) {
        if (e instanceof HandoffRequested r) {
            s.put("ticketId", r.ticketId());
            s.put("requestedBy", r.requestedBy());
            s.put("toAgent", r.toAgent());
            s.put("toTeam", r.toTeam());
            s.put("reason", r.reason());
            s.put("status", "REQUESTED");
        } else if (e instanceof HandoffAccepted a) {
            s.put("status", "ACCEPTED");
            s.put("acceptedBy", a.acceptedBy());
        } else if (e instanceof HandoffDeclined) {
            s.put("status", "DECLINED");
        } else if (e instanceof HandoffCancelled) {
            s.put("status", "CANCELLED");
        } else if (e instanceof HandoffExpired) {
            s.put("status", "EXPIRED");
        } else if (e instanceof HandoffCompleted) {
            s.put("status", "COMPLETED");
        }
    }

    @SuppressWarnings("unchecked")
    private static void channel(Map<String, Object> s, Object e, Instant at) {
        if (e instanceof ChannelCreated c) {
            s.put("type", c.type());
            s.put("name", c.name());
            s.put("topic", c.topic());
            s.put("members", new TreeSet<>(c.members()));
            s.put("messages", 0);
            s.put("archived", false);
        } else if (e instanceof MemberJoined m) {
            ((TreeSet<String>) s.get("members")).add(m.member());
        } else if (e instanceof MemberAdded m) {
            ((TreeSet<String>) s.get("members")).add(m.member());
        } else if (e instanceof MemberLeft m) {
            ((TreeSet<String>) s.get("members")).remove(m.member());
        } else if (e instanceof MemberRemoved m) {
            ((TreeSet<String>) s.get("members")).remove(m.member());
        } else if (e instanceof MessagePosted) {
            s.merge("messages", 1, (a, b) -> (int) a + (int) b);
        } else if (e instanceof MessageDeleted) {
            s.merge("messages", -1, (a, b) -> (int) a + (int) b);
        } else if (e instanceof ChannelRenamed r) {
            s.put("name", r.name());
        } else if (e instanceof ChannelTopicSet t) {
            s.put("topic", t.topic());
        } else if (e instanceof ChannelArchived) {
            s.put("archived", true);
        }
    }

    private static Instant parse(String at) {
        try {
            return at == null ? null : Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "at must be an ISO-8601 instant");
        }
    }
}
