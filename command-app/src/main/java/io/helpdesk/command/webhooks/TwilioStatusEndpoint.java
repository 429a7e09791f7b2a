package io.helpdesk.command.webhooks;

import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.command.web.Refuses;
import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.ticket.RecordReplyDelivery;
import io.helpdesk.domain.ticket.TicketId;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Twilio's reports on the replies it took ({@code StatusCallback}): form posts with {@code MessageSid} and
 * {@code MessageStatus}, signed like its inbound messages ({@code X-Twilio-Signature} over the URL it called,
 * which names the ticket, and the sorted parameters). {@code delivered} and {@code read} (WhatsApp) are recorded
 * as {@code ReplyDelivered}, {@code undelivered} and {@code failed} as {@code ReplyDeliveryFailed} with Twilio's
 * error code; the intermediate states ({@code queued}, {@code sending}, {@code sent}, ...) change nothing.
 */
@RestController
public class TwilioStatusEndpoint {

    private final CommandDispatcher commands;
    private final String authToken;
    private final String callbackUrl;

    public TwilioStatusEndpoint(CommandDispatcher commands,
                                @Value("${helpdesk.webhooks.twilio-auth-token:}") String authToken,
                                @Value("${helpdesk.delivery.twilio.status-callback-url:}") String callbackUrl) {
        this.commands = commands;
        this.authToken = authToken;
        this.callbackUrl = callbackUrl;
    }

    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            schema = @Schema(implementation = ProviderShapes.TwilioStatus.class)))
    @ApiResponse(responseCode = "204", description = "Recorded (or nothing new to record)")
    @Refuses(Rule.UnknownReplyMessage)
    @PostMapping(value = "/api/webhooks/twilio/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public Mono<ResponseEntity<Void>> status(@RequestParam("ticket") String ticket, ServerWebExchange exchange) {
        if (authToken.isBlank()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the Twilio webhook is not configured");
        }
        String signature = exchange.getRequest().getHeaders().getFirst("X-Twilio-Signature");
        return exchange.getFormData().flatMap(form -> {
            if (!Signatures.matches(Signatures.twilio(authToken, calledUrl(exchange), form), signature)) {
                return Mono.error(new ResponseStatusException(HttpStatus.UNAUTHORIZED,
                                                              "the X-Twilio-Signature header does not match"));
            }
            RecordReplyDelivery.Status status = status(form);
            if (status == null) {
                return Mono.just(ResponseEntity.noContent().<Void>build());
            }
            String failure = status == RecordReplyDelivery.Status.FAILED ? failure(form) : null;
            return commands.send(new RecordReplyDelivery(new TicketId(ticket),
                                                         InboundMessages.required(form, "MessageSid"), status,
                                                         failure), "webhook:twilio", exchange)
                           .then(Mono.just(ResponseEntity.noContent().<Void>build()));
        });
    }

    /** The URL Twilio called: the configured callback with the query it was given, else the one this app saw. */
    private String calledUrl(ServerWebExchange exchange) {
        if (callbackUrl.isBlank()) {
            return exchange.getRequest().getURI().toString();
        }
        String query = exchange.getRequest().getURI().getRawQuery();
        String base = callbackUrl.replaceAll("\\?.*$", "");
        return query == null ? base : base + "?" + query;
    }

    private static RecordReplyDelivery.Status status(MultiValueMap<String, String> form) {
        return switch (InboundMessages.required(form, "MessageStatus")) {
            case "delivered" -> RecordReplyDelivery.Status.DELIVERED;
            case "read" -> RecordReplyDelivery.Status.READ;
            case "undelivered", "failed" -> RecordReplyDelivery.Status.FAILED;
            default -> null;
        };
    }

    private static String failure(MultiValueMap<String, String> form) {
        String code = form.getFirst("ErrorCode");
        String message = form.getFirst("ErrorMessage");
        return "Twilio: " + form.getFirst("MessageStatus")
                + (code == null || code.isBlank() ? "" : " (error " + code + ")")
                + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
