package io.helpdesk.command;

import io.helpdesk.command.alerts.AlertPolicy;
import io.helpdesk.command.routing.RoutingLookup;
import io.helpdesk.command.routing.RoutingSettings;
import io.helpdesk.command.routing.RoutingTriggers;
import io.helpdesk.command.rules.RuleBook;
import io.helpdesk.command.rules.RuleSettings;
import io.helpdesk.command.rules.RuleTriggers;
import io.helpdesk.command.block.BlockedSenders;
import io.helpdesk.domain.agent.Agent;
import io.helpdesk.domain.block.SenderBlock;
import io.helpdesk.domain.rule.Rule;
import io.helpdesk.command.alerts.AlertSettings;
import io.helpdesk.command.delivery.DeliverySettings;
import io.helpdesk.command.delivery.ReplyDelivery;
import io.helpdesk.command.handoff.AcceptedHandoffReassignsTicket;
import io.helpdesk.command.handoff.ClosedTicketLookup;
import io.helpdesk.command.handoff.HandoffSettings;
import io.helpdesk.command.handoff.OpenHandoffLookup;
import io.helpdesk.command.macro.MacroEndpoints;
import io.helpdesk.command.web.CommandDispatcher;
import io.helpdesk.command.web.CommandMeters;
import io.helpdesk.command.web.ExpectedVersions;
import io.helpdesk.command.web.StorableCommands;
import io.helpdesk.command.web.WrittenEvents;
import io.helpdesk.command.webhooks.WebhookLookups;
import io.helpdesk.domain.channel.Channel;
import io.helpdesk.domain.handoff.Handoff;
import io.helpdesk.domain.handoff.HandoffPolicy;
import io.helpdesk.domain.macro.Macro;
import io.helpdesk.domain.ticket.Ticket;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Axon settings of the write side. The domain module itself knows nothing of Spring. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({HandoffSettings.class, AlertSettings.class, DeliverySettings.class,
                                MailProperties.class, io.helpdesk.command.attachments.AttachmentSettings.class,
                                io.helpdesk.command.links.LinkSettings.class, RuleSettings.class,
                                RoutingSettings.class})
public class AxonConfiguration {

