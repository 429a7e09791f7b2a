package io.helpdesk.command.webhooks;

import io.helpdesk.command.web.Refuses;
import io.helpdesk.command.webhooks.InboundMessages.Inbound;
import io.helpdesk.domain.shared.Rule;
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

import java.util.ArrayList;
import java.util.List;
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
    private final ProviderMedia media;
    private final String authToken;
    private final String publicUrl;

    public TwilioWebhookEndpoint(InboundMessages inbound, ProviderMedia media,
                                 @Value("${helpdesk.webhooks.twilio-auth-token:}") String authToken,
                                 @Value("${helpdesk.webhooks.twilio-public-url:}") String publicUrl) {
        this.inbound = inbound;
        this.media = media;
        this.authToken = authToken;
        this.publicUrl = publicUrl;
    }

    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            schema = @Schema(implementation = ProviderShapes.TwilioMessage.class)))
    @ApiResponse(responseCode = "200", description = "Empty TwiML; the ticket in X-Ticket-Id, a repeat in X-Duplicate",
                 content = @Content(mediaType = MediaType.APPLICATION_XML_VALUE, schema = @Schema(type = "string")))
    @Refuses(Rule.ClosedTicketIsFinal)
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
            List<ProviderMedia.RemoteFile> files = media(form);
            Inbound message = new Inbound("twilio", InboundMessages.required(form, "MessageSid"),
                                          whatsapp ? from.substring("whatsapp:".length()) : from,
                                          form.getFirst("ProfileName"),
                                          whatsapp ? ContactChannel.WHATSAPP : ContactChannel.SMS, null,
                                          bodyOf(form, files.size()), List.of(), List.of(), files);
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

    /** The text; a media-only message is said to be one. */
    private static String bodyOf(MultiValueMap<String, String> form, int media) {
        String body = Optional.ofNullable(form.getFirst("Body")).orElse("");
        if (!body.isBlank()) {
            return body;
        }
        if (media == 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the message has neither Body nor media");
        }
        return "[" + media + " attached file(s)]";
    }

    /** {@code NumMedia} files, each at {@code MediaUrl<n>} with its type in {@code MediaContentType<n>}. */
    private List<ProviderMedia.RemoteFile> media(MultiValueMap<String, String> form) {
        List<ProviderMedia.RemoteFile> files = new ArrayList<>();
        int count = parse(form.getFirst("NumMedia"));
        for (int i = 0; i < count; i++) {
            String url = form.getFirst("MediaUrl" + i);
            if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "MediaUrl" + i + " is not a URL");
            }
            String type = Optional.ofNullable(form.getFirst("MediaContentType" + i))
                                  .orElse(MediaType.APPLICATION_OCTET_STREAM_VALUE);
            files.add(media.twilio(url, type, ProviderMedia.name(i + 1, type)));
        }
        return files;
    }

    private static int parse(String number) {
        try {
            return number == null ? 0 : Math.min(10, Integer.parseInt(number));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
