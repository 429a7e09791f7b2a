package io.helpdesk.domain.contact;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Records that everything held about the contact was exported (an access request). */
public record RecordDataExport(@TargetAggregateIdentifier String contactId, List<String> tickets, String by) {

    public RecordDataExport {
        Require.text(contactId, "contactId", 64);
        Require.text(by, "by", 200);
    }
}