    /**
     * Aggregates that collect events over a long life load from a snapshot taken every so many events:
     * channels (thousands of messages) and tickets (a long chat, a ticket reopened for months); without one,
     * every command on them reads and applies their whole history.
     */
    @Bean
    public ConfigurerModule aggregates(@Value("${helpdesk.channel.snapshot-every:250}") int channelSnapshotEvery,
                                       @Value("${helpdesk.ticket.snapshot-every:100}") int ticketSnapshotEvery,
                                       org.springframework.beans.factory.ObjectProvider<
                                               io.helpdesk.domain.ticket.TicketHistory> history,
                                       org.springframework.beans.factory.ObjectProvider<
                                               io.helpdesk.command.erasure.ErasureLookups> erasures) {
        return configurer -> configurer
                .configureAggregate(snapshotted(Ticket.class, ticketSnapshotEvery))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Handoff.class)
                                                       .configureCommandTargetResolver(c -> ExpectedVersions.resolver()))
                .configureAggregate(snapshotted(Channel.class, channelSnapshotEvery))
                .configureAggregate(Macro.class)
                .configureAggregate(Rule.class)
                .configureAggregate(Agent.class)
                .configureAggregate(SenderBlock.class)
                .configureAggregate(io.helpdesk.domain.contact.Contact.class)
                .configureAggregate(io.helpdesk.domain.organization.Organization.class)
                .configureAggregate(io.helpdesk.domain.field.FieldDefinition.class)
                // Merging, unmerging and splitting load two tickets (or two contacts) in one unit of work.
                .registerCommandHandler(c -> new io.helpdesk.domain.ticket.TicketMerges(
                        c.repository(Ticket.class), ticketId -> history.getObject().messages(ticketId)))
                // Erasing a contact loads it, the contacts merged into it and their tickets in one unit of work.
                .registerCommandHandler(c -> new io.helpdesk.domain.contact.ContactErasure(
                        c.repository(io.helpdesk.domain.contact.Contact.class), c.repository(Ticket.class),
                        new io.helpdesk.domain.contact.ContactTickets() {
                            @Override
                            public java.util.List<String> ticketsOf(String contactId) {
                                return erasures.getObject().ticketsOf(contactId);
                            }

                            @Override
                            public java.util.List<String> holdersOf(String ticketId) {
                                return erasures.getObject().holdersOf(ticketId);
                            }
                        }))
                .registerCommandHandler(c -> new io.helpdesk.domain.contact.ContactMerges(
                        c.repository(io.helpdesk.domain.contact.Contact.class)));
    }

    /** Each also takes the version a command expects (collision detection, {@link ExpectedVersions}). */
    private static <A> AggregateConfigurer<A> snapshotted(Class<A> type, int every) {
        return AggregateConfigurer.defaultConfiguration(type)
                                  .configureCommandTargetResolver(c -> ExpectedVersions.resolver())
                                  .configureSnapshotTrigger(
                                          c -> new EventCountSnapshotTriggerDefinition(snapshotter(c, type), every));
    }

    /** Spring Boot's snapshotter only knows aggregates declared as Spring beans; the domain's are not. */
    private static <A> AggregateSnapshotter snapshotter(org.axonframework.config.Configuration c, Class<A> type) {
        // Inspected with the app's parameter resolvers: the ticket's deadline handlers take Spring beans.
        var model = AnnotatedAggregateMetaModelFactory.inspectAggregate(type, c.parameterResolverFactory(),
                                                                        c.handlerDefinition(type));
        return AggregateSnapshotter.builder()
                                   .eventStore(c.eventStore())
                                   .aggregateFactories(new GenericAggregateFactory<>(model))
                                   .transactionManager(c.getComponent(TransactionManager.class))
                                   .parameterResolverFactory(c.parameterResolverFactory())
                                   .handlerDefinition(c.handlerDefinition(type))
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
                                               WebhookLookups.GROUP, c -> PropagatingErrorHandler.instance())
                                       .registerListenerInvocationErrorHandler(
                                               ClosedTicketLookup.GROUP, c -> PropagatingErrorHandler.instance())
                                       .registerListenerInvocationErrorHandler(
                                               RuleBook.GROUP, c -> PropagatingErrorHandler.instance())
                                       .registerListenerInvocationErrorHandler(
                                               RoutingLookup.GROUP, c -> PropagatingErrorHandler.instance())
                                       .registerListenerInvocationErrorHandler(
                                               BlockedSenders.GROUP, c -> PropagatingErrorHandler.instance())
                                       .registerListenerInvocationErrorHandler(
                                               io.helpdesk.command.contact.ContactLookups.GROUP,
                                               c -> PropagatingErrorHandler.instance())
                                       .registerListenerInvocationErrorHandler(
                                               io.helpdesk.command.erasure.ErasureLookups.GROUP,
                                               c -> PropagatingErrorHandler.instance())
                                       .registerListenerInvocationErrorHandler(
                                               io.helpdesk.command.field.FieldLookups.GROUP,
                                               c -> PropagatingErrorHandler.instance());
    }

    /**
     * Alerts, deliveries and rules are about what happens from now on: on their first start the processors begin
     * at the newest event (replies written before delivery existed are not sent years later). What they log names
     * the request that caused the event.
     */
    @Bean
    public ConfigurerModule sideEffectsStartAtHead() {
        return configurer -> {
            for (String group : new String[]{AlertPolicy.GROUP, ReplyDelivery.GROUP, RuleTriggers.GROUP,
                                         RoutingTriggers.GROUP}) {
                configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                        group, (config, builder) -> builder.initialToken(StreamableMessageSource::createHeadToken));
                configurer.eventProcessing().registerHandlerInterceptor(group, config -> new EventLogContext());
            }
        };
    }

    /** Every command counted and timed by type and outcome. */
    @Bean
    public CommandMeters commandMeters(CommandBus commandBus, io.micrometer.core.instrument.MeterRegistry registry) {
        CommandMeters meters = new CommandMeters(registry);
        commandBus.registerHandlerInterceptor(meters);
        return meters;
    }

    /** Every command is checked for text the read side could not store before it is handled. */
    @Bean
    public StorableCommands storableCommands(CommandBus commandBus) {
        StorableCommands check = new StorableCommands();
        commandBus.registerDispatchInterceptor(check);
        return check;
    }

    /** The position of the events each command writes, for its answer. */
    @Bean
    public WrittenEvents writtenEvents(JdbcTemplate jdbc) {
        return new WrittenEvents(jdbc);
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
        return new SimpleCorrelationDataProvider(CommandDispatcher.CORRELATION_ID, CommandDispatcher.USER,
                                                 MacroEndpoints.MACRO_ID, MacroEndpoints.MACRO_VERSION,
                                                 MacroEndpoints.MACRO_APPLICATION, MacroEndpoints.MACRO_UNDOES,
                                                 RuleTriggers.RULE_ID, RuleTriggers.RULE_VERSION,
                                                 RuleTriggers.RULE_DEPTH, RuleTriggers.RULE_TRIGGER,
                                                 RoutingLookup.ROUTED);
    }
}
