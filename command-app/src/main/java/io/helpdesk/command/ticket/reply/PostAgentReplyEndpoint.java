package io.helpdesk.command.ticket.reply;

import io.helpdesk.command.attachments.AttachmentRef;
import io.helpdesk.command.attachments.MessageFiles;
import io.helpdesk.command.web.Actor;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.command.web.Refuses;
import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.ticket.Attachment;
import io.helpdesk.domain.ticket.PostAgentReply;
import io.helpdesk.domain.ticket.TicketId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

@RestController
public class PostAgentReplyEndpoint {

    private final CommandDispatcher commands;
    private final MessageFiles files;

    public PostAgentReplyEndpoint(CommandDispatcher commands, MessageFiles files) {
        this.commands = commands;
        this.files = files;
    }

    /** {@code attachments}: files uploaded before ({@code POST /api/attachments}) that go with the reply. */
    public record Request(@NotBlank @Size(max = 100_000) String body,
                          @Valid @Size(max = Attachment.MAX_PER_MESSAGE) List<AttachmentRef> attachments) {
    }

    public record Response(String ticketId) {
    }

    /** The replying agent is the token's user. */
    @Refuses(Rule.ClosedTicketIsFinal)
    @PostMapping("/api/tickets/{ticketId}/replies")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Response> reply(@PathVariable String ticketId, @Valid @RequestBody Request request,
                                ServerWebExchange exchange) {
        return files.resolve(request.attachments())
                    .flatMap(attachments -> commands.send(new PostAgentReply(new TicketId(ticketId), Actor.of(exchange),
                                                                             request.body(), attachments), exchange)
                                                    .then(Mono.just(new Response(ticketId))));
    }
}
