package io.helpdesk.command.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdesk.command.web.Refuses;
import io.helpdesk.command.webhooks.InboundMessages.Inbound;
import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.ticket.ContactChannel;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Set;

/**
 * Inbound customer messages from any system that can sign a JSON body: {@code X-Signature-256:
 * sha256=<hex HMAC-SHA256 of the raw body with the shared secret>} (WEBHOOK_SECRET_GENERIC).
 */
@RestController
public class GenericWebhookEndpoint {

    private final InboundMessages inbound;
    private final ObjectMapper json;
    private final Validator validator;
    private final String secret;

    public GenericWebhookEndpoint(InboundMessages inbound, ObjectMapper json, Validator validator,
                                  @Value("${helpdesk.webhooks.generic-secret:}") String secret) {
        this.inbound = inbound;
        this.json = json;
        this.validator = validator;
        this.secret = secret;
    }

    public record Message(@NotBlank @Size(max = 500) String messageId, @NotBlank @Email String customerEmail,
                          @Size(max = 200) String customerName, @NotNull ContactChannel channel,
                          @Size(max = 500) String subject, @NotBlank @Size(max = 100_000) String body) {
    }

    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = Message.class)))
    @Refuses(Rule.ClosedTicketIsFinal)
    @PostMapping("/api/webhooks/generic")
    public Mono<InboundMessages.Accepted> receive(@RequestBody String raw,
                                                @RequestHeader(value = "X-Signature-256", required = false)
                                                String signature,
                                                ServerWebExchange exchange) {
        if (secret.isBlank()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the generic webhook is not configured");
        }
        if (!Signatures.matches(Signatures.sha256Header(secret, raw), signature)) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "the X-Signature-256 header does not match");
        }
        Message message = parse(raw);
        return inbound.deliver(new Inbound("generic", message.messageId(), message.customerEmail(),
                                           message.customerName(), message.channel(), message.subject(),
                                           message.body()), exchange);
    }

    private Message parse(String raw) {
        Message message;
        try {
            message = json.readValue(raw, Message.class);
        } catch (Exception e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the body is not a message: " + e.getMessage());
        }
        Set<ConstraintViolation<Message>> violations = validator.validate(message);
        if (!violations.isEmpty()) {
            ConstraintViolation<Message> first = violations.iterator().next();
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                                              first.getPropertyPath() + " " + first.getMessage());
        }
        return message;
    }
}
