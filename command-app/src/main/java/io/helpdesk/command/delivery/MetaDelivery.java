package io.helpdesk.command.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.helpdesk.domain.ticket.Attachment;
import io.helpdesk.domain.ticket.ContactChannel;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import java.util.List;
import java.util.Map;

/**
 * Sends Messenger and Instagram replies through Meta's Send API ({@code POST /me/messages}, {@code recipient.id}
 * the customer's page-scoped id, {@code messaging_type: RESPONSE}) and WhatsApp replies through the WhatsApp
 * Cloud API ({@code POST /{phone-number-id}/messages}, {@code messaging_product: whatsapp}), each with its access
 * token as a bearer token; the answer's message id ({@code message_id}, {@code messages[0].id}) is what Meta's
 * delivery and read webhooks name later. Neither API takes an idempotency key: a crash between Meta's answer and
 * the record of it sends the reply again.
 * <p>
 * Meta refuses a reply for good with a 4xx error (outside the 24-hour window, a recipient that cannot be
 * reached): recorded with Meta's message. 401/403 (a token that expired), 429 and 5xx are retried with backoff
 * behind a circuit breaker, then set aside for a retry.
 */
@Component
class MetaDelivery {

    static final String PROVIDER = "meta";

    private final DeliverySettings.Meta settings;
    private final WebClient http;
    private final ReplyFiles files;
    private final Retry retry;
    private final CircuitBreaker breaker;

    MetaDelivery(DeliverySettings settings, WebClient.Builder http, RetryRegistry retries,
                 CircuitBreakerRegistry breakers, ReplyFiles files) {
        this.files = files;
        this.settings = settings.meta();
        this.http = http.build();
        this.retry = retries.retry("delivery-meta", "deliveries");
        this.breaker = breakers.circuitBreaker("delivery-meta", "deliveries");
    }

    boolean configured(ContactChannel channel) {
        return switch (channel) {
            case FACEBOOK -> !settings.pageToken().isBlank();
            case INSTAGRAM -> !settings.instagramToken().isBlank();
            case WHATSAPP -> !settings.whatsappToken().isBlank() && !settings.whatsappPhoneNumberId().isBlank();
            default -> false;
        };
    }

    /** Sends the reply; returns Meta's message id. */
    String send(String ticketId, String text, List<Attachment> attachments, Conversation conversation) {
        // Files go as links under the text: one message per reply, whose id the delivery reports name.
        String body = files.withLinks(ticketId, text, attachments, String.valueOf(conversation.channel));
        ContactChannel channel = conversation.channel;
        String address = conversation.customerAddress == null ? "" : conversation.customerAddress.strip();
        String path;
        String token;
        Map<String, Object> request;
        if (channel == ContactChannel.WHATSAPP) {
            String to = address.replaceFirst("^whatsapp:", "").replaceFirst("^\\+", "");
            if (!to.matches("[1-9][0-9]{6,14}")) {
                throw new DeliveryFailures.Refused("the customer's address " + address + " is not a WhatsApp number");
            }
            path = "/" + settings.whatsappPhoneNumberId() + "/messages";
            token = settings.whatsappToken();
            request = Map.of("messaging_product", "whatsapp", "recipient_type", "individual", "to", to,
                             "type", "text", "text", Map.of("body", body));
        } else {
            String prefix = channel == ContactChannel.INSTAGRAM ? "instagram:" : "messenger:";
            if (!address.startsWith(prefix) || address.length() == prefix.length()) {
                throw new DeliveryFailures.Refused("the customer's address " + address + " is not a " + channel
                                                           + " id (" + prefix + "<id>)");
            }
            path = "/me/messages";
            token = channel == ContactChannel.INSTAGRAM ? settings.instagramToken() : settings.pageToken();
            request = Map.of("recipient", Map.of("id", address.substring(prefix.length())),
                             "messaging_type", "RESPONSE", "message", Map.of("text", body));
        }
        return ProviderCalls.attempt(PROVIDER, retry, breaker, () -> post(path, token, request, channel));
    }

    private String post(String path, String token, Map<String, Object> request, ContactChannel channel) {
        try {
            JsonNode answer = http.post().uri(settings.apiUrl() + path)
                                  .headers(headers -> headers.setBearerAuth(token))
                                  .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                                  .bodyValue(request)
                                  .retrieve()
                                  .bodyToMono(JsonNode.class)
                                  .timeout(settings.timeout())
                                  .block();
            String id = answer == null ? ""
                    : channel == ContactChannel.WHATSAPP ? answer.path("messages").path(0).path("id").asText()
                    : answer.path("message_id").asText();
            if (id.isBlank()) {
                throw new IllegalStateException("Meta answered without a message id");
            }
            return id;
        } catch (WebClientResponseException answer) {
            throw ProviderCalls.refusedOrRetried(answer, "Meta", MetaDelivery::reason);
        }
    }

    /** Meta's error: {@code {"error": {"message": "...", "code": 100, "error_subcode": 2018001}}}. */
    private static String reason(WebClientResponseException refused) {
        try {
            JsonNode error = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(refused.getResponseBodyAsString()).path("error");
            String message = error.path("message").asText("");
            if (!message.isBlank()) {
                return message + (error.has("code") ? " (error " + error.path("code").asText() + ")" : "");
            }
        } catch (java.io.IOException | RuntimeException unreadable) {
            // the status line says enough
        }
        return refused.getStatusCode().value() + " " + refused.getStatusText();
    }
}
