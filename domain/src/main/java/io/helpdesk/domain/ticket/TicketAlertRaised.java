package io.helpdesk.domain.ticket;

/** An announcement on the outbound alert webhooks, asked for by a rule or macro. */
public record TicketAlertRaised(String ticketId, String text, String actor) implements TicketEvent {
}
