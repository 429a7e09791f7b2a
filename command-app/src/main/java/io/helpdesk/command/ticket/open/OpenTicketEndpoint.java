package io.helpdesk.command.ticket.open;

import io.helpdesk.command.contact.ContactResolver;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.command.web.KnownAggregates;
import io.swagger.v3.oas.annotations.media.Schema;
import io.helpdesk.domain.ticket.ContactChannel;
import io.helpdesk.domain.ticket.OpenTicket;
import io.helpdesk.domain.ticket.TicketId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;

@RestController
public class OpenTicketEndpoint {

    private final CommandDispatcher commands;
    private final ContactResolver contacts;
    private final KnownAggregates known;

    public OpenTicketEndpoint(CommandDispatcher commands, ContactResolver contacts, KnownAggregates known) {
        this.commands = commands;
        this.contacts = contacts;
        this.known = known;
    }

    public record Request(
            @NotBlank @Email @Size(max = 320) String customerEmail,
            @Size(max = 200) String customerName,
            @NotNull ContactChannel channel,
            @NotBlank @Size(max = 500) String subject,
            @NotBlank @Size(max = 100_000) String body,
            @Min(0) @Max(10) Integer importance,
            @Schema(description = "The contact the ticket belongs to; by default the one that owns customerEmail "
                    + "(made now when there is none)") @Size(max = 64) String contactId) {
    }

    public record Response(String ticketId) {
    }

    @PostMapping("/api/tickets")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ResponseEntity<Response>> open(@Valid @RequestBody Request request, ServerWebExchange exchange) {
        TicketId id = TicketId.newId();
        Mono<String> contact = request.contactId() == null || request.contactId().isBlank()
                ? contacts.contactFor(request.customerEmail(), request.customerName(), null, exchange)
                : known.named("Contact", request.contactId(), "contactId").thenReturn(request.contactId());
        return contact.flatMap(contactId -> commands.send(
                               new OpenTicket(id, request.customerEmail(), request.customerName(), request.channel(),
                                              request.subject(), request.body(), request.importance(), null, null,
                                              contactId), exchange))
                       .thenReturn(ResponseEntity.created(URI.create("/api/tickets/" + id))
                                                 .body(new Response(id.value())));
    }
}
