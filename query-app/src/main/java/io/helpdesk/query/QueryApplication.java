package io.helpdesk.query;

import io.helpdesk.projections.ProjectionsConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@Import(ProjectionsConfiguration.class)
public class QueryApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** The app reads {@code query-app.yml}; see CommandApplication for why. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(QueryApplication.class).properties("spring.config.name=query-app");
    }
}
