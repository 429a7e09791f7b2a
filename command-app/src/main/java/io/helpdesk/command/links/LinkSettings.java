package io.helpdesk.command.links;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Signed links ({@code helpdesk.links}).
 *
 * @param publicUrl where command-app is reached from the internet (e.g. {@code https://help.example.com}): links
 *                  are absolute under it; SMS, WhatsApp and Meta replies need it to carry files
 * @param key       the key links are signed with (HMAC-SHA256); none: no links
 * @param lifetime  how long a link to a reply's file works
 */
@ConfigurationProperties("helpdesk.links")
public record LinkSettings(String publicUrl, String key, Duration lifetime) {

    public LinkSettings {
        publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
        key = key == null ? "" : key;
        lifetime = lifetime == null ? Duration.ofDays(7) : lifetime;
    }
}
