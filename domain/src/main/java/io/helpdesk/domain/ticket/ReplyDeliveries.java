package io.helpdesk.domain.ticket;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * What became of the ticket's replies, as the delivery of replies and the providers' reports record it: part of
 * the ticket ({@code @AggregateMember}), allowed on a closed ticket too, since it tells what happened and
 * changes nothing else. Each fact is recorded once: a reply is dispatched once and fails once, a report that
 * tells nothing new (delivered twice, delivered after read) is passed over.
 */
class ReplyDeliveries {

    private String ticketId;
    /** Dispatched replies by their provider message id. */
    private final Map<String, Delivery> byMessageId = new HashMap<>();
    private final Set<String> dispatched = new HashSet<>();
    private final Set<String> failed = new HashSet<>();

    /** A dispatched reply and the furthest its provider has reported it (null: nothing yet). */
    record Delivery(String replyId, ContactChannel channel, String agentId, RecordReplyDelivery.Status reported) {
    }

    @CommandHandler
    void handle(RecordReplyDispatched command) {
        if (!dispatched.contains(command.replyId())) {
            apply(new ReplyDispatched(ticketId, command.replyId(), command.channel(), command.provider(),
                                      command.messageId(), command.agentId()));
        }
    }

    @CommandHandler
    void handle(RecordReplyDeliveryFailed command) {
        if (!failed.contains(command.replyId())) {
            apply(new ReplyDeliveryFailed(ticketId, command.replyId(), command.channel(), command.reason(),
                                          command.agentId()));
        }
    }

    @CommandHandler
    void handle(RecordReplyDelivery command) {
        Delivery delivery = byMessageId.get(command.messageId());
        TicketRules.reportOnlyOnOwnReplies(ticketId, command.messageId(), delivery != null);
        switch (command.status()) {
            case FAILED -> {
                if (!failed.contains(delivery.replyId())) {
                    apply(new ReplyDeliveryFailed(ticketId, delivery.replyId(), delivery.channel(),
                                                  command.failure() == null ? "undelivered" : command.failure(),
                                                  delivery.agentId()));
                }
            }
            // Reports may arrive out of order: read implies delivered, and neither is told twice.
            case DELIVERED -> {
                if (delivery.reported() == null) {
                    apply(new ReplyDelivered(ticketId, delivery.replyId(), command.messageId(), false));
                }
            }
            case READ -> {
                if (delivery.reported() != RecordReplyDelivery.Status.READ) {
                    apply(new ReplyDelivered(ticketId, delivery.replyId(), command.messageId(), true));
                }
            }
        }
    }

    @EventSourcingHandler
    void on(TicketOpened event) {
        ticketId = event.ticketId();
    }

    @EventSourcingHandler
    void on(ReplyDispatched event) {
        dispatched.add(event.replyId());
        byMessageId.put(event.messageId(), new Delivery(event.replyId(), event.channel(), event.agentId(), null));
    }

    @EventSourcingHandler
    void on(ReplyDelivered event) {
        byMessageId.computeIfPresent(event.messageId(), (key, d) -> new Delivery(
                d.replyId(), d.channel(), d.agentId(),
                event.read() ? RecordReplyDelivery.Status.READ : RecordReplyDelivery.Status.DELIVERED));
    }

    @EventSourcingHandler
    void on(ReplyDeliveryFailed event) {
        failed.add(event.replyId());
    }
}
