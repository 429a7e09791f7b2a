package io.helpdesk.domain.contact;

import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.shared.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Merging and unmerging change two contacts; both are loaded in the command's unit of work, so their events are
 * stored in one transaction or not at all.
 */
public class ContactMerges {

    private final Repository<Contact> contacts;

    public ContactMerges(Repository<Contact> contacts) {
        this.contacts = contacts;
    }

    @CommandHandler
    public void handle(MergeContacts command) {
        Aggregate<Contact> into = load(command.into());
        Aggregate<Contact> from = load(command.from());
        // Merging into a contact that is itself merged away would hide the tickets behind two pointers.
        into.execute(contact -> {
            if (contact.mergedInto() != null) {
                throw new RuleViolation(Rule.ContactMerged, command.into() + " was merged into " + contact.mergedInto());
            }
        });
        AtomicReference<List<String>> moving = new AtomicReference<>();
        from.execute(contact -> moving.set(contact.mergeInto(command.into(), command.by())));
        into.execute(contact -> contact.absorb(command.from(), moving.get(), command.by()));
    }

    @CommandHandler
    public void handle(UnmergeContact command) {
        Aggregate<Contact> merged = load(command.contactId());
        String into = merged.invoke(Contact::mergedInto);
        if (into == null) {
            throw new RuleViolation(Rule.ContactNotMerged, command.contactId() + " is not merged into another contact");
        }
        AtomicReference<List<String>> back = new AtomicReference<>();
        load(into).execute(contact -> back.set(contact.release(command.contactId(), command.by())));
        merged.execute(contact -> contact.unmerge(back.get(), command.by()));
    }

    /** Throws {@link org.axonframework.modelling.command.AggregateNotFoundException} for an unknown contact. */
    private Aggregate<Contact> load(String contactId) {
        return contacts.load(contactId);
    }
}
