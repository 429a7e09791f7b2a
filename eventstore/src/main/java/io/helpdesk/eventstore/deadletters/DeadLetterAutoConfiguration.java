package io.helpdesk.eventstore.deadletters;

import io.helpdesk.eventstore.EventStoreAutoConfiguration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

/**
 * A dead-letter queue (Axon's JDBC sequenced queue, sequenced per aggregate) for each processing group named in
 * {@code helpdesk.dead-letters.groups}: an event the group cannot apply is set aside with its cause, later events
 * of the same aggregate queue behind it, and every other aggregate goes on. Administrators list, retry and
 * evict dead letters over the API. A reset (a rebuild from the first event) empties the group's queue.
 */
@AutoConfiguration(after = EventStoreAutoConfiguration.class)
@EnableConfigurationProperties(DeadLetterSettings.class)
public class DeadLetterAutoConfiguration {

    @Bean
    public DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                               .deadLetterTable("eventstore.dead_letter_entry")
                               .deadLetterIdentifierColumn("dead_letter_id")
                               .processingGroupColumn("processing_group")
                               .sequenceIdentifierColumn("sequence_identifier")
                               .sequenceIndexColumn("sequence_index")
                               .messageTypeColumn("message_type")
                               .eventIdentifierColumn("event_identifier")
                               .timestampColumn("time_stamp")
                               .payloadTypeColumn("payload_type")
                               .payloadRevisionColumn("payload_revision")
                               .payloadColumn("payload")
                               .metaDataColumn("meta_data")
                               .aggregateTypeColumn("aggregate_type")
                               .aggregateIdentifierColumn("aggregate_identifier")
                               .sequenceNumberColumn("sequence_number")
                               .tokenTypeColumn("token_type")
                               .tokenColumn("token")
                               .enqueuedAtColumn("enqueued_at")
                               .lastTouchedColumn("last_touched")
                               .processingStartedColumn("processing_started")
                               .causeTypeColumn("cause_type")
                               .causeMessageColumn("cause_message")
                               .diagnosticsColumn("diagnostics")
                               .build();
    }

    @Bean
    public ProcessorFailures processorFailures() {
        return new ProcessorFailures(Clock.systemUTC());
    }

    @Bean
    public DeadLetters deadLetters(EventProcessingConfiguration processing, JdbcTemplate jdbc,
                                   TransactionManager transactions, DeadLetterSettings settings) {
        return new DeadLetters(processing, jdbc, transactions, settings);
    }

    /** Bean name {@code processorsHealthIndicator}: health component {@code processors}, part of readiness. */
    @Bean
    public ProcessorHealth processorsHealthIndicator(EventProcessingConfiguration processing,
                                                     ProcessorFailures failures, DeadLetters deadLetters,
                                                     DeadLetterSettings settings) {
        return new ProcessorHealth(processing, failures, deadLetters, settings, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    public DeadLetterEndpoint deadLetterEndpoint(DeadLetters deadLetters) {
        return new DeadLetterEndpoint(deadLetters);
    }

    @Bean
    public ConfigurerModule deadLetterQueues(DeadLetterSettings settings, DeadLetterSchema schema,
                                             ConnectionProvider connections, ProcessorFailures failures) {
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            for (String group : settings.groups()) {
                processing.registerDeadLetterQueue(group, c -> JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                                  .processingGroup(group)
                                  .connectionProvider(connections)
                                  .transactionManager(c.getComponent(TransactionManager.class))
                                  .schema(schema)
                                  .genericSerializer(c.serializer())
                                  .eventSerializer(c.eventSerializer())
                                  .maxSequences(settings.maxSequences())
                                  .build())
                          .registerDeadLetterPolicy(group, c -> new DeadLetterPolicy(settings.batched()))
                          .registerDeadLetteringEventHandlerInvokerConfiguration(
                                  group, (c, builder) -> builder.enableSequenceIdentifierCache().allowReset(true))
                          .registerErrorHandler(group, c -> new SuspectingErrorHandler(failures));
            }
        };
    }
}
