package io.helpdesk.eventstore.seal;

import io.helpdesk.eventstore.EventStoreAutoConfiguration;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/**
 * The sealed history: the key (both apps; query-app signs exports with it) and, where {@code helpdesk.seal.enabled}
 * (command-app), the sealer and its status endpoint. The {@code axonserver} profile turns sealing off: there
 * is no table to seal, and it says so at start-up.
 */
@AutoConfiguration(after = EventStoreAutoConfiguration.class)
@EnableConfigurationProperties(SealSettings.class)
public class SealAutoConfiguration {

    @Bean
    public SealKey sealKey(SealSettings settings) {
        return settings.key();
    }

    @Bean
    @ConditionalOnProperty(name = "helpdesk.seal.enabled", havingValue = "true")
    public Sealer sealer(DataSource dataSource, SealKey key, SealSettings settings) {
        return new Sealer(dataSource, key, settings.window(), settings.interval());
    }

    /**
     * With Axon Server the events are not in PostgreSQL: nothing is sealed, and the appended positions the
     * JDBC store reports are not there either. The log says both at start-up.
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true")
    public SmartInitializingSingleton unsealedHistoryNotice() {
        return () -> LoggerFactory.getLogger(SealAutoConfiguration.class).warn(
                "Axon Server keeps the events, so two things work differently: the history is not sealed "
                        + "(verify-store has nothing to check; audit exports are still signed), and a command's "
                        + "X-Event-Position is not its events' position, so X-Min-Position (read-your-writes) does "
                        + "not wait for them");
    }

    @Bean
    @ConditionalOnBean(Sealer.class)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    public SealEndpoint sealEndpoint(JdbcTemplate jdbc, Sealer sealer) {
        return new SealEndpoint(jdbc, sealer);
    }
}
