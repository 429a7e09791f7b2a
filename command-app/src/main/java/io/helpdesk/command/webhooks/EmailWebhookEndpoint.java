package io.helpdesk.command.webhooks;

import io.helpdesk.command.attachments.Uploads;
import io.helpdesk.command.web.Refuses;
import io.helpdesk.command.webhooks.InboundMessages.Inbound;
import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.ticket.Attachment;
import io.helpdesk.domain.ticket.ContactChannel;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inbound e-mail as a mail provider's inbound-parse route posts it (Mailgun's field names, form-encoded or
 * multipart): {@code sender}, {@code from}, {@code subject}, {@code stripped-text} or {@code body-plain},
 * {@code Message-Id}, and the mail's attachments as file parts ({@code attachment-1}, ...). Signed with {@code signature} = hex HMAC-SHA256 (key WEBHOOK_SECRET_EMAIL) of
 * {@code timestamp} followed by {@code token}; a timestamp further than {@code email-max-age} from now is
 * refused, so a captured delivery cannot be replayed later.
 */
@RestController
public class EmailWebhookEndpoint {

    private static final Pattern NAME = Pattern.compile("^\\s*\"?([^\"<]*?)\"?\\s*<[^>]+>\\s*$");

    private final InboundMessages inbound;
    private final Uploads uploads;
    private final String signingKey;
    private final Duration maxAge;
    private final Clock clock;

    public EmailWebhookEndpoint(InboundMessages inbound, Uploads uploads,
                                @Value("${helpdesk.webhooks.email-signing-key:}") String signingKey,
                                @Value("${helpdesk.webhooks.email-max-age:15m}") Duration maxAge) {
        this.inbound = inbound;
        this.uploads = uploads;
        this.signingKey = signingKey;
        this.maxAge = maxAge;
        this.clock = Clock.systemUTC();
    }

    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
                     schema = @Schema(implementation = ProviderShapes.InboundEmail.class)),
            @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                     schema = @Schema(implementation = ProviderShapes.InboundEmail.class))})
    @Refuses(Rule.ClosedTicketIsFinal)
    @PostMapping(value = "/api/webhooks/email",
                 consumes = {MediaType.APPLICATION_FORM_URLENCODED_VALUE, MediaType.MULTIPART_FORM_DATA_VALUE})
    public Mono<InboundMessages.Accepted> receive(ServerWebExchange exchange) {
        if (signingKey.isBlank()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the e-mail webhook is not configured");
        }
        return form(exchange).flatMap(received -> {
            MultiValueMap<String, String> form = received.fields();
            verify(form);
            return Flux.fromIterable(received.files()).concatMap(uploads::store).collectList()
                       .flatMap(attachments -> {
                           uploads.checkMessage(attachments);
                           return deliver(form, attachments, exchange);
                       });
        });
    }

    private Mono<InboundMessages.Accepted> deliver(MultiValueMap<String, String> form, List<Attachment> attachments,
                                                   ServerWebExchange exchange) {
        String sender = InboundMessages.required(form, "sender");
        String body = Optional.ofNullable(form.getFirst("stripped-text")).filter(text -> !text.isBlank())
                              .orElseGet(() -> attachments.isEmpty() ? InboundMessages.required(form, "body-plain")
                                      : Optional.ofNullable(form.getFirst("body-plain")).filter(t -> !t.isBlank())
                                                .orElse("[" + attachments.size() + " attached file(s)]"));
        // What the mail answers, oldest first: References, then In-Reply-To (the one it answers directly).
        List<String> answers = new ArrayList<>(MailIds.in(form.getFirst("References")));
        answers.removeAll(MailIds.in(form.getFirst("In-Reply-To")));
        answers.addAll(MailIds.in(form.getFirst("In-Reply-To")));
        Inbound message = new Inbound("email", InboundMessages.required(form, "Message-Id"), sender.toLowerCase(),
                                      displayName(form.getFirst("from")), ContactChannel.EMAIL,
                                      form.getFirst("subject"), body, answers, attachments, List.of());
        return inbound.deliver(message, exchange);
    }

    private void verify(MultiValueMap<String, String> form) {
        String timestamp = form.getFirst("timestamp");
        String token = form.getFirst("token");
        if (timestamp == null || token == null) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "timestamp, token and signature are required");
        }
        String expected = HexFormat.of().formatHex(Signatures.hmac(
                "HmacSHA256", signingKey, (timestamp + token).getBytes(StandardCharsets.UTF_8)));
        if (!Signatures.matches(expected, form.getFirst("signature"))) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "the signature does not match");
        }
        Instant signedAt;
        try {
            signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
        } catch (NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "the timestamp is not a number");
        }
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(maxAge) > 0) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "the signature is too old (signed at "
                    + signedAt + ")");
        }
    }

    /** The form's fields, and its files (Mailgun's {@code attachment-1}, {@code attachment-2}, ...) in order. */
    private record Received(MultiValueMap<String, String> fields, List<FilePart> files) {
    }

    private static Mono<Received> form(ServerWebExchange exchange) {
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        if (type != null && MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type)) {
            return exchange.getMultipartData().map(parts -> {
                MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
                List<FilePart> files = new ArrayList<>();
                parts.forEach((name, values) -> values.forEach(part -> {
                    if (part instanceof FormFieldPart field) {
                        fields.add(name, field.value());
                    } else if (part instanceof FilePart file) {
                        files.add(file);
                    }
                }));
                if (files.size() > Attachment.MAX_PER_MESSAGE) {
                    throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the mail has more than "
                            + Attachment.MAX_PER_MESSAGE + " attachments");
                }
                return new Received(fields, files);
            });
        }
        return exchange.getFormData().map(fields -> new Received(fields, List.of()));
    }

    /** "Ana Gold <ana@example.com>" gives "Ana Gold"; a bare address gives no name. */
    static String displayName(String from) {
        if (from == null) {
            return null;
        }
        Matcher matcher = NAME.matcher(from);
        return matcher.matches() && !matcher.group(1).isBlank() ? matcher.group(1).trim() : null;
    }
}
