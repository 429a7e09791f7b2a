package io.helpdesk.domain.contact;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddContactIdentity(@TargetAggregateIdentifier String contactId, String identity, String by) {

    public AddContactIdentity {
        Require.text(contactId, "contactId", 64);
        identity = Contacts.identity(identity, "identity");
        Require.text(by, "by", 200);
    }
}
