package io.helpdesk.command.webhooks;

import io.helpdesk.command.block.BlockedSenders;
import io.helpdesk.command.contact.ContactResolver;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.domain.block.RecordBlockedMessage;
import io.helpdesk.domain.shared.RuleViolation;
import io.helpdesk.domain.ticket.Attachment;
import io.helpdesk.domain.ticket.ContactChannel;
import io.helpdesk.domain.ticket.OpenTicket;
import io.helpdesk.domain.ticket.ReceiveCustomerMessage;
import io.helpdesk.domain.ticket.TicketId;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;


/**
 * What every inbound webhook does once it has checked its provider's signature and read the message (the
 * rate limit per source comes before, in {@link WebhookRateLimit}): exactly one write per provider message
 * id — the message opens a ticket or joins the customer's open ticket on that channel; a repeat (also one
 * arriving at the same moment) changes nothing and answers with the ticket the first delivery reached.
 */
@Component
public class InboundMessages {

    /**
     * One customer message as a provider delivered it. {@code customer} is the customer's address on the
     * channel: an e-mail address, a phone number for SMS and WhatsApp, or a page-scoped id for Meta.
     */
    /**
     * {@code answers}: the messages this one answers, newest last (an e-mail's {@code In-Reply-To} and
     * {@code References}); a message answering one of a ticket's messages joins that ticket. {@code attachments}:
     * its files already stored (an e-mail's parts); {@code remote}: files the provider keeps, fetched once the
     * message is known to be new.
     */
    public record Inbound(String provider, String messageId, String customer, String customerName,
                          ContactChannel channel, String subject, String body, List<String> answers,
                          List<Attachment> attachments, List<ProviderMedia.RemoteFile> remote) {

        public Inbound(String provider, String messageId, String customer, String customerName,
                       ContactChannel channel, String subject, String body) {
            this(provider, messageId, customer, customerName, channel, subject, body, List.of(), List.of(),
                 List.of());
        }
    }

    /** {@code blocked}: the sender is blocked; the message was set aside and opened no ticket (no ticket id). */
    public record Accepted(String ticketId, String messageId, boolean duplicate, boolean blocked) {

