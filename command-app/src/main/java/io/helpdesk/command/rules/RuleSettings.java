package io.helpdesk.command.rules;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * helpdesk.rules.*: {@code max-chain-depth} is how many rules may run one after the other, each on an event the
 * previous one caused, before the chain stops (loop protection); {@code dry-run-max-events} bounds one dry run.
 */
@ConfigurationProperties("helpdesk.rules")
public record RuleSettings(@DefaultValue("3") int maxChainDepth, @DefaultValue("2000000") int dryRunMaxEvents) {
}
