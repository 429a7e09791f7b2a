package io.helpdesk.domain.ticket;

/** {@code firstResponse} is true for the ticket's first agent reply: it stops the first-response clock. */
public record AgentReplied(String ticketId, String agentId, String body, boolean firstResponse,
                           java.util.List<Attachment> attachments)
        implements TicketEvent {

    public AgentReplied {
        attachments = Attachment.of(attachments);
    }

    public AgentReplied(String ticketId, String agentId, String body, boolean firstResponse) {
        this(ticketId, agentId, body, firstResponse, null);
    }
}
