package io.helpdesk.command.contact;

import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.domain.contact.Contacts;
import io.helpdesk.domain.contact.CreateContact;
import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.shared.RuleViolation;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.Optional;

/**
 * The contact a sender is: the one that owns their address, or a new one made for it (joining the organization
 * that owns the address's e-mail domain). A new sender's contact gets the id derived from the address
 * ({@link Contacts#idFor}), so two of their messages arriving at the same moment make one contact: the second
 * finds the first's events (or loses the race on them, and is retried) and changes nothing.
 */
@Component
public class ContactResolver {

    private final CommandDispatcher commands;
    private final ContactLookups lookups;

    public ContactResolver(CommandDispatcher commands, ContactLookups lookups) {
        this.commands = commands;
        this.lookups = lookups;
    }

    /**
     * @param system who sends the command for a request without a token ({@code webhook:<provider>}), or null for
     *               the caller of the request
     */
    public Mono<String> contactFor(String address, String name, String system, ServerWebExchange exchange) {
        String identity;
        try {
            identity = Contacts.identity(address, "customer");
        } catch (InvalidInput unusable) {
            // An address no contact can hold (blanks inside): the ticket names the contact its address would have.
            return Mono.just(Contacts.idFor(address));
        }
        return owner(identity).flatMap(owner -> owner.isPresent() ? Mono.just(owner.get())
                : create(Contacts.idFor(identity), identity, name, system, exchange)
                        .flatMap(created -> created ? Mono.just(Contacts.idFor(identity))
                                : owner(identity).flatMap(now -> now.isPresent() ? Mono.just(now.get())
                                        // The address's own contact exists without it (it was taken off): a new one.
                                        : newContact(identity, name, system, exchange))));
    }

    private Mono<String> newContact(String identity, String name, String system, ServerWebExchange exchange) {
        String id = Contacts.newId();
        return create(id, identity, name, system, exchange).thenReturn(id);
    }

    /** Answers whether the contact was made; false when one of that id exists, or the address was taken meanwhile. */
    private Mono<Boolean> create(String contactId, String identity, String name, String system,
                                 ServerWebExchange exchange) {
        String domain = Contacts.emailDomain(identity);
        return Mono.fromCallable(() -> domain == null ? Optional.<String>empty() : lookups.organizationOf(domain))
                   .subscribeOn(Schedulers.boundedElastic())
                   .flatMap(organization -> {
                       CreateContact command = new CreateContact(contactId, name, null, List.of(identity),
                                                                 organization.orElse(null),
                                                                 system == null ? by(exchange) : system);
                       Mono<Boolean> sent = system == null ? commands.send(command, exchange)
                               : commands.send(command, system, exchange);
                       return sent.map(Boolean.TRUE::equals)
                                  .onErrorResume(RuleViolation.class,
                                                 taken -> taken.broken() == Rule.IdentityTaken ? Mono.just(false)
                                                         : Mono.error(taken));
                   });
    }

    private static String by(ServerWebExchange exchange) {
        return io.helpdesk.command.web.Actor.of(exchange);
    }

    private Mono<Optional<String>> owner(String identity) {
        return Mono.fromCallable(() -> lookups.owner(identity)).subscribeOn(Schedulers.boundedElastic());
    }
}
