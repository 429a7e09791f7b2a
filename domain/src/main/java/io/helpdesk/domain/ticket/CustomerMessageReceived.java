package io.helpdesk.domain.ticket;

/**
 * {@code from}: the customer's address the message came from, when a provider said (an e-mail may come from
 * another address of theirs than the ticket's); null in events written before it was kept and for messages
 * given through the API.
 */
public record CustomerMessageReceived(String ticketId, String externalMessageId, String body, String from,
                                      java.util.List<Attachment> attachments)
        implements TicketEvent {

    public CustomerMessageReceived {
        attachments = Attachment.of(attachments);
    }

    public CustomerMessageReceived(String ticketId, String externalMessageId, String body, String from) {
        this(ticketId, externalMessageId, body, from, null);
    }

    public CustomerMessageReceived(String ticketId, String externalMessageId, String body) {
        this(ticketId, externalMessageId, body, null, null);
    }
}
