package io.helpdesk.domain.ticket;

/**
 * An agent's reply ({@code replyId}: the identifier of its {@link AgentReplied} event) was handed to the provider
 * of the ticket's channel, which accepted it as {@code messageId} (for e-mail the {@code Message-ID} the mail
 * carries; for an API provider the id it answered with). {@code agentId}: who wrote the reply.
 */
public record ReplyDispatched(String ticketId, String replyId, ContactChannel channel, String provider,
                              String messageId, String agentId) implements TicketEvent {
}
