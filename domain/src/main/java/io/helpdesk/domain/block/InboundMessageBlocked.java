package io.helpdesk.domain.block;

/**
 * A blocked sender's message, kept (with an excerpt) but not turned into a ticket, alert or reply. The sender,
 * subject and excerpt are personal data of {@code subjectId} ({@link Senders#subjectOf}; absent from messages set
 * aside before it existed).
 */
public record InboundMessageBlocked(String pattern, String messageId, String sender, String channel, String subject,
                                    String excerpt, String subjectId) implements BlockEvent {
}
