package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Links this ticket to another one (the other side is linked with the inverse kind by its own command). */
public record LinkTicket(@TargetAggregateIdentifier TicketId ticketId, String otherTicketId, LinkKind kind,
                         String actor) {

    public LinkTicket {
        Require.present(ticketId, "ticketId");
        Require.text(otherTicketId, "ticketId", 64);
        Require.present(kind, "kind");
        Require.text(actor, "actor", 200);
        if (otherTicketId.equals(ticketId.value())) {
            throw new InvalidInput("ticketId", "must be another ticket");
        }
    }
}
