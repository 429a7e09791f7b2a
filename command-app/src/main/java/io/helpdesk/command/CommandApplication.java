package io.helpdesk.command;

import io.helpdesk.eventstore.seal.StoreVerifier;
import io.helpdesk.security.LocalTokens;
import org.springframework.boot.actuate.autoconfigure.metrics.LogbackMetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

// Micrometer's logback meter (log events counted per level) puts a filter in front of every logger's level check,
// and the libraries ask for debug and trace levels on every message: 2-3 % of the app's CPU under load. No
// dashboard panel or alert reads it.
@SpringBootApplication(exclude = LogbackMetricsAutoConfiguration.class)
public class CommandApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("mint-token")) {
            LocalTokens.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("verify-store")) {
            StoreVerifier.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        application().run(args);
    }

    /**
     * The app reads {@code command-app.yml} rather than {@code application.yml}, so that it can share a
     * classpath with query-app (as the system tests do) without either reading the other's settings.
     */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(CommandApplication.class).properties("spring.config.name=command-app");
    }
}
