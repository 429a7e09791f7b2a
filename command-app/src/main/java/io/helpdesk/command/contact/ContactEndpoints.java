package io.helpdesk.command.contact;

import io.helpdesk.command.web.Actor;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.command.web.KnownAggregates;
import io.helpdesk.command.web.Refuses;
import io.helpdesk.domain.contact.AddContactIdentity;
import io.helpdesk.domain.contact.ChangeContact;
import io.helpdesk.domain.contact.Contacts;
import io.helpdesk.domain.contact.CreateContact;
import io.helpdesk.domain.contact.MergeContacts;
import io.helpdesk.domain.contact.RemoveContactIdentity;
import io.helpdesk.domain.contact.UnmergeContact;
import io.helpdesk.domain.organization.ChangeOrganization;
import io.helpdesk.domain.organization.CreateOrganization;
import io.helpdesk.domain.organization.Organizations;
import io.helpdesk.domain.shared.Rule;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Contacts and organizations. Staff make and change contacts and merge duplicates; managers and admins make and
 * change organizations. What a contact holds is read from query-app ({@code GET /api/contacts/{id}}).
 */
@RestController
public class ContactEndpoints {

    private final CommandDispatcher commands;
    private final KnownAggregates known;

    public ContactEndpoints(CommandDispatcher commands, KnownAggregates known) {
        this.commands = commands;
        this.known = known;
    }

    public record NewContact(@Size(max = 200) String name,
                             @Schema(description = "IETF language tag, such as en, de or pt-BR") @Size(max = 35)
                             String language,
                             @Schema(description = "E-mail addresses, phone numbers (+4915112345678) and channel ids "
                                     + "(messenger:<PSID>); each belongs to one contact at most")
                             @Size(max = 50) List<String> identities,
                             @Size(max = 64) String organizationId) {
    }

    /** Null leaves a field as it is; an empty text clears it. */
    public record ContactChange(@Size(max = 200) String name, @Size(max = 35) String language,
                                @Size(max = 64) String organizationId) {
    }

    public record Identity(@NotBlank @Size(max = 320) String identity) {
    }

    public record Merge(@Schema(description = "The contact merged into this one: its identities and tickets move "
            + "here") @NotBlank @Size(max = 64) String from) {
    }

    public record NewOrganization(@NotBlank @Size(max = 200) String name,
                                  @Schema(description = "E-mail domains whose new contacts join the organization")
                                  @Size(max = 100) List<String> domains) {
    }

    /** Null leaves a field as it is. */
    public record OrganizationChange(@Size(max = 200) String name, @Size(max = 100) List<String> domains) {
    }

    public record ContactRef(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String contactId) {
    }

    public record OrganizationRef(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String organizationId) {
    }

    @Refuses(Rule.IdentityTaken)
    @PostMapping("/api/contacts")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ContactRef> create(@Valid @RequestBody NewContact body, ServerWebExchange exchange) {
        String id = Contacts.newId();
        return known.named("Organization", body.organizationId(), "organizationId")
                .then(commands.send(new CreateContact(id, body.name(), body.language(), body.identities(),
                                                      body.organizationId(), Actor.of(exchange)), exchange))
                .thenReturn(new ContactRef(id));
    }

    @Refuses({Rule.ContactErased, Rule.ContactMerged})
    @PatchMapping("/api/contacts/{contactId}")
    public Mono<ContactRef> change(@PathVariable String contactId, @Valid @RequestBody ContactChange body,
                                   ServerWebExchange exchange) {
        return known.named("Organization", body.organizationId(), "organizationId")
                .then(commands.send(new ChangeContact(contactId, body.name(), body.language(), body.organizationId(),
                                                      Actor.of(exchange)), exchange))
                .thenReturn(new ContactRef(contactId));
    }

    @Refuses({Rule.ContactErased, Rule.ContactMerged, Rule.IdentityTaken, Rule.TooManyIdentities})
    @PostMapping("/api/contacts/{contactId}/identities")
    public Mono<ContactRef> addIdentity(@PathVariable String contactId, @Valid @RequestBody Identity body,
                                        ServerWebExchange exchange) {
        return commands.send(new AddContactIdentity(contactId, body.identity(), Actor.of(exchange)), exchange)
                       .thenReturn(new ContactRef(contactId));
    }

    @Refuses({Rule.ContactErased, Rule.ContactMerged})
    @DeleteMapping("/api/contacts/{contactId}/identities/{identity}")
    public Mono<ContactRef> removeIdentity(@PathVariable String contactId, @PathVariable String identity,
                                           ServerWebExchange exchange) {
        return commands.send(new RemoveContactIdentity(contactId, identity, Actor.of(exchange)), exchange)
                       .thenReturn(new ContactRef(contactId));
    }

    /** Merges {@code from} into this contact, which stays. */
    @Refuses({Rule.ContactErased, Rule.ContactMerged, Rule.MergeCycle})
    @PostMapping("/api/contacts/{contactId}/merge")
    public Mono<ContactRef> merge(@PathVariable String contactId, @Valid @RequestBody Merge body,
                                  ServerWebExchange exchange) {
        return commands.send(new MergeContacts(contactId, body.from(), Actor.of(exchange)), exchange)
                       .thenReturn(new ContactRef(contactId));
    }

    /** Undoes the merge of this contact into another: it stands alone again with the identities it brought. */
    @Refuses(Rule.ContactNotMerged)
    @PostMapping("/api/contacts/{contactId}/unmerge")
    public Mono<ContactRef> unmerge(@PathVariable String contactId, ServerWebExchange exchange) {
        return commands.send(new UnmergeContact(contactId, Actor.of(exchange)), exchange)
                       .thenReturn(new ContactRef(contactId));
    }

    @Refuses(Rule.DomainTaken)
    @PostMapping("/api/organizations")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<OrganizationRef> createOrganization(@Valid @RequestBody NewOrganization body,
                                                    ServerWebExchange exchange) {
        String id = Organizations.newId();
        return commands.send(new CreateOrganization(id, body.name(), body.domains(), Actor.of(exchange)), exchange)
                       .thenReturn(new OrganizationRef(id));
    }

    @Refuses(Rule.DomainTaken)
    @PatchMapping("/api/organizations/{organizationId}")
    public Mono<OrganizationRef> changeOrganization(@PathVariable String organizationId,
                                                    @Valid @RequestBody OrganizationChange body,
                                                    ServerWebExchange exchange) {
        return commands.send(new ChangeOrganization(organizationId, body.name(), body.domains(), Actor.of(exchange)),
                             exchange)
                       .thenReturn(new OrganizationRef(organizationId));
    }
}
