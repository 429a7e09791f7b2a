package io.helpdesk.domain.block;

/** A blocked sender's message, kept (with an excerpt) but not turned into a ticket, alert or reply. */
public record InboundMessageBlocked(String pattern, String messageId, String sender, String channel, String subject,
                                    String excerpt) implements BlockEvent {
}
