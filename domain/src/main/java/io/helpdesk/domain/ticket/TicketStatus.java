package io.helpdesk.domain.ticket;

public enum TicketStatus {
    OPEN, PENDING, ON_HOLD, RESOLVED, CLOSED
}