        Accepted(String ticketId, String messageId, boolean duplicate) {
            this(ticketId, messageId, duplicate, false);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(InboundMessages.class);

    private final CommandDispatcher commands;
    private final WebhookLookups lookups;
    private final BlockedSenders blocks;
    private final ContactResolver contacts;

    public InboundMessages(CommandDispatcher commands, WebhookLookups lookups, BlockedSenders blocks,
                           ContactResolver contacts) {
        this.commands = commands;
        this.lookups = lookups;
        this.blocks = blocks;
        this.contacts = contacts;
    }

    /** A form field the provider always sends; 400 when it is missing. */
    static String required(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        if (value == null || value.isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the form has no " + name);
        }
        return value;
    }

    public Mono<Accepted> deliver(Inbound message, ServerWebExchange exchange) {
        String messageId = message.provider() + ":" + message.messageId();
        return Mono.fromCallable(() -> lookups.deliveredTo(messageId))
                   .subscribeOn(Schedulers.boundedElastic())
                   .flatMap(delivered -> delivered.isPresent()
                           ? Mono.just(new Accepted(delivered.get(), message.messageId(), true))
                           : Mono.fromCallable(() -> blocks.blocking(message.customer()))
                                 .subscribeOn(Schedulers.boundedElastic())
                                 .flatMap(block -> block.isPresent()
                                         ? setAside(message, messageId, block.get(), exchange)
                                         : withRemoteFiles(message).flatMap(
                                                 complete -> write(complete, messageId, exchange))));
    }

    /**
     * A blocked sender's message is kept as an event of the block and opens no ticket (so no alert, rule, CSAT
     * or reply follows); its provider files are not fetched. Unblocked meanwhile: it goes the ordinary way.
     */
    private Mono<Accepted> setAside(Inbound message, String messageId, String pattern, ServerWebExchange exchange) {
        return commands.<Boolean>send(new RecordBlockedMessage(pattern, messageId, message.customer(),
                                                               message.channel().name(), message.subject(),
                                                               message.body()),
                                      "webhook:" + message.provider(), exchange)
                       .map(isNew -> new Accepted(null, message.messageId(), !isNew, true))
                       .onErrorResume(RuleViolation.class, unblocked -> withRemoteFiles(message).flatMap(
                               complete -> write(complete, messageId, exchange)));
    }

    /**
     * The message with the files its provider keeps fetched and stored. A file that cannot be fetched does not
     * hold the message back: the message is taken with a line saying which file is missing and why.
     */
    private Mono<Inbound> withRemoteFiles(Inbound message) {
        if (message.remote().isEmpty()) {
            return Mono.just(message);
        }
        // Fetched side by side; each answers its file or the line saying why it is missing, in the message's order.
        return Flux.fromIterable(message.remote())
                   .flatMapSequential(file -> file.fetch().map(Fetched::of).onErrorResume(failure -> {
                       log.warn("A {} message's file was not fetched ({}): {}", message.provider(),
                                file.description(), failure.toString());
                       return Mono.just(Fetched.missing("[attachment not received: " + file.description() + " ("
                                                                + reason(failure) + ")]"));
                   }))
                   .collectList()
                   .map(fetched -> {
                       List<Attachment> attachments = new ArrayList<>(message.attachments());
                       StringBuilder body = new StringBuilder(message.body());
                       for (Fetched one : fetched) {
                           one.file().ifPresent(attachments::add);
                           if (one.missing() != null) {
                               body.append(body.isEmpty() ? "" : "\n").append(one.missing());
                           }
                       }
                       return new Inbound(message.provider(), message.messageId(), message.customer(),
                                          message.customerName(), message.channel(), message.subject(),
                                          body.toString(), message.answers(), List.copyOf(attachments), List.of());
                   });
    }

    /** A provider's file: stored, or the line that says why not. */
    private record Fetched(Optional<Attachment> file, String missing) {

        static Fetched of(Attachment file) {
            return new Fetched(Optional.of(file), null);
        }

        static Fetched missing(String line) {
            return new Fetched(Optional.empty(), line);
        }
    }

    private static String reason(Throwable failure) {
        if (failure instanceof ResponseStatusException status) {
            return status.getReason();
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    private Mono<Accepted> write(Inbound message, String messageId, ServerWebExchange exchange) {
        // An answer to one of a ticket's mails joins that ticket (reopening it when resolved), whichever address
        // it comes from; otherwise the customer's open ticket on the channel, or a new one.
        return Mono.fromCallable(() -> lookups.thread(message.answers())
                                              .or(() -> lookups.openTicket(message.customer(),
                                                                           message.channel().name())))
                   .subscribeOn(Schedulers.boundedElastic())
                   .flatMap(open -> open.isPresent() ? Mono.just(new Target(open.get(), null))
                           // A new ticket belongs to the sender's contact (made now for a new sender).
                           : contacts.contactFor(message.customer(), message.customerName(),
                                                 "webhook:" + message.provider(), exchange)
                                     .map(contactId -> new Target(TicketId.newId().value(), contactId)))
                   .flatMap(target -> {
                       String ticketId = target.ticketId();
                       Object command = target.contactId() == null
                               ? new ReceiveCustomerMessage(new TicketId(ticketId), messageId, message.body(),
                                                            message.customer(), message.attachments())
                               : new OpenTicket(new TicketId(ticketId), message.customer(), message.customerName(),
                                                message.channel(), subject(message), message.body(), null,
                                                messageId, message.attachments(), target.contactId());
                       // A delivery racing ours may have opened the ticket after our first look; the
                       // ticket then answers false for a message id it already holds.
                       return commands.send(command, "webhook:" + message.provider(), exchange)
                                      .map(result -> new Accepted(ticketId, message.messageId(),
                                                                  Boolean.FALSE.equals(result)))
                                      .defaultIfEmpty(new Accepted(ticketId, message.messageId(), false))
                                      .onErrorResume(InboundMessages::duplicate, e -> Mono
                                              .fromCallable(() -> lookups.deliveredTo(messageId).orElseThrow())
                                              .subscribeOn(Schedulers.boundedElastic())
                                              .map(existing -> new Accepted(existing, message.messageId(), true)));
                   });
    }

    /** The ticket a message goes to; {@code contactId} is set when it opens that ticket. */
    private record Target(String ticketId, String contactId) {
    }

    /** A concurrent delivery of the same message won: ours rolled back on the delivery table's key. */
    private static boolean duplicate(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof WebhookLookups.DuplicateDelivery) {
                return true;
            }
        }
        return false;
    }

    private static String subject(Inbound message) {
        if (message.subject() != null && !message.subject().isBlank()) {
            return message.subject().length() > 500 ? message.subject().substring(0, 500) : message.subject();
        }
        String firstLine = message.body().strip().lines().findFirst().orElse("Message");
        return firstLine.length() > 80 ? firstLine.substring(0, 80) + "..." : firstLine;
    }
}
