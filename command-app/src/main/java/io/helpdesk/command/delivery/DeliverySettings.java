package io.helpdesk.command.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * How replies leave the system ({@code helpdesk.delivery}).
 *
 * @param email the sender of e-mail replies: {@code from} address, display name, and per team (the ticket's team
 *              when it has one) an address of its own, written {@code Name <address>} or as a bare address
 */
@ConfigurationProperties("helpdesk.delivery")
public record DeliverySettings(Email email, Twilio twilio, Meta meta) {

    /**
     * Meta's Send API (Messenger, Instagram) and WhatsApp Cloud API.
     *
     * @param apiUrl                the Graph API root with its version (a local server in tests)
     * @param pageToken             the Page access token Messenger replies are sent with
     * @param instagramToken        the token of the Instagram-connected Page; the Page token when empty
     * @param whatsappToken         the WhatsApp Cloud API access token
     * @param whatsappPhoneNumberId the WhatsApp business phone number id replies are sent from
     */
    public record Meta(String apiUrl, String pageToken, String instagramToken, String whatsappToken,
                       String whatsappPhoneNumberId, java.time.Duration timeout) {

        public Meta {
            apiUrl = apiUrl == null || apiUrl.isBlank() ? "https://graph.facebook.com/v21.0"
                    : apiUrl.replaceAll("/+$", "");
            pageToken = pageToken == null ? "" : pageToken;
            instagramToken = instagramToken == null || instagramToken.isBlank() ? pageToken : instagramToken;
            whatsappToken = whatsappToken == null ? "" : whatsappToken;
            whatsappPhoneNumberId = whatsappPhoneNumberId == null ? "" : whatsappPhoneNumberId;
            timeout = timeout == null ? java.time.Duration.ofSeconds(10) : timeout;
        }
    }

    /**
     * Twilio's Messages API for SMS and WhatsApp replies.
     *
     * @param apiUrl            Twilio's API root (a local server in tests)
     * @param smsFrom           the sending number (E.164) or Messaging Service SID ({@code MG...}) for SMS
     * @param whatsappFrom      the sending WhatsApp number (E.164)
     * @param statusCallbackUrl the public URL of {@code /api/webhooks/twilio/status}, where Twilio reports each
     *                          message's fate; none: no delivery reports
     */
    public record Twilio(String apiUrl, String accountSid, String authToken, String smsFrom, String whatsappFrom,
                         String statusCallbackUrl, java.time.Duration timeout) {

        public Twilio {
            apiUrl = apiUrl == null || apiUrl.isBlank() ? "https://api.twilio.com" : apiUrl.replaceAll("/+$", "");
            accountSid = accountSid == null ? "" : accountSid;
            authToken = authToken == null ? "" : authToken;
            smsFrom = smsFrom == null ? "" : smsFrom;
            whatsappFrom = whatsappFrom == null ? "" : whatsappFrom;
            statusCallbackUrl = statusCallbackUrl == null ? "" : statusCallbackUrl;
            timeout = timeout == null ? java.time.Duration.ofSeconds(10) : timeout;
        }
    }

    public record Email(String from, String fromName, Map<String, String> teamFrom) {

        public Email {
            from = from == null || from.isBlank() ? "support@localhost" : from;
            fromName = fromName == null ? "" : fromName;
            teamFrom = teamFrom == null ? Map.of() : Map.copyOf(teamFrom);
        }
    }

    public DeliverySettings {
        email = email == null ? new Email(null, null, null) : email;
        twilio = twilio == null ? new Twilio(null, null, null, null, null, null, null) : twilio;
        meta = meta == null ? new Meta(null, null, null, null, null, null) : meta;
    }
}
