package io.helpdesk.domain.contact;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Makes a contact with these identities (each owned by one contact at most); a contact of that id made before
 * is left as it is (the command answers false).
 */
public record CreateContact(@TargetAggregateIdentifier String contactId, String name, String language,
                            List<String> identities, String organizationId, String by) {

    public CreateContact {
        Require.text(contactId, "contactId", 64);
        name = Require.optionalText(name, "name", 200);
        language = Contacts.language(language, "language");
        identities = Contacts.identities(identities, "identities");
        organizationId = Require.optionalText(organizationId, "organizationId", 64);
        Require.text(by, "by", 200);
    }
}
