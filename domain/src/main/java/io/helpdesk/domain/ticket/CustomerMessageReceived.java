package io.helpdesk.domain.ticket;

/**
 * {@code from}: the customer's address the message came from, when a provider said (an e-mail may come from
 * another address of theirs than the ticket's); null in events written before it was kept and for messages
 * given through the API.
 */
public record CustomerMessageReceived(String ticketId, String externalMessageId, String body, String from)
        implements TicketEvent {

    public CustomerMessageReceived(String ticketId, String externalMessageId, String body) {
        this(ticketId, externalMessageId, body, null);
    }
}
