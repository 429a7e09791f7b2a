package io.helpdesk.command;

import io.helpdesk.domain.ticket.Ticket;
import io.helpdesk.command.web.CommandDispatcher;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Axon settings of the write side. The domain module itself knows nothing of Spring. */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    @Bean
    public ConfigurerModule aggregates() {
        return configurer -> configurer.configureAggregate(Ticket.class);
    }

    /**
     * Copies the request's correlation id from each command onto the events it causes, in place of Axon's
     * default, which would use the command's own message id. The audit trail reads it from there.
     */
    @Bean
    public CorrelationDataProvider requestCorrelation() {
        return new SimpleCorrelationDataProvider(CommandDispatcher.CORRELATION_ID);
    }
}
