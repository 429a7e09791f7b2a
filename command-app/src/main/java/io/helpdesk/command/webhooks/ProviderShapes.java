package io.helpdesk.command.webhooks;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The bodies the providers send, as the API description shows them (the endpoints read them field by field, after
 * checking the signature over the raw bytes). Only the fields the system reads are listed; providers send more.
 */
final class ProviderShapes {

    private ProviderShapes() {
    }

    /** Twilio's Messages webhook (SMS; WhatsApp when From starts with {@code whatsapp:}), form-encoded. */
    record TwilioMessage(@JsonProperty("MessageSid") String messageSid, @JsonProperty("From") String from,
                         @JsonProperty("To") String to, @JsonProperty("Body") String body,
                         @JsonProperty("ProfileName") String profileName, @JsonProperty("NumMedia") String numMedia,
                         @JsonProperty("MediaUrl0") String mediaUrl0) {
    }

    /** Twilio's report on a message it sent (its StatusCallback). */
    record TwilioStatus(@JsonProperty("MessageSid") String messageSid,
                        @JsonProperty("MessageStatus") String messageStatus,
                        @JsonProperty("ErrorCode") String errorCode, @JsonProperty("ErrorMessage") String errorMessage,
                        @JsonProperty("AccountSid") String accountSid, @JsonProperty("To") String to,
                        @JsonProperty("From") String from) {
    }

    /** An inbound-parse e-mail delivery (Mailgun's fields), form-encoded or multipart. */
    record InboundEmail(String sender, String from, String subject,
                        @JsonProperty("stripped-text") String strippedText,
                        @JsonProperty("body-plain") String bodyPlain, @JsonProperty("Message-Id") String messageId,
                        @JsonProperty("In-Reply-To") String inReplyTo, @JsonProperty("References") String references,
                        String timestamp, String token, String signature) {
    }

    /** Meta's webhook delivery: Messenger and Instagram ({@code messaging}), WhatsApp Cloud ({@code changes}). */
    record MetaDelivery(String object, List<MetaEntry> entry) {
    }

    record MetaEntry(String id, Long time, List<MetaMessaging> messaging, List<MetaChange> changes) {
    }

    record MetaMessaging(MetaId sender, MetaId recipient, Long timestamp, MetaMessage message) {
    }

    record MetaId(String id) {
    }

    record MetaMessage(String mid, String text, @JsonProperty("is_echo") Boolean isEcho,
                       List<MetaAttachment> attachments) {
    }

    record MetaAttachment(String type, MetaPayload payload) {
    }

    record MetaPayload(String url) {
    }

    record MetaChange(String field, MetaValue value) {
    }

    record MetaValue(List<MetaContact> contacts, List<MetaWhatsAppMessage> messages) {
    }

    record MetaContact(@JsonProperty("wa_id") String waId, MetaProfile profile) {
    }

    record MetaProfile(String name) {
    }

    record MetaWhatsAppMessage(String from, String id, String timestamp, String type, MetaText text) {
    }

    record MetaText(String body) {
    }
}
