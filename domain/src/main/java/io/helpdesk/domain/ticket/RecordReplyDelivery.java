package io.helpdesk.domain.ticket;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A provider's report on a reply it took, found by the provider's message id: delivered, read, or failed
 * ({@code failure} names why). Reports of a message this ticket never sent are refused; a report that tells
 * nothing new (delivered twice, delivered after read) changes nothing.
 */
public record RecordReplyDelivery(@TargetAggregateIdentifier TicketId ticketId, String messageId, Status status,
                                  String failure) {

    public enum Status { DELIVERED, READ, FAILED }

    public RecordReplyDelivery {
        Require.present(ticketId, "ticketId");
        Require.text(messageId, "messageId", 1000);
        Require.present(status, "status");
        Require.optionalText(failure, "failure", 2000);
    }
}
