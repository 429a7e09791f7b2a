package io.helpdesk.domain.contact;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveContactIdentity(@TargetAggregateIdentifier String contactId, String identity, String by) {

    public RemoveContactIdentity {
        Require.text(contactId, "contactId", 64);
        identity = Contacts.identity(identity, "identity");
        Require.text(by, "by", 200);
    }
}
