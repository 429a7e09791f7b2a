package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record EditDraft(@TargetAggregateIdentifier TicketId ticketId, String editor, String body) {

    public EditDraft {
        Require.present(ticketId, "ticketId");
        Require.text(editor, "editor", 200);
        Require.text(body, "body", 100_000);
    }
}
