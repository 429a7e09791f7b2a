-- Closed tickets, for the command side's rule that a closed ticket is final also for handoffs (set-based
-- validation: the handoff aggregate cannot see the ticket). Written in the transaction that closes the ticket;
-- tickets closed before this table existed are taken from the store's event types.
CREATE TABLE eventstore.closed_ticket (
    ticket_id VARCHAR(64) PRIMARY KEY
);

INSERT INTO eventstore.closed_ticket (ticket_id)
SELECT DISTINCT aggregate_identifier FROM eventstore.domain_event_entry
WHERE payload_type = 'io.helpdesk.domain.ticket.TicketClosed';
