package io.helpdesk.query;

import io.helpdesk.command.CommandApplication;
import io.helpdesk.eventstore.testing.TestDatabase;
import io.helpdesk.eventstore.testing.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.stream.Stream;

/**
 * command-app and query-app as two separate Spring Boot applications on one database, each on its own HTTP
 * port, as they run in production (minus the process boundary).
 */
final class TwoApps implements AutoCloseable {

    private final TestDatabase.Database database;
    private ConfigurableApplicationContext commandApp;
    private ConfigurableApplicationContext queryApp;

    private final boolean delivery;
    private final String[] queryArgs;

    /** Without the delivery of replies (it adds events to a ticket some time after the reply). */
    TwoApps(TestDatabase.Database database) {
        this(database, false);
    }

    /** {@code delivery}: command-app delivers replies (none configured here: it records them as not delivered). */
    TwoApps(TestDatabase.Database database, boolean delivery) {
        this(database, delivery, new String[0], new String[0]);
    }

    /** With settings of each app's own ({@code --name=value}; a {@code --server.port} of its own as well). */
    TwoApps(TestDatabase.Database database, boolean delivery, String[] commandArgs, String[] queryArgs) {
        this.database = database;
        this.delivery = delivery;
        this.commandApp = start(CommandApplication.application(), commandArgs);
        this.queryApp = start(QueryApplication.application(), queryArgs);
        this.queryArgs = queryArgs;
    }

    TestDatabase.Database database() {
        return database;
    }

    String commandUrl() {
        return url(commandApp);
    }

    String queryUrl() {
        return url(queryApp);
    }

    WebTestClient commands() {
        return client(commandApp);
    }

    WebTestClient queries() {
        return client(queryApp);
    }

    /** The shared database, as command-app's own JDBC access sees it. */
    JdbcTemplate jdbc() {
        return commandApp.getBean(JdbcTemplate.class);
    }

    /**
     * Waits until command-app has settled every reply (delivered, or recorded as not delivered: it does so after
     * the reply's command has answered) and returns the store's last position then: what the read models must
     * reach for the history to be complete.
     */
    long settled() {
        if (!delivery) {
            throw new IllegalStateException("replies are not delivered in these apps");
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(
                () -> jdbc().queryForObject(io.helpdesk.command.delivery.ReplyDelivery.UNSETTLED, Long.class) == 0);
        Long last = jdbc().queryForObject("SELECT max(global_index) FROM eventstore.domain_event_entry", Long.class);
        return last == null ? 0 : last;
    }

    /** Sends a command to command-app (as the default user, every role), expects the status, answers the body. */
    com.fasterxml.jackson.databind.JsonNode command(org.springframework.http.HttpMethod method, String uri,
                                                    Object body, int status) {
        var request = commands().method(method).uri(uri)
                                .contentType(org.springframework.http.MediaType.APPLICATION_JSON);
        return (body == null ? request.exchange() : request.bodyValue(body).exchange())
                .expectStatus().isEqualTo(status).expectBody(com.fasterxml.jackson.databind.JsonNode.class)
                .returnResult().getResponseBody();
    }

    /** A bean of command-app's (its sealer, its retention policy). */
    <T> T commandBean(Class<T> type) {
        return commandApp.getBean(type);
    }

    /** A bean of query-app's, for what a test does to its processors. */
    <T> T queryBean(Class<T> type) {
        return queryApp.getBean(type);
    }

    void restartQueryApp() {
        queryApp.close();
        queryApp = start(QueryApplication.application(), queryArgs);
    }

    private ConfigurableApplicationContext start(SpringApplicationBuilder app, String[] own) {
        boolean ownPort = Stream.of(own).anyMatch(arg -> arg.startsWith("--server.port="));
        String[] args = Stream.of(Stream.of(database.args()),
                                  Stream.of(ownPort ? "--helpdesk.delivery.enabled=" + delivery : "--server.port=0",
                                            "--helpdesk.delivery.enabled=" + delivery).distinct(),
                                  Stream.of(own))
                              .flatMap(s -> s).toArray(String[]::new);
        return app.run(args);
    }

    private static String url(ConfigurableApplicationContext context) {
        // An address, not a name: the reactive client resolves names asynchronously.
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        // The JDK's client: a Reactor Netty client in the apps' JVM now and then misses an answer (spring-boot#10569).
        return WebTestClient.bindToServer(new org.springframework.http.client.reactive.JdkClientHttpConnector(
                                    java.net.http.HttpClient.newBuilder()
                                                            .version(java.net.http.HttpClient.Version.HTTP_1_1).build()))
                            .baseUrl(url(context)).responseTimeout(Duration.ofSeconds(30))
                            .defaultHeader(HttpHeaders.AUTHORIZATION, TestTokens.defaultBearer()).build();
    }

    @Override
    public void close() {
        if (queryApp != null) {
            queryApp.close();
        }
        if (commandApp != null) {
            commandApp.close();
        }
    }
}
