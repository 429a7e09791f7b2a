package io.helpdesk.command.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdesk.command.attachments.Uploads;
import io.helpdesk.command.delivery.DeliverySettings;
import io.helpdesk.domain.ticket.Attachment;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Files customers send through Twilio and Meta, which those providers keep and name by URL or media id: fetched
 * with the provider's credentials (Twilio: HTTP Basic with the account SID and auth token; WhatsApp Cloud: the
 * access token, first to turn the media id into a URL, then to fetch it; Messenger and Instagram attachment URLs
 * are pre-signed), each within the per-file limit, retried twice with backoff, bounded by the provider's timeout.
 * Each message's files are fetched in its own request, so a large file holds up no other message.
 */
@Component
class ProviderMedia {

    /** A file a provider keeps: how to fetch it, and how to name it when it cannot be. */
    record RemoteFile(String description, Mono<Attachment> fetch) {
    }

    private final Uploads uploads;
    private final DeliverySettings settings;
    private final WebClient http;

    ProviderMedia(Uploads uploads, DeliverySettings settings, WebClient.Builder http) {
        this.uploads = uploads;
        this.settings = settings;
        // Twilio answers a media URL with a redirect to its content store.
        this.http = http.clone()
                        .clientConnector(new ReactorClientHttpConnector(HttpClient.create().followRedirect(true)))
                        .build();
    }

    RemoteFile twilio(String url, String contentType, String name) {
        DeliverySettings.Twilio twilio = settings.twilio();
        return new RemoteFile(contentType + " " + url, fetch(url, headers -> {
            if (!twilio.accountSid().isBlank()) {
                headers.setBasicAuth(twilio.accountSid(), twilio.authToken());
            }
        }, name, contentType, twilio.timeout()));
    }

    /** Messenger and Instagram: the attachment's pre-signed URL. */
    RemoteFile meta(String url, String contentType, String name) {
        return new RemoteFile(contentType + " " + url,
                              fetch(url, headers -> { }, name, contentType, settings.meta().timeout()));
    }

    /** WhatsApp Cloud: {@code GET /{media-id}} answers the file's URL, which is fetched with the same token. */
    RemoteFile whatsapp(String mediaId, String contentType, String name) {
        DeliverySettings.Meta meta = settings.meta();
        Consumer<HttpHeaders> auth = headers -> headers.setBearerAuth(meta.whatsappToken());
        Mono<Attachment> fetch = http.get().uri(meta.apiUrl() + "/{id}", mediaId).headers(auth)
                                     .accept(MediaType.APPLICATION_JSON)
                                     .retrieve().bodyToMono(JsonNode.class)
                                     .timeout(meta.timeout())
                                     .retryWhen(retries())
                                     .flatMap(media -> {
                                         String url = media.path("url").asText("");
                                         if (url.isBlank()) {
                                             return Mono.error(new IllegalStateException(
                                                     "WhatsApp named no URL for media " + mediaId));
                                         }
                                         return fetch(url, auth, name,
                                                      media.path("mime_type").asText(contentType), meta.timeout());
                                     });
        return new RemoteFile(contentType + " media " + mediaId, fetch);
    }

    private Mono<Attachment> fetch(String url, Consumer<HttpHeaders> auth, String name, String contentType,
                                   Duration timeout) {
        MediaType type = parse(contentType);
        return Mono.defer(() -> http.get().uri(java.net.URI.create(url)).headers(auth)
                                    .exchangeToMono(answer -> answer.statusCode().is2xxSuccessful()
                                            ? uploads.store(answer.bodyToFlux(DataBuffer.class), name,
                                                            answer.headers().contentType().orElse(type))
                                            : answer.createException().flatMap(Mono::error))
                                    .timeout(timeout))
                   .retryWhen(retries());
    }

    /** Twice more after a connection failure, a timeout or a 5xx/429 answer; a refusal (other 4xx) is final. */
    private static Retry retries() {
        return Retry.backoff(2, Duration.ofMillis(200))
                    .filter(error -> error instanceof WebClientResponseException answer
                            ? answer.getStatusCode().is5xxServerError() || answer.getStatusCode().value() == 429
                            : error instanceof WebClientRequestException || error instanceof TimeoutException)
                    .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    private static MediaType parse(String type) {
        try {
            return type == null ? null : MediaType.parseMediaType(type);
        } catch (org.springframework.util.InvalidMimeTypeException e) {
            return null;
        }
    }

    /** A name for a file the provider names not: "attachment-1.jpeg" for the first, an image/jpeg. */
    static String name(int index, String contentType) {
        MediaType type = parse(contentType);
        String extension = type == null || type.isWildcardSubtype() ? ""
                : "." + type.getSubtype().replaceAll("[^a-z0-9.+-]", "");
        return "attachment-" + index + extension;
    }
}
