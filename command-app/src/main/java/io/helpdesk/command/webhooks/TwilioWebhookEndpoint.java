package io.helpdesk.command.webhooks;

import io.helpdesk.command.webhooks.InboundMessages.Inbound;
import io.helpdesk.domain.ticket.ContactChannel;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * Twilio's incoming SMS and WhatsApp messages: form posts signed with {@code X-Twilio-Signature}, the Base64
 * HMAC-SHA1 (key: the account's auth token, WEBHOOK_SECRET_TWILIO) of the URL Twilio called followed by every
 * form parameter's name and value, sorted by name. Behind a proxy the URL the app sees differs from the one
 * Twilio called: set WEBHOOK_TWILIO_URL to the public one. {@code MessageSid} is the message id; a sender
 * {@code whatsapp:+...} is a WhatsApp message, any other an SMS. Answers empty TwiML (no automatic reply).
 */
@RestController
public class TwilioWebhookEndpoint {

    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final InboundMessages inbound;
    private final String authToken;
    private final String publicUrl;

    public TwilioWebhookEndpoint(InboundMessages inbound,
                                 @Value("${helpdesk.webhooks.twilio-auth-token:}") String authToken,
                                 @Value("${helpdesk.webhooks.twilio-public-url:}") String publicUrl) {
        this.inbound = inbound;
        this.authToken = authToken;
        this.publicUrl = publicUrl;
    }

    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            schema = @Schema(implementation = ProviderShapes.TwilioMessage.class)))
    @ApiResponse(responseCode = "200", description = "Empty TwiML; the ticket in X-Ticket-Id, a repeat in X-Duplicate",
                 content = @Content(mediaType = MediaType.APPLICATION_XML_VALUE, schema = @Schema(type = "string")))
    @PostMapping(value = "/api/webhooks/twilio", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public Mono<ResponseEntity<String>> receive(ServerWebExchange exchange) {
        if (authToken.isBlank()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the Twilio webhook is not configured");
        }
        String signature = exchange.getRequest().getHeaders().getFirst("X-Twilio-Signature");
        return exchange.getFormData().flatMap(form -> {
            if (!Signatures.matches(expectedSignature(exchange, form), signature)) {
                return Mono.error(new ResponseStatusException(HttpStatus.UNAUTHORIZED,
                                                              "the X-Twilio-Signature header does not match"));
            }
            String from = InboundMessages.required(form, "From");
            boolean whatsapp = from.startsWith("whatsapp:");
            Inbound message = new Inbound("twilio", InboundMessages.required(form, "MessageSid"),
                                          whatsapp ? from.substring("whatsapp:".length()) : from,
                                          form.getFirst("ProfileName"),
                                          whatsapp ? ContactChannel.WHATSAPP : ContactChannel.SMS, null,
                                          bodyOf(form));
            return inbound.deliver(message, exchange).map(accepted -> ResponseEntity
                    .ok().contentType(MediaType.APPLICATION_XML)
                    .header("X-Ticket-Id", accepted.ticketId())
                    .header("X-Duplicate", String.valueOf(accepted.duplicate()))
                    .body(EMPTY_TWIML));
        });
    }

    private String expectedSignature(ServerWebExchange exchange, MultiValueMap<String, String> form) {
        return Signatures.twilio(authToken, publicUrl.isBlank() ? exchange.getRequest().getURI().toString()
                                                                : publicUrl, form);
    }

    /** The text, and a line per attached media item (Twilio hosts the media; the URL is kept). */
    private static String bodyOf(MultiValueMap<String, String> form) {
        StringBuilder body = new StringBuilder(Optional.ofNullable(form.getFirst("Body")).orElse(""));
        int media = parse(form.getFirst("NumMedia"));
        for (int i = 0; i < media; i++) {
            body.append(body.isEmpty() ? "" : "\n").append("[attachment: ")
                .append(Optional.ofNullable(form.getFirst("MediaContentType" + i)).orElse("file")).append(' ')
                .append(Optional.ofNullable(form.getFirst("MediaUrl" + i)).orElse("")).append(']');
        }
        if (body.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the message has neither Body nor media");
        }
        return body.toString();
    }

    private static int parse(String number) {
        try {
            return number == null ? 0 : Math.min(10, Integer.parseInt(number));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
