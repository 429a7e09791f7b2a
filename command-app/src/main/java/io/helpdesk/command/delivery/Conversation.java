package io.helpdesk.command.delivery;

import io.helpdesk.command.webhooks.MailIds;
import io.helpdesk.domain.ticket.ContactChannel;
import io.helpdesk.domain.ticket.CustomerMessageReceived;
import io.helpdesk.domain.ticket.ReplyDeliveryFailed;
import io.helpdesk.domain.ticket.ReplyDispatched;
import io.helpdesk.domain.ticket.TicketAssigned;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.domain.ticket.TicketUnassigned;
import org.axonframework.eventhandling.DomainEventMessage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What delivering a reply needs to know of its ticket, read from the ticket's own events up to the reply: the
 * channel and the customer's address (the one they last wrote from), the subject, the team, the messages of the thread so far (their provider
 * ids, oldest first), and which replies have been handed over or have failed already.
 */
final class Conversation {

    ContactChannel channel;
    /** The provider the ticket's first message came through ({@code meta}, {@code twilio}, ...), if any. */
    String origin;
    String customerAddress;
    String customerName;
    String subject;
    String team;
    final List<String> messageIds = new ArrayList<>();
    final Set<String> dispatched = new HashSet<>();
    final Set<String> failed = new HashSet<>();

    /**
     * From the ticket's events; those after the reply ({@code replySequence}) only tell whether it was settled,
     * they are not part of the thread it answers.
     */
    static Conversation of(Stream<? extends DomainEventMessage<?>> events, Long replySequence) {
        Conversation conversation = new Conversation();
        events.forEach(event -> {
            if (replySequence == null || event.getSequenceNumber() < replySequence) {
                conversation.apply(event.getPayload());
            } else if (event.getPayload() instanceof ReplyDispatched e) {
                conversation.dispatched.add(e.replyId());
            } else if (event.getPayload() instanceof ReplyDeliveryFailed e) {
                conversation.failed.add(e.replyId());
            }
        });
        return conversation;
    }

    private void apply(Object event) {
        if (event instanceof TicketOpened e) {
            channel = e.channel();
            String external = e.externalMessageId();
            origin = external != null && external.contains(":") ? external.substring(0, external.indexOf(':')) : null;
            customerAddress = e.customerEmail();
            customerName = e.customerName();
            subject = e.subject();
            add(e.externalMessageId());
        } else if (event instanceof CustomerMessageReceived e) {
            add(e.externalMessageId());
            if (e.from() != null && !e.from().isBlank()) {
                // Answered where the customer last wrote from.
                customerAddress = e.from();
            }
        } else if (event instanceof TicketAssigned e) {
            team = e.team();
        } else if (event instanceof TicketUnassigned) {
            team = null;
        } else if (event instanceof ReplyDispatched e) {
            dispatched.add(e.replyId());
            add(e.messageId());
        } else if (event instanceof ReplyDeliveryFailed e) {
            failed.add(e.replyId());
        }
    }

    /** A message of the thread, when it is a mail (other channels' ids are not part of a mail thread). */
    private void add(String messageId) {
        String mailId = MailIds.ofExternal(messageId);
        if (mailId != null && !messageIds.contains(mailId)) {
            messageIds.add(mailId);
        }
    }

    /** Whether the reply has been dealt with (handed over or failed): a reply delivered again is not sent again. */
    boolean settled(String replyId) {
        return dispatched.contains(replyId) || failed.contains(replyId);
    }
}
