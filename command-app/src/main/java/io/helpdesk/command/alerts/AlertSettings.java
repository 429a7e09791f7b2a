package io.helpdesk.command.alerts;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * helpdesk.alerts.*: where P0 tickets and SLA breaches are announced (Slack-compatible incoming webhooks;
 * none by default) and how long one delivery attempt may take.
 */
@ConfigurationProperties("helpdesk.alerts")
public record AlertSettings(List<String> webhookUrls, Duration timeout) {

    public AlertSettings {
        webhookUrls = webhookUrls == null ? List.of() : List.copyOf(webhookUrls);
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    }
}
