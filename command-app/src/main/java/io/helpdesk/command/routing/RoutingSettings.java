package io.helpdesk.command.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** helpdesk.routing.*: how often every queue is routed anyway, beside routing on each change. */
@ConfigurationProperties("helpdesk.routing")
public record RoutingSettings(@DefaultValue("10s") Duration sweep) {
}
