package io.helpdesk.command.contact;

import io.helpdesk.domain.contact.ContactAbsorbed;
import io.helpdesk.domain.contact.ContactCreated;
import io.helpdesk.domain.contact.ContactIdentityAdded;
import io.helpdesk.domain.contact.ContactIdentityRemoved;
import io.helpdesk.domain.contact.ContactReleased;
import io.helpdesk.domain.contact.ContactUnmerged;
import io.helpdesk.domain.organization.OrganizationChanged;
import io.helpdesk.domain.organization.OrganizationCreated;
import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.shared.RuleViolation;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Which contact owns each identity and which organization each e-mail domain ({@code command.contact_identity},
 * {@code command.organization_domain}). A subscribing handler: it writes in the transaction that stores the
 * events, so when two commands race to give one identity (or domain) to two owners, the primary key lets only
 * one commit; the other is refused with 409.
 */
@Component
@ProcessingGroup(ContactLookups.GROUP)
public class ContactLookups {

    public static final String GROUP = "contact-lookup";

    private final JdbcTemplate jdbc;

    public ContactLookups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The contact that owns {@code identity} (already normalized). */
    public Optional<String> owner(String identity) {
        return jdbc.queryForList("SELECT contact_id FROM command.contact_identity WHERE identity = ?", String.class,
                                 identity).stream().findFirst();
    }

    /** The organization whose domain {@code domain} is. */
    public Optional<String> organizationOf(String domain) {
        return jdbc.queryForList("SELECT organization_id FROM command.organization_domain WHERE domain = ?",
                                 String.class, domain).stream().findFirst();
    }

    @EventHandler
    void on(ContactCreated event) {
        for (String identity : event.identities()) {
            own(identity, event.contactId());
        }
    }

    @EventHandler
    void on(ContactIdentityAdded event) {
        own(event.identity(), event.contactId());
    }

    @EventHandler
    void on(ContactIdentityRemoved event) {
        jdbc.update("DELETE FROM command.contact_identity WHERE identity = ? AND contact_id = ?", event.identity(),
                    event.contactId());
    }

    /** The merged contact's identities now lead to the one it was merged into. */
    @EventHandler
    void on(ContactAbsorbed event) {
        move(event.identities(), event.from(), event.contactId());
    }

    @EventHandler
    void on(ContactReleased event) {
        move(event.identities(), event.contactId(), event.released());
    }

    @EventHandler
    void on(ContactUnmerged event) {
        // The identities came back with ContactReleased, in the same transaction.
    }

    @EventHandler
    void on(OrganizationCreated event) {
        domains(event.organizationId(), event.domains());
    }

    @EventHandler
    void on(OrganizationChanged event) {
        domains(event.organizationId(), event.domains());
    }

    private void own(String identity, String contactId) {
        // ON CONFLICT waits for a racing insert of the same identity to commit, then leaves it (and the
        // transaction usable, to name the owner).
        if (jdbc.update("""
                                INSERT INTO command.contact_identity (identity, contact_id) VALUES (?, ?)
                                ON CONFLICT (identity) DO NOTHING""", identity, contactId) == 0) {
            throw new RuleViolation(Rule.IdentityTaken, identity + " belongs to contact "
                    + owner(identity).orElse("(another contact)"));
        }
    }

    private void move(List<String> identities, String from, String to) {
        for (String identity : identities) {
            jdbc.update("UPDATE command.contact_identity SET contact_id = ? WHERE identity = ? AND contact_id = ?", to,
                        identity, from);
        }
    }

    private void domains(String organizationId, List<String> domains) {
        jdbc.update("DELETE FROM command.organization_domain WHERE organization_id = ?", organizationId);
        for (String domain : domains) {
            if (jdbc.update("""
                                    INSERT INTO command.organization_domain (domain, organization_id) VALUES (?, ?)
                                    ON CONFLICT (domain) DO NOTHING""", domain, organizationId) == 0) {
                throw new RuleViolation(Rule.DomainTaken, domain + " belongs to organization "
                        + organizationOf(domain).orElse("(another organization)"));
            }
        }
    }
}
