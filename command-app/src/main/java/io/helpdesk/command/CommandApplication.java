package io.helpdesk.command;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class CommandApplication {

    public static void main(String[] args) {
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
