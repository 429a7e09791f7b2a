package io.helpdesk.domain.contact;

import io.helpdesk.domain.field.FieldValues;
import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.shared.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A customer as one record across channels: a name, a language, an organization and the identities by which
 * channels know them. That an identity belongs to one contact only is kept by command-app's lookup of
 * identities, in the transaction of these events. A contact merged into another stays as a pointer to it until
 * the merge is undone ({@link ContactMerges}).
 */
public class Contact {

    @AggregateIdentifier
    private String contactId;
    private String name;
    private String language;
    private String organizationId;
    private final Set<String> identities = new LinkedHashSet<>();
    private String mergedInto;
    private boolean erased;
    private final Map<String, Object> fields = new java.util.TreeMap<>();
    /** The identities each contact merged into this one brought with it. */
    private final Map<String, List<String>> absorbed = new HashMap<>();

    protected Contact() {
    }

    /** Answers whether the contact was made now. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(CreateContact command) {
        if (contactId != null) {
            return false;
        }
        apply(new ContactCreated(command.contactId(), command.name(), command.language(), command.identities(),
                                 command.organizationId(), command.by()));
        return true;
    }

    @CommandHandler
    public void handle(ChangeContact command) {
        notMerged();
        String newName = command.name() == null ? name : blankToNull(command.name());
        String newLanguage = command.language() == null ? language : blankToNull(command.language());
        String newOrganization = command.organizationId() == null ? organizationId
                : blankToNull(command.organizationId());
        if (!Objects.equals(newName, name) || !Objects.equals(newLanguage, language)
                || !Objects.equals(newOrganization, organizationId)) {
            apply(new ContactChanged(contactId, newName, newLanguage, newOrganization, command.by()));
        }
    }

    @CommandHandler
    public void handle(AddContactIdentity command) {
        notMerged();
        if (!identities.contains(command.identity())) {
            if (identities.size() >= Contacts.MAX_IDENTITIES) {
                throw new RuleViolation(Rule.TooManyIdentities, "a contact has at most " + Contacts.MAX_IDENTITIES
                        + " identities");
            }
            apply(new ContactIdentityAdded(contactId, command.identity(), command.by()));
        }
    }

    @CommandHandler
    public void handle(RemoveContactIdentity command) {
        notMerged();
        if (identities.contains(command.identity())) {
            apply(new ContactIdentityRemoved(contactId, command.identity(), command.by()));
        }
    }

    /** This contact goes into {@code into}; answers the identities it hands over. */
    List<String> mergeInto(String into, String by) {
        notMerged();
        if (!absorbed.isEmpty() && absorbed.containsKey(into)) {
            throw new RuleViolation(Rule.MergeCycle, into + " was merged into " + contactId);
        }
        List<String> moving = new ArrayList<>(identities);
        apply(new ContactMerged(contactId, into, moving, by));
        return moving;
    }

    void absorb(String from, List<String> moving, String by) {
        notMerged();
        apply(new ContactAbsorbed(contactId, from, moving, by));
    }

    /** This contact stands alone again, with the identities {@code from} still holds of those it brought. */
    void unmerge(List<String> back, String by) {
        if (mergedInto == null) {
            throw new RuleViolation(Rule.ContactNotMerged, contactId + " is not merged into another contact");
        }
        apply(new ContactUnmerged(contactId, mergedInto, back, by));
    }

    /** Gives {@code released} back what it brought and this contact still holds; answers those identities. */
    List<String> release(String released, String by) {
        List<String> back = absorbed.getOrDefault(released, List.of()).stream().filter(identities::contains).toList();
        apply(new ContactReleased(contactId, released, back, by));
        return back;
    }

    String mergedInto() {
        return mergedInto;
    }

    /** The contacts merged into this one. */
    java.util.Set<String> absorbedContacts() {
        return java.util.Set.copyOf(absorbed.keySet());
    }

    void erase(List<String> tickets, String reason, String by) {
        if (!erased) {
            apply(new ContactErased(contactId, tickets, reason, by,
                                    identities.stream().map(io.helpdesk.domain.block.Senders::subjectOf).toList()));
        }
    }

    /** Custom fields' values; only those that change are recorded. */
    @CommandHandler
    public void handle(SetContactFields command) {
        notMerged();
        Map<String, Object> changed = FieldValues.changed(fields, command.values());
        if (!changed.isEmpty()) {
            apply(new ContactFieldsSet(contactId, changed, command.by()));
        }
    }

    @CommandHandler
    public void handle(RecordDataExport command) {
        apply(new ContactDataExported(contactId, command.tickets(), command.by()));
    }

    private void notMerged() {
        if (erased) {
            throw new RuleViolation(Rule.ContactErased, contactId + " was erased");
        }
        if (mergedInto != null) {
            throw new RuleViolation(Rule.ContactMerged, contactId + " was merged into " + mergedInto);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @EventSourcingHandler
    void on(ContactCreated event) {
        contactId = event.contactId();
        name = event.name();
        language = event.language();
        organizationId = event.organizationId();
        identities.addAll(event.identities());
    }

    @EventSourcingHandler
    void on(ContactChanged event) {
        name = event.name();
        language = event.language();
        organizationId = event.organizationId();
    }

    @EventSourcingHandler
    void on(ContactIdentityAdded event) {
        identities.add(event.identity());
    }

    @EventSourcingHandler
    void on(ContactIdentityRemoved event) {
        identities.remove(event.identity());
    }

    @EventSourcingHandler
    void on(ContactMerged event) {
        mergedInto = event.into();
        identities.removeAll(event.identities());
    }

    @EventSourcingHandler
    void on(ContactAbsorbed event) {
        identities.addAll(event.identities());
        absorbed.put(event.from(), event.identities());
    }

    @EventSourcingHandler
    void on(ContactUnmerged event) {
        mergedInto = null;
        identities.addAll(event.identities());
    }

    @EventSourcingHandler
    void on(ContactFieldsSet event) {
        FieldValues.apply(fields, event.values());
    }

    @EventSourcingHandler
    void on(ContactErased event) {
        erased = true;
        fields.clear();
        identities.clear();
        name = null;
    }

    @EventSourcingHandler
    void on(ContactReleased event) {
        identities.removeAll(event.identities());
        absorbed.remove(event.released());
    }
}
