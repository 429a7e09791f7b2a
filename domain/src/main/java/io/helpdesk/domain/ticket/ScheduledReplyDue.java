package io.helpdesk.domain.ticket;

/** Payload of the deadline at which a scheduled reply is sent. */
public record ScheduledReplyDue(String ticketId, String scheduleId) {
}
