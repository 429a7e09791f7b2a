package io.helpdesk.command.webhooks;

import io.helpdesk.domain.ticket.ContactChannel;
import io.helpdesk.domain.ticket.CustomerMessageReceived;
import io.helpdesk.domain.ticket.ReplyDispatched;
import io.helpdesk.domain.ticket.TicketClosed;
import io.helpdesk.domain.ticket.TicketMerged;
import io.helpdesk.domain.ticket.TicketUnmerged;
import io.helpdesk.domain.ticket.TicketOpened;
import io.helpdesk.domain.ticket.TicketReopened;
import io.helpdesk.domain.ticket.TicketResolved;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The webhooks' command-side lookups, kept in the transaction of the events (a subscribing handler): which
 * provider messages were taken, and each customer's open ticket per channel. A second delivery of one message
 * that got past the first check fails here on the primary key, and its whole command rolls back.
 */
@Component
@ProcessingGroup(WebhookLookups.GROUP)
public class WebhookLookups {

    public static final String GROUP = "webhook-lookup";

    /** The message was already taken, by the ticket named. */
    public static class DuplicateDelivery extends RuntimeException {
        public DuplicateDelivery(String messageId) {
            super("message " + messageId + " was already delivered");
        }
    }

    private final JdbcTemplate jdbc;

    public WebhookLookups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> deliveredTo(String messageId) {
        return jdbc.query("SELECT ticket_id FROM command.webhook_delivery WHERE message_id = ?",
                          (rs, i) -> rs.getString(1), messageId).stream().findFirst();
    }

    /**
     * The ticket the newest of these messages belongs to (by Message-ID; a merged ticket's mails belong to the
     * ticket it was merged into), unless it is closed: a closed ticket is final, so an answer to it starts anew.
     */
    public Optional<String> thread(List<String> answers) {
        for (int i = answers.size() - 1; i >= 0; i--) {
            List<String> ticket = jdbc.query("SELECT ticket_id FROM command.mail_thread WHERE message_id = ?",
                                             (rs, row) -> rs.getString(1), answers.get(i));
            if (!ticket.isEmpty()) {
                String found = merged(ticket.get(0));
                if (jdbc.queryForList("SELECT 1 FROM command.closed_ticket WHERE ticket_id = ?", found).isEmpty()) {
                    return Optional.of(found);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The customer's open ticket on the channel; else the open ticket their ticket on it was merged into (the
     * provider's conversation goes on there).
     */
    public Optional<String> openTicket(String customerEmail, String channel) {
        Optional<String> open = jdbc.query("""
                                  SELECT ticket_id FROM command.customer_open_ticket
                                  WHERE customer_email = ? AND channel = ? ORDER BY ticket_id LIMIT 1""",
                          (rs, i) -> rs.getString(1), customerEmail.toLowerCase(), channel).stream().findFirst();
        if (open.isPresent()) {
            return open;
        }
        for (String mergedInto : jdbc.queryForList("""
                SELECT into_id FROM command.ticket_merge WHERE customer = ? AND channel = ? ORDER BY ticket_id""",
                String.class, customerEmail.toLowerCase(), channel)) {
            String found = merged(mergedInto);
            if (jdbc.queryForList("SELECT 1 FROM command.closed_ticket WHERE ticket_id = ?", found).isEmpty()) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    /** The ticket a ticket's messages go to: itself, or down its chain of merges the last one. */
    private String merged(String ticketId) {
        String current = ticketId;
        for (int hops = 0; hops < 20; hops++) {
            List<String> into = jdbc.queryForList("SELECT into_id FROM command.ticket_merge WHERE ticket_id = ?",
                                                  String.class, current);
            if (into.isEmpty()) {
                return current;
            }
            current = into.get(0);
        }
        return current;
    }

    @EventHandler
    void on(TicketMerged event) {
        jdbc.update("""
                            INSERT INTO command.ticket_merge (ticket_id, into_id, customer, channel) VALUES (?, ?, ?, ?)
                            ON CONFLICT (ticket_id) DO UPDATE SET into_id = EXCLUDED.into_id""",
                    event.ticketId(), event.into(), event.customer().toLowerCase(), event.channel().name());
    }

    @EventHandler
    void on(TicketUnmerged event) {
        jdbc.update("DELETE FROM command.ticket_merge WHERE ticket_id = ?", event.ticketId());
    }

    @EventHandler
    void on(TicketOpened event) {
        jdbc.update("INSERT INTO command.customer_open_ticket VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    event.customerEmail().toLowerCase(), event.channel().name(), event.ticketId());
        delivered(event.externalMessageId(), event.ticketId());
        threaded(MailIds.ofExternal(event.externalMessageId()), event.ticketId());
    }

    @EventHandler
    void on(CustomerMessageReceived event) {
        delivered(event.externalMessageId(), event.ticketId());
        threaded(MailIds.ofExternal(event.externalMessageId()), event.ticketId());
    }

    @EventHandler
    void on(ReplyDispatched event) {
        if (event.channel() == ContactChannel.EMAIL) {
            threaded(event.messageId(), event.ticketId());
        }
        jdbc.update("INSERT INTO command.sent_reply (message_id, ticket_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    event.messageId(), event.ticketId());
    }

    /** The ticket a reply with this provider message id was sent for. */
    public Optional<String> sentReply(String messageId) {
        return jdbc.query("SELECT ticket_id FROM command.sent_reply WHERE message_id = ?",
                          (rs, i) -> rs.getString(1), messageId).stream().findFirst();
    }

    /** A mail's Message-ID names its ticket from now on (the first ticket to name it keeps it). */
    private void threaded(String mailId, String ticketId) {
        if (mailId != null) {
            jdbc.update("INSERT INTO command.mail_thread (message_id, ticket_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        mailId, ticketId);
        }
    }

    @EventHandler
    void on(TicketResolved event) {
        jdbc.update("DELETE FROM command.customer_open_ticket WHERE ticket_id = ?", event.ticketId());
    }

    @EventHandler
    void on(TicketClosed event) {
        jdbc.update("DELETE FROM command.customer_open_ticket WHERE ticket_id = ?", event.ticketId());
    }

    /** A reopened ticket is its customer's open ticket on its channel again (an erased one has no customer). */
    @EventHandler
    void on(TicketReopened event) {
        jdbc.update("""
                        INSERT INTO command.customer_open_ticket (customer_email, channel, ticket_id)
                        SELECT customer, channel, ticket_id FROM command.ticket_customer
                        WHERE ticket_id = ? AND customer <> ?
                        ON CONFLICT DO NOTHING""",
                    event.ticketId(), io.helpdesk.domain.ticket.PersonalPlaceholder.ERASED);
    }

    private void delivered(String messageId, String ticketId) {
        if (messageId == null || !messageId.contains(":")) {
            return;
        }
        try {
            jdbc.update("INSERT INTO command.webhook_delivery (message_id, ticket_id) VALUES (?, ?)", messageId,
                        ticketId);
        } catch (DuplicateKeyException e) {
            throw new DuplicateDelivery(messageId);
        }
    }
}
