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
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import java.net.URLEncoder;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Sends SMS and WhatsApp replies through Twilio's Messages API ({@code POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json}, form-encoded {@code To}, {@code From} or
 * {@code MessagingServiceSid}, {@code Body}, {@code StatusCallback}; HTTP Basic with the account SID and auth
 * token), answered 201 with the message's {@code sid}. Twilio then reports the message's fate to the status
 * callback ({@code /api/webhooks/twilio/status?ticket=...}). Twilio takes no idempotency key for this call:
 * a crash between its answer and the record of it sends the message again.
 * <p>
 * A 4xx answer (an invalid number, a number that cannot receive messages) is final; 429, 5xx, timeouts and
 * connection failures are retried with backoff behind a circuit breaker (Resilience4j {@code deliveries}).
 */
@Component
class TwilioDelivery {

    static final String PROVIDER = "twilio";

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final DeliverySettings.Twilio settings;
    private final WebClient http;
    private final ReplyFiles files;
    private final Retry retry;
    private final CircuitBreaker breaker;

    TwilioDelivery(DeliverySettings settings, WebClient.Builder http, RetryRegistry retries,
                   CircuitBreakerRegistry breakers, ReplyFiles files) {
        this.files = files;
        this.settings = settings.twilio();
        this.http = http.build();
        this.retry = retries.retry("delivery-twilio", "deliveries");
        this.breaker = breakers.circuitBreaker("delivery-twilio", "deliveries");
    }

    /** Whether Twilio is set up to send on this channel (account, token and a sender for it). */
    boolean configured(ContactChannel channel) {
        return !settings.accountSid().isBlank() && !settings.authToken().isBlank() && !from(channel).isBlank();
    }

    private String from(ContactChannel channel) {
        return channel == ContactChannel.WHATSAPP ? settings.whatsappFrom() : settings.smsFrom();
    }

    /** Sends the reply; returns Twilio's message SID. */
    String send(String ticketId, String body, List<Attachment> attachments, Conversation conversation) {
        ContactChannel channel = conversation.channel;
        String to = conversation.customerAddress == null ? "" : conversation.customerAddress.strip();
        if (to.startsWith("whatsapp:")) {
            to = to.substring("whatsapp:".length());
        }
        if (!E164.matcher(to).matches()) {
            throw new DeliveryFailures.Refused("the customer's address " + conversation.customerAddress
                                                       + " is not a phone number in E.164 form");
        }
        String prefix = channel == ContactChannel.WHATSAPP ? "whatsapp:" : "";
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("To", prefix + to);
        String from = from(channel);
        if (from.startsWith("MG")) {
            form.add("MessagingServiceSid", from);
        } else {
            form.add("From", prefix + from);
        }
        form.add("Body", body);
        // Twilio fetches each file from its signed link (MediaUrl; at most 10 on an MMS, 1 on WhatsApp).
        files.links(ticketId, attachments, String.valueOf(channel)).forEach(link -> form.add("MediaUrl", link));
        if (!settings.statusCallbackUrl().isBlank()) {
            form.add("StatusCallback", statusCallback(settings.statusCallbackUrl(), ticketId));
        }
        return ProviderCalls.attempt(PROVIDER, retry, breaker, () -> post(form));
    }

    /** The status callback of a ticket's messages: the ticket is named in the URL, which Twilio signs with the rest. */
    static String statusCallback(String base, String ticketId) {
        return base + (base.contains("?") ? "&" : "?") + "ticket=" + URLEncoder.encode(ticketId, StandardCharsets.UTF_8);
    }

    private String post(MultiValueMap<String, String> form) {
        try {
            JsonNode answer = http.post()
                                  .uri(settings.apiUrl() + "/2010-04-01/Accounts/{sid}/Messages.json",
                                       settings.accountSid())
                                  .headers(headers -> headers.setBasicAuth(settings.accountSid(), settings.authToken()))
                                  .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                                  .accept(MediaType.APPLICATION_JSON)
                                  .body(BodyInserters.fromFormData(form))
                                  .retrieve()
                                  .bodyToMono(JsonNode.class)
                                  .timeout(settings.timeout())
                                  .block();
            String sid = answer == null ? "" : answer.path("sid").asText();
            if (sid.isBlank()) {
                throw new IllegalStateException("Twilio answered without a message sid");
            }
            return sid;
        } catch (WebClientResponseException answer) {
            throw ProviderCalls.refusedOrRetried(answer, "Twilio", TwilioDelivery::reason);
        }
    }

    /** Twilio's error: {@code {"code": 21211, "message": "...", "status": 400}}. */
    private static String reason(WebClientResponseException refused) {
        try {
            JsonNode error = new com.fasterxml.jackson.databind.ObjectMapper().readTree(refused.getResponseBodyAsString());
            String message = error.path("message").asText("");
            String code = error.path("code").asText("");
            if (!message.isBlank()) {
                return message + (code.isBlank() ? "" : " (error " + code + ")");
            }
        } catch (java.io.IOException | RuntimeException unreadable) {
            // the status line says enough
        }
        return refused.getStatusCode().value() + " " + refused.getStatusText();
    }
}
