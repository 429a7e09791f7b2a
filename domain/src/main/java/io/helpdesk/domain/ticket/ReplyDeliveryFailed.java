package io.helpdesk.domain.ticket;

/**
 * The reply did not reach the customer: the provider refused it, reported it undeliverable, or the channel has
 * no outbound delivery configured. {@code reason} is the provider's own words where it gave any;
 * {@code agentId} wrote the reply (they are told).
 */
public record ReplyDeliveryFailed(String ticketId, String replyId, ContactChannel channel, String reason,
                                  String agentId) implements TicketEvent {
}
