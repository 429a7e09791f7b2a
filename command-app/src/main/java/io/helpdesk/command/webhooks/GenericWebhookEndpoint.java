package io.helpdesk.command.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.domain.ticket.ContactChannel;
import io.helpdesk.domain.ticket.OpenTicket;
import io.helpdesk.domain.ticket.ReceiveCustomerMessage;
import io.helpdesk.domain.ticket.TicketId;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;

/**
 * Inbound customer messages from any system that can sign a JSON body: {@code X-Signature-256:
 * sha256=<hex HMAC-SHA256 of the raw body with the shared secret>} (WEBHOOK_SECRET_GENERIC). A message opens
 * a ticket, or joins the customer's open ticket on that channel. Each {@code messageId} is taken exactly once,
 * also when several deliveries of it arrive at the same moment: repeats answer 200 with the same ticket and
 * change nothing. Each source address is rate limited (429 with Retry-After).
 */
@RestController
public class GenericWebhookEndpoint {

    static final String PROVIDER = "generic";

    private final CommandDispatcher commands;
    private final WebhookLookups lookups;
    private final ObjectMapper json;
    private final Validator validator;
    private final RateLimiterRegistry limiters;
    private final String secret;

    public GenericWebhookEndpoint(CommandDispatcher commands, WebhookLookups lookups, ObjectMapper json,
                                  Validator validator, RateLimiterRegistry limiters,
                                  @Value("${helpdesk.webhooks.generic-secret:}") String secret) {
        this.commands = commands;
        this.lookups = lookups;
        this.json = json;
        this.validator = validator;
        this.limiters = limiters;
        this.secret = secret;
    }

    public record Message(@NotBlank @Size(max = 500) String messageId, @NotBlank @Email String customerEmail,
                          @Size(max = 200) String customerName, @NotNull ContactChannel channel,
                          @Size(max = 500) String subject, @NotBlank @Size(max = 100_000) String body) {
    }

    public record Accepted(String ticketId, String messageId, boolean duplicate) {
    }

    @PostMapping("/api/webhooks/generic")
    public Mono<ResponseEntity<Object>> receive(@RequestBody String raw,
                                                @RequestHeader(value = "X-Signature-256", required = false)
                                                String signature,
                                                ServerWebExchange exchange) {
        RateLimiter limiter = limiters.rateLimiter("webhook-" + source(exchange), "webhooks");
        if (!limiter.acquirePermission()) {
            long retryAfter = Math.max(1, limiter.getRateLimiterConfig().getLimitRefreshPeriod().toSeconds());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                                                                     "too many deliveries from this source");
            return Mono.just(ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                                           .header("Retry-After", String.valueOf(retryAfter)).body(problem));
        }
        if (secret.isBlank()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the generic webhook is not configured");
        }
        if (signature == null || !validSignature(raw, signature)) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "the X-Signature-256 header does not match");
        }
        Message message = parse(raw);
        String messageId = PROVIDER + ":" + message.messageId();
        return Mono.fromCallable(() -> lookups.deliveredTo(messageId))
                   .subscribeOn(Schedulers.boundedElastic())
                   .flatMap(delivered -> delivered.isPresent()
                           ? Mono.just(accepted(delivered.get(), message, true))
                           : deliver(message, messageId, exchange));
    }

    private Mono<ResponseEntity<Object>> deliver(Message message, String messageId, ServerWebExchange exchange) {
        return Mono.fromCallable(() -> lookups.openTicket(message.customerEmail(), message.channel().name()))
                   .subscribeOn(Schedulers.boundedElastic())
                   .flatMap(open -> {
                       String ticketId = open.orElseGet(() -> TicketId.newId().value());
                       Object command = open.isPresent()
                               ? new ReceiveCustomerMessage(new TicketId(ticketId), messageId, message.body())
                               : new OpenTicket(new TicketId(ticketId), message.customerEmail(), message.customerName(),
                                                message.channel(), subject(message), message.body(), null, messageId);
                       return commands.send(command, exchange)
                                      .thenReturn(accepted(ticketId, message, false))
                                      .onErrorResume(GenericWebhookEndpoint::duplicate, e -> Mono
                                              .fromCallable(() -> lookups.deliveredTo(messageId).orElseThrow())
                                              .subscribeOn(Schedulers.boundedElastic())
                                              .map(existing -> accepted(existing, message, true)));
                   });
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

    private static ResponseEntity<Object> accepted(String ticketId, Message message, boolean duplicate) {
        return ResponseEntity.ok(new Accepted(ticketId, message.messageId(), duplicate));
    }

    private static String subject(Message message) {
        if (message.subject() != null && !message.subject().isBlank()) {
            return message.subject();
        }
        String firstLine = message.body().strip().lines().findFirst().orElse("Message");
        return firstLine.length() > 80 ? firstLine.substring(0, 80) + "..." : firstLine;
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

    private boolean validSignature(String raw, String signature) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(raw.getBytes(StandardCharsets.UTF_8)));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                                         signature.trim().getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            return false;
        }
    }

    private static String source(ServerWebExchange exchange) {
        var address = exchange.getRequest().getRemoteAddress();
        return address == null || address.getAddress() == null ? "unknown" : address.getAddress().getHostAddress();
    }
}
