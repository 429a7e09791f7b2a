package io.helpdesk.query;

import io.helpdesk.projections.ProjectionsConfiguration;
import io.helpdesk.query.audit.ExportVerifier;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.boot.actuate.autoconfigure.metrics.LogbackMetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.util.Map;

// Micrometer's logback meter (log events counted per level) puts a filter in front of every logger's level check,
// and the libraries ask for debug and trace levels on every message: 2-3 % of the app's CPU under load. No
// dashboard panel or alert reads it.
@SpringBootApplication(exclude = LogbackMetricsAutoConfiguration.class)
@Import(ProjectionsConfiguration.class)
public class QueryApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("verify-export")) {
            ExportVerifier.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        application().run(args);
    }

    /**
     * The read side sends no commands or events, so no message it handles passes correlation data on. In place
     * of Axon's default provider, which reads (and so deserializes) every event's metadata for the result
     * message of each handled event: a sixth of a replay's CPU.
     */
    @Bean
    public CorrelationDataProvider noCorrelationData() {
        return message -> Map.of();
    }

    /** The app reads {@code query-app.yml}; see CommandApplication for why. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(QueryApplication.class).properties("spring.config.name=query-app");
    }
}
