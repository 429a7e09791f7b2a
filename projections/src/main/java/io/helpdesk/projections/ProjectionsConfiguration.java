package io.helpdesk.projections;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdesk.domain.sla.SlaPolicy;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * What every read model's projection needs: the batching template, the shared SLA facts, the read-model schema
 * and errors that roll back a batch. The read models themselves live in the app that keeps them, each in its own
 * package (query-app's {@code ReadModels}).
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
public class ProjectionsConfiguration {

    /** The one JdbcTemplate of an app hosting projections: batches the projections' writes per transaction. */
    @Bean
    public BatchingJdbcTemplate jdbcTemplate(DataSource dataSource) {
        return new BatchingJdbcTemplate(dataSource);
    }

    /** The SLA facts the inbox and analytics work out for themselves, with the live policy. */
    @Bean
    public TicketSla ticketSla(ObjectMapper json, SlaPolicy policy) {
        return new TicketSla(json, policy);
    }

    @Bean(initMethod = "migrate")
    public ReadModelSchema readModelSchema(DataSource dataSource) {
        return new ReadModelSchema(dataSource);
    }

    /**
     * A failing projection handler rolls back the batch and its token and is retried, instead of Axon's
     * default of logging the error and moving on, which would silently lose the row.
     */
    @Bean
    public ConfigurerModule projectionErrorsPropagate() {
        return configurer -> configurer.eventProcessing()
                                       .registerDefaultListenerInvocationErrorHandler(
                                               c -> PropagatingErrorHandler.instance());
    }
}
