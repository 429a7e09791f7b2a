package io.helpdesk.domain.contact;

import io.helpdesk.domain.shared.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Changes a contact's name, language or organization: null leaves a field as it is, an empty text clears it.
 */
public record ChangeContact(@TargetAggregateIdentifier String contactId, String name, String language,
                            String organizationId, String by) {

    public ChangeContact {
        Require.text(contactId, "contactId", 64);
        if (name != null && !name.isBlank()) {
            name = Require.text(name, "name", 200);
        }
        if (language != null && !language.isBlank()) {
            language = Contacts.language(language, "language");
        }
        if (organizationId != null && !organizationId.isBlank()) {
            organizationId = Require.text(organizationId, "organizationId", 64);
        }
        Require.text(by, "by", 200);
    }
}
