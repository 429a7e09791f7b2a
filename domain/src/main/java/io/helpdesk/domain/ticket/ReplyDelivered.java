package io.helpdesk.domain.ticket;

/** The provider reports the reply delivered to the customer, or ({@code read}) read by them. */
public record ReplyDelivered(String ticketId, String replyId, String messageId, boolean read) implements TicketEvent {
}
