package io.helpdesk.query;

import io.helpdesk.projections.ProjectionsConfiguration;
import io.helpdesk.query.audit.ExportVerifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@Import(ProjectionsConfiguration.class)
public class QueryApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("verify-export")) {
            ExportVerifier.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        application().run(args);
    }

    /** The app reads {@code query-app.yml}; see CommandApplication for why. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(QueryApplication.class).properties("spring.config.name=query-app");
    }
}
