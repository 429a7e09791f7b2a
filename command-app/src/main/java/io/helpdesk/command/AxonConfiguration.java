package io.helpdesk.command;

import io.helpdesk.command.alerts.AlertPolicy;
import io.helpdesk.command.alerts.AlertSettings;
import io.helpdesk.command.handoff.AcceptedHandoffReassignsTicket;
import io.helpdesk.command.handoff.HandoffSettings;
import io.helpdesk.command.handoff.OpenHandoffLookup;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.command.web.WrittenEvents;
import io.helpdesk.command.webhooks.WebhookLookups;
import io.helpdesk.domain.channel.Channel;
import io.helpdesk.domain.handoff.Handoff;
import io.helpdesk.domain.handoff.HandoffPolicy;
import io.helpdesk.domain.ticket.Ticket;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Axon settings of the write side. The domain module itself knows nothing of Spring. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({HandoffSettings.class, AlertSettings.class})
public class AxonConfiguration {

    /**
     * Channels collect thousands of messages over their life: a snapshot every so many events keeps loading
     * one fast.
     */
    @Bean
    public ConfigurerModule aggregates(@Value("${helpdesk.channel.snapshot-every:250}") int snapshotEvery) {
        return configurer -> configurer
                .configureAggregate(Ticket.class)
                .configureAggregate(Handoff.class)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Channel.class)
                                                       .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(
                                                               channelSnapshotter(c), snapshotEvery)));
    }

    /** Spring Boot's snapshotter only knows aggregates declared as Spring beans; the domain's are not. */
    private static AggregateSnapshotter channelSnapshotter(org.axonframework.config.Configuration c) {
        return AggregateSnapshotter.builder()
                                   .eventStore(c.eventStore())
                                   .aggregateFactories(new GenericAggregateFactory<>(Channel.class))
                                   .transactionManager(c.getComponent(TransactionManager.class))
                                   .parameterResolverFactory(c.parameterResolverFactory())
                                   .handlerDefinition(c.handlerDefinition(Channel.class))
                                   .build();
    }

    /** The handoff lookup and the reassignment must fail the command that caused them, not log and go on. */
    @Bean
    public ConfigurerModule commandSideHandlersPropagateErrors() {
        return configurer -> configurer.eventProcessing()
                                       .registerListenerInvocationErrorHandler(
                                               OpenHandoffLookup.GROUP, c -> PropagatingErrorHandler.instance())
                                       .registerListenerInvocationErrorHandler(
                                               AcceptedHandoffReassignsTicket.GROUP,
                                               c -> PropagatingErrorHandler.instance())
                                       .registerListenerInvocationErrorHandler(
                                               WebhookLookups.GROUP, c -> PropagatingErrorHandler.instance());
    }

    /** Alerts are about what happens from now on: on its first start the processor begins at the newest event. */
    @Bean
    public ConfigurerModule alertsStartAtHead() {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                AlertPolicy.GROUP, (config, builder) -> builder.initialToken(StreamableMessageSource::createHeadToken));
    }

    /** Notes the events each command writes, for the position its answer carries. */
    @Bean
    public WrittenEvents writtenEvents(EventStore eventStore, JdbcTemplate jdbc) {
        WrittenEvents written = new WrittenEvents(jdbc);
        eventStore.registerDispatchInterceptor(written);
        return written;
    }

    @Bean
    public HandoffPolicy handoffPolicy(HandoffSettings settings) {
        return new HandoffPolicy(settings.acceptTimeout());
    }

    /**
     * Copies the request's correlation id and the acting user from each command onto the events it causes,
     * in place of Axon's default, which would use the command's own message id. The audit trail reads them.
     */
    @Bean
    public CorrelationDataProvider requestCorrelation() {
        return new SimpleCorrelationDataProvider(CommandDispatcher.CORRELATION_ID, CommandDispatcher.USER);
    }
}
