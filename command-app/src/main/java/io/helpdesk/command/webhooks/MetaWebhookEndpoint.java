package io.helpdesk.command.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.command.web.Refuses;
import io.helpdesk.command.webhooks.InboundMessages.Inbound;
import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.ticket.ContactChannel;
import io.helpdesk.domain.ticket.RecordReplyDelivery;
import io.helpdesk.domain.ticket.ReplyDispatched;
import io.helpdesk.domain.ticket.TicketId;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Meta's messaging webhooks: Messenger ({@code object: page}), Instagram ({@code object: instagram}) and the
 * WhatsApp Cloud API ({@code object: whatsapp_business_account}). Deliveries are signed with
 * {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>} (key: the app secret,
 * WEBHOOK_SECRET_META); one delivery may carry several messages, each taken exactly once by its id. Echoes of
 * the page's own messages are skipped. Delivery and read reports on the replies this helpdesk sent are recorded
 * on their tickets. {@code GET} answers Meta's subscription check when
 * {@code hub.verify_token} equals WEBHOOK_META_VERIFY_TOKEN.
 */
@RestController
public class MetaWebhookEndpoint {

    public record Delivery(List<InboundMessages.Accepted> accepted) {
    }

    private final InboundMessages inbound;
    private final ProviderMedia media;
    private final WebhookLookups lookups;
    private final EventStorageEngine events;
    private final CommandDispatcher commands;
    private final ObjectMapper json;
    private final String appSecret;
    private final String verifyToken;

    public MetaWebhookEndpoint(InboundMessages inbound, ProviderMedia media, WebhookLookups lookups,
                               EventStorageEngine events, CommandDispatcher commands,
                               ObjectMapper json,
                               @Value("${helpdesk.webhooks.meta-app-secret:}") String appSecret,
                               @Value("${helpdesk.webhooks.meta-verify-token:}") String verifyToken) {
        this.inbound = inbound;
        this.media = media;
        this.lookups = lookups;
        this.events = events;
        this.commands = commands;
        this.json = json;
        this.appSecret = appSecret;
        this.verifyToken = verifyToken;
    }

