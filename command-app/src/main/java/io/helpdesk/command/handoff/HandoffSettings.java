package io.helpdesk.command.handoff;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** helpdesk.handoff.accept-timeout: how long a handoff waits to be accepted before it expires. */
@ConfigurationProperties("helpdesk.handoff")
public record HandoffSettings(Duration acceptTimeout) {
}
