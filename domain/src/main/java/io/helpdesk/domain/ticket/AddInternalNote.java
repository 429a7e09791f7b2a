package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** A note only staff see, with files when given; {@code @handle} mentions notify colleagues. */
public record AddInternalNote(@TargetAggregateIdentifier TicketId ticketId, String author, String body,
                              List<Attachment> attachments) {

    public AddInternalNote {
        Require.present(ticketId, "ticketId");
        Require.text(author, "author", 200);
        Require.text(body, "body", 100_000);
        attachments = Attachment.list(attachments, "attachments");
    }

    public AddInternalNote(TicketId ticketId, String author, String body) {
        this(ticketId, author, body, null);
    }
}