    @GetMapping(value = "/api/webhooks/meta", produces = MediaType.TEXT_PLAIN_VALUE)
    public String subscribe(@RequestParam(name = "hub.mode", required = false) String mode,
                            @RequestParam(name = "hub.verify_token", required = false) String token,
                            @RequestParam(name = "hub.challenge", required = false) String challenge) {
        if (verifyToken.isBlank()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the Meta webhook is not configured");
        }
        if (!"subscribe".equals(mode) || challenge == null || !Signatures.matches(verifyToken, token)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "the verify token does not match");
        }
        return challenge;
    }

    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ProviderShapes.MetaDelivery.class)))
    @Refuses(Rule.ClosedTicketIsFinal)
    @PostMapping("/api/webhooks/meta")
    public Mono<Delivery> receive(@RequestBody String raw,
                                                @RequestHeader(value = "X-Hub-Signature-256", required = false)
                                                String signature,
                                                ServerWebExchange exchange) {
        if (appSecret.isBlank()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the Meta webhook is not configured");
        }
        if (!Signatures.matches(Signatures.sha256Header(appSecret, raw), signature)) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED,
                                              "the X-Hub-Signature-256 header does not match");
        }
        JsonNode root = parse(raw);
        List<Inbound> messages = messages(root);
        List<Report> reports = reports(root);
        // One customer's messages in order (the first may open the ticket the next joins); different customers'
        // side by side, so one customer's large file holds up no one else's message.
        return Flux.fromIterable(messages)
                   .groupBy(Inbound::customer)
                   .flatMap(customer -> customer.concatMap(message -> inbound.deliver(message, exchange)))
                   .collectList()
                   .flatMap(accepted -> Mono.fromCallable(() -> readUpTo(root))
                                            .subscribeOn(Schedulers.boundedElastic())
                                            .flatMapMany(read -> Flux.concat(Flux.fromIterable(reports),
                                                                             Flux.fromIterable(read)))
                                            .concatMap(report -> record(report, exchange))
                                            .then(Mono.just(new Delivery(accepted))));
    }

    /** Meta's word on a reply it took: delivered, read, or failed (WhatsApp's {@code errors}). */
    private record Report(String messageId, RecordReplyDelivery.Status status, String failure) {
    }

    /** Recorded on the reply's ticket; a report on a message this helpdesk did not send is passed over. */
    private Mono<Void> record(Report report, ServerWebExchange exchange) {
        return Mono.fromCallable(() -> lookups.sentReply(report.messageId()))
                   .subscribeOn(Schedulers.boundedElastic())
                   .flatMap(ticket -> ticket.isEmpty() ? Mono.<Void>empty()
                           : commands.send(new RecordReplyDelivery(new TicketId(ticket.get()), report.messageId(),
                                                                   report.status(), report.failure()),
                                           "webhook:meta", exchange).then());
    }

    /**
     * Messenger's read receipts ({@code messaging[].read.watermark}, Instagram's too when they name no message)
     * say that the customer has read everything sent before that time: each reply to them on their open ticket
     * handed to Meta by then is read. Receipts for tickets no longer open are not taken.
     */
    private List<Report> readUpTo(JsonNode root) {
        String object = root.path("object").asText();
        if (!"page".equals(object) && !"instagram".equals(object)) {
            return List.of();
        }
        ContactChannel channel = "page".equals(object) ? ContactChannel.FACEBOOK : ContactChannel.INSTAGRAM;
        String prefix = "page".equals(object) ? "messenger:" : "instagram:";
        List<Report> reports = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode event : entry.path("messaging")) {
                JsonNode read = event.path("read");
                String sender = event.path("sender").path("id").asText("");
                if (!read.has("watermark") || sender.isBlank()) {
                    continue;
                }
                java.time.Instant until = java.time.Instant.ofEpochMilli(read.path("watermark").asLong());
                lookups.openTicket(prefix + sender, channel.name()).ifPresent(ticket -> events
                        .readEvents(ticket, 0).asStream()
                        .filter(e -> e.getPayload() instanceof ReplyDispatched && !e.getTimestamp().isAfter(until))
                        .forEach(e -> reports.add(new Report(((ReplyDispatched) e.getPayload()).messageId(),
                                                             RecordReplyDelivery.Status.READ, null))));
            }
        }
        return reports;
    }

    /**
     * Messenger and Instagram report deliveries as {@code messaging[].delivery.mids} (Instagram its reads as
     * {@code messaging[].read.mid}); WhatsApp Cloud as {@code changes[].value.statuses[]} ({@code delivered},
     * {@code read}, {@code failed} with {@code errors}).
     */
    private static List<Report> reports(JsonNode root) {
        List<Report> reports = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode event : entry.path("messaging")) {
                for (JsonNode mid : event.path("delivery").path("mids")) {
                    reports.add(new Report(mid.asText(), RecordReplyDelivery.Status.DELIVERED, null));
                }
                String readMid = event.path("read").path("mid").asText("");
                if (!readMid.isBlank()) {
                    reports.add(new Report(readMid, RecordReplyDelivery.Status.READ, null));
                }
            }
            for (JsonNode change : entry.path("changes")) {
                for (JsonNode status : change.path("value").path("statuses")) {
                    String id = status.path("id").asText("");
                    RecordReplyDelivery.Status reported = switch (status.path("status").asText("")) {
                        case "delivered" -> RecordReplyDelivery.Status.DELIVERED;
                        case "read" -> RecordReplyDelivery.Status.READ;
                        case "failed" -> RecordReplyDelivery.Status.FAILED;
                        default -> null;
                    };
                    if (!id.isBlank() && reported != null) {
                        JsonNode error = status.path("errors").path(0);
                        String failure = reported != RecordReplyDelivery.Status.FAILED ? null
                                : "WhatsApp: " + error.path("title").asText("failed")
                                  + (error.has("code") ? " (error " + error.path("code").asText() + ")" : "");
                        reports.add(new Report(id, reported, failure));
                    }
                }
            }
        }
        return reports;
    }

    private JsonNode parse(String raw) {
        try {
            return json.readTree(raw);
        } catch (Exception e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the body is not JSON: " + e.getMessage());
        }
    }

    private List<Inbound> messages(JsonNode root) {
        String object = root.path("object").asText();
        List<Inbound> messages = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            switch (object) {
                case "page" -> messaging(entry, ContactChannel.FACEBOOK, "messenger:", messages);
                case "instagram" -> messaging(entry, ContactChannel.INSTAGRAM, "instagram:", messages);
                case "whatsapp_business_account" -> whatsapp(entry, messages);
                default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                                                             "unknown object '" + object + "'");
            }
        }
        return messages;
    }

    /**
     * Messenger and Instagram: {@code entry[].messaging[]} with {@code sender.id} and {@code message}; files as
     * {@code message.attachments[]} of a {@code type} with a pre-signed {@code payload.url}.
     */
    private void messaging(JsonNode entry, ContactChannel channel, String prefix, List<Inbound> messages) {
        for (JsonNode event : entry.path("messaging")) {
            JsonNode message = event.path("message");
            if (message.isMissingNode() || message.path("is_echo").asBoolean(false)) {
                continue;
            }
            List<ProviderMedia.RemoteFile> files = new ArrayList<>();
            for (JsonNode attachment : message.path("attachments")) {
                String url = attachment.path("payload").path("url").asText("");
                if (url.startsWith("https://") || url.startsWith("http://")) {
                    String type = typeOf(attachment.path("type").asText("file"));
                    files.add(media.meta(url, type, ProviderMedia.name(files.size() + 1, type)));
                }
            }
            String text = message.path("text").asText("");
            String body = !text.isBlank() ? text
                    : files.isEmpty() ? "[empty message]" : "[" + files.size() + " attached file(s)]";
            messages.add(new Inbound("meta", text(message, "mid"), prefix + text(event.path("sender"), "id"), null,
                                     channel, null, body, List.of(), List.of(), files));
        }
    }

    /** Messenger's attachment types; the file's own type comes with it when it is fetched. */
    private static String typeOf(String type) {
        return switch (type) {
            case "image" -> "image/*";
            case "video" -> "video/*";
            case "audio" -> "audio/*";
            default -> MediaType.APPLICATION_OCTET_STREAM_VALUE;
        };
    }

    /**
     * WhatsApp Cloud API: {@code entry[].changes[].value.messages[]}, names in {@code value.contacts[]}; a file as
     * {@code image}, {@code document}, {@code audio}, {@code video} or {@code sticker} with its media {@code id},
     * {@code mime_type}, and {@code caption} or {@code filename} where it has them.
     */
    private void whatsapp(JsonNode entry, List<Inbound> messages) {
        for (JsonNode change : entry.path("changes")) {
            JsonNode value = change.path("value");
            Map<String, String> names = new HashMap<>();
            for (JsonNode contact : value.path("contacts")) {
                names.put(contact.path("wa_id").asText(), contact.path("profile").path("name").asText(null));
            }
            for (JsonNode message : value.path("messages")) {
                String from = text(message, "from");
                String type = message.path("type").asText("text");
                JsonNode file = message.path(type);
                List<ProviderMedia.RemoteFile> files = new ArrayList<>();
                String body;
                if ("text".equals(type)) {
                    body = text(message.path("text"), "body");
                } else if (file.hasNonNull("id")) {
                    String mime = file.path("mime_type").asText(MediaType.APPLICATION_OCTET_STREAM_VALUE);
                    String name = file.path("filename").asText("");
                    files.add(media.whatsapp(file.path("id").asText(), mime,
                                             name.isBlank() ? ProviderMedia.name(1, mime) : name));
                    String caption = file.path("caption").asText("");
                    body = caption.isBlank() ? "[1 attached file(s)]" : caption;
                } else {
                    body = "[attachment: " + type + "]";
                }
                messages.add(new Inbound("meta", text(message, "id"), "+" + from, names.get(from),
                                         ContactChannel.WHATSAPP, null, body, List.of(), List.of(), files));
            }
        }
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asText("");
        if (value.isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a message has no " + field);
        }
        return value;
    }
}
