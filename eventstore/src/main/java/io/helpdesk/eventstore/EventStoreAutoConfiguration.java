package io.helpdesk.eventstore;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.helpdesk.domain.sla.SlaPolicy;
import io.helpdesk.domain.sla.SlaSettings;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.autoconfig.TransactionAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/**
 * Axon's JDBC event store and token store on PostgreSQL, in the {@code eventstore} schema that Flyway creates
 * ({@code db/eventstore}). Both apps use it; it steps aside when the {@code axonserver} profile is active.
 */
@AutoConfiguration(
        after = DataSourceAutoConfiguration.class,
        before = {JdbcAutoConfiguration.class, AxonAutoConfiguration.class, TransactionAutoConfiguration.class,
                FlywayAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                DataSourceTransactionManagerAutoConfiguration.class})
@EnableConfigurationProperties({EventStoreProperties.class, DataSourceProperties.class})
public class EventStoreAutoConfiguration {

    /**
     * With R2DBC on the classpath (query-app) Spring Boot creates no DataSource, but Axon's event store, token
     * store and the projections need one.
     */
    @Bean
    @ConditionalOnMissingBean(DataSource.class)
    @ConfigurationProperties("spring.datasource.hikari")
    public HikariDataSource dataSource(DataSourceProperties properties) {
        return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    }

    /**
     * Declared here so that a reactive transaction manager (query-app) cannot displace it: projections must
     * write their rows and their token in one JDBC transaction.
     */
    @Bean
    @ConditionalOnMissingBean(PlatformTransactionManager.class)
    public JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    /**
     * Each streaming processor's segments spread over the instances running it (see SegmentBalancer), but those
     * whose names match {@code helpdesk.processors.balance-exclude}: a processor one instance runs alone.
     */
    @Bean
    public SegmentBalancer segmentBalancer(org.axonframework.config.EventProcessingConfiguration processing,
                                           DataSource dataSource,
                                           @org.springframework.beans.factory.annotation.Value(
                                                   "${helpdesk.processors.balance-every:5s}") java.time.Duration every,
                                           @org.springframework.beans.factory.annotation.Value(
                                                   "${helpdesk.processors.balance-exclude:}") String exclude) {
        java.util.regex.Pattern excluded = java.util.regex.Pattern.compile(exclude.isBlank() ? "(?!)" : exclude);
        return new SegmentBalancer(processing, dataSource, every, java.time.Clock.systemUTC(),
                                   name -> !excluded.matcher(name).matches());
    }

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                          .eventTable("eventstore.domain_event_entry")
                          .snapshotTable("eventstore.snapshot_event_entry")
                          .globalIndexColumn("global_index")
                          .eventIdentifierColumn("event_identifier")
                          .aggregateIdentifierColumn("aggregate_identifier")
                          .sequenceNumberColumn("sequence_number")
                          .typeColumn("type")
                          .timestampColumn("time_stamp")
                          .payloadTypeColumn("payload_type")
                          .payloadRevisionColumn("payload_revision")
                          .payloadColumn("payload")
                          .metaDataColumn("meta_data")
                          .build();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                          .setTokenTable("eventstore.token_entry")
                          .setProcessorNameColumn("processor_name")
                          .setSegmentColumn("segment")
                          .setTokenColumn("token")
                          .setTokenTypeColumn("token_type")
                          .setTimestampColumn("timestamp")
                          .setOwnerColumn("owner")
                          .build();
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
    public EventStorageEngine eventStorageEngine(ObjectProvider<ObjectMapper> objectMapper,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema eventSchema,
                                                 EventStoreProperties properties,
                                                 io.helpdesk.eventstore.personal.PersonalData personal,
                                                 ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                                     .snapshotSerializer(snapshotSerializer(objectMapper.getIfAvailable(ObjectMapper::new)))
                                     .eventSerializer(eventSerializer)
                                     .upcasterChain(configuration.upcasterChain())
                                     .snapshotFilter(configuration.snapshotFilter())
                                     .persistenceExceptionResolver(persistenceExceptionResolver)
                                     .connectionProvider(connectionProvider)
                                     .schema(eventSchema)
                                     .batchSize(properties.batchSize());
        HelpdeskJdbcEventStorageEngine engine = new HelpdeskJdbcEventStorageEngine(
                builder, transactionManager, properties.gapTimeout(), properties.maxGapOffset(), personal);
        meters.ifAvailable(engine::meters);
        return engine;
    }

    /** The SLA policy both apps apply, bound from helpdesk.sla.*. */
    @Bean
    @ConditionalOnMissingBean
    public SlaPolicy slaPolicy(SlaSettings settings) {
        return settings.toPolicy();
    }

    @Bean
    @ConditionalOnMissingBean
    public SlaSettings slaSettings(Environment environment) {
        return Binder.get(environment).bind("helpdesk.sla", SlaSettings.class)
                     .orElseThrow(() -> new IllegalStateException("helpdesk.sla is not configured"));
    }

    /**
     * Snapshots hold aggregates, which keep their state in private fields without getters (they decide in
     * command handlers and expose nothing), so the snapshot serializer reads and writes fields.
     */
    static Serializer snapshotSerializer(ObjectMapper objectMapper) {
        ObjectMapper fields = objectMapper.copy()
                                          .findAndRegisterModules()
                                          .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                                          .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                                          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        return JacksonSerializer.builder().objectMapper(fields).lenientDeserialization().build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
    public EventsAppendedListener eventsAppendedListener(DataSource dataSource) {
        return new EventsAppendedListener(dataSource, EventsAppendedListener.EVENTS_APPENDED);
    }

    /** Announces committed events to every instance's NotifiedEventSource. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
    public EventsAppendedNotifier eventsAppendedNotifier(DataSource dataSource, EventStore eventStore) {
        EventsAppendedNotifier notifier =
                new EventsAppendedNotifier(dataSource, EventsAppendedListener.EVENTS_APPENDED);
        eventStore.registerDispatchInterceptor(notifier);
        return notifier;
    }

    /** The keys of personal data in events (one per ticket and contact), and their use. */
    @Bean
    public io.helpdesk.eventstore.personal.PersonalData personalData(DataSource dataSource) {
        return new io.helpdesk.eventstore.personal.PersonalData(
                new io.helpdesk.eventstore.personal.SubjectKeys(dataSource));
    }

    /**
     * Events are read with their personal data decrypted first (or erased), then in their present shape when
     * stored in an earlier one (see each upcaster).
     */
    @Bean
    public ConfigurerModule upcasters(io.helpdesk.eventstore.personal.PersonalData personal) {
        return configurer -> configurer
                .registerEventUpcaster(c -> new io.helpdesk.eventstore.personal.PersonalDataUpcaster(personal))
                .registerEventUpcaster(c -> new io.helpdesk.eventstore.upcasting.TicketOpenedContactUpcaster());
    }

    /** Pooled streaming processors' coordinators recheck full work-package queues soon (see CoordinatorExecutor). */
    @Bean
    public ConfigurerModule pooledCoordinatorsRecheckFullQueues() {
        return configurer -> configurer.eventProcessing()
                                       .registerPooledStreamingEventProcessorConfiguration(
                                               CoordinatorExecutor.forEveryProcessor());
    }

    /** Name this bean as {@code source} of a streaming processor to have it woken on every commit. */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
    public NotifiedEventSource notifiedEventSource(EventStorageEngine eventStorageEngine,
                                                   EventsAppendedListener listener,
                                                   EventStoreProperties properties) {
        return new NotifiedEventSource(eventStorageEngine, listener, properties.fallbackPoll());
    }
}
