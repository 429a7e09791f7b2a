package io.helpdesk.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdesk.eventstore.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operators' Grafana dashboard and Prometheus alert rules (docker/) name only meters the apps publish: every
 * metric in their expressions is in one of the two apps' {@code /actuator/prometheus}; every rule is complete.
 */
class ObservabilityTest {

    /** Metric names as PromQL writes them: the apps' own, Spring's HTTP server, the database pools, the JVM. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:helpdesk|http_server|hikaricp|jvm|process)_[a-z0-9_]+)");
    private static final Path DOCKER = Path.of("..", "docker");

    private static TwoApps apps;

    @BeforeAll
    static void start() {
        apps = new TwoApps(TestDatabase.create(), true);
    }

    @AfterAll
    static void stop() {
        apps.close();
    }

    /** Both apps' series names, after a command and a query so that the HTTP meters exist. */
    private static Set<String> published() {
        apps.command(HttpMethod.POST, "/api/tickets", Map.of("customerEmail", "obs@example.com", "channel", "EMAIL",
                                                             "subject", "Metrics", "body", "..."), 201);
        apps.queries().get().uri("/api/inbox").exchange().expectStatus().isOk();
        Set<String> names = new TreeSet<>();
        for (var client : List.of(apps.commands(), apps.queries())) {
            String scrape = client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                                  .expectBody(String.class).returnResult().getResponseBody();
            scrape.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                  .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        }
        return names;
    }

    private static Set<String> metrics(List<String> expressions) {
        Set<String> metrics = new TreeSet<>();
        for (String expression : expressions) {
            Matcher metric = METRIC.matcher(expression);
            while (metric.find()) {
                metrics.add(metric.group(1));
            }
        }
        return metrics;
    }

    @Test
    void the_dashboard_and_the_alert_rules_name_only_published_meters() throws Exception {
        Set<String> published = published();

        JsonNode dashboard = new ObjectMapper().readTree(DOCKER.resolve("grafana/dashboards/helpdesk.json").toFile());
        List<String> panelExpressions = dashboard.findValuesAsText("expr");
        assertThat(dashboard.path("panels")).isNotEmpty();
        assertThat(panelExpressions).hasSizeGreaterThanOrEqualTo(dashboard.path("panels").size());
        Set<String> onDashboard = metrics(panelExpressions);
        assertThat(onDashboard).contains("helpdesk_processor_position", "helpdesk_dead_letters",
                                         "helpdesk_sla_breaches_total", "http_server_requests_seconds_bucket");
        assertThat(published).as("series the dashboard names").containsAll(onDashboard);

        Map<String, Object> rules = new Yaml().load(Files.readString(DOCKER.resolve("prometheus-rules.yml")));
        List<String> ruleExpressions = new ArrayList<>();
        for (Object group : (List<?>) rules.get("groups")) {
            Map<?, ?> named = (Map<?, ?>) group;
            assertThat(named.get("name")).isNotNull();
            for (Object rule : (List<?>) named.get("rules")) {
                Map<?, ?> alert = (Map<?, ?>) rule;
                assertThat(alert.get("alert")).as("a rule's name").isInstanceOf(String.class);
                assertThat(alert.get("expr")).as(alert.get("alert") + "'s expression").isInstanceOf(String.class);
                assertThat(((Map<?, ?>) alert.get("labels")).get("severity")).as(alert.get("alert") + "'s severity")
                                                                            .isIn("warning", "critical");
                assertThat(((Map<?, ?>) alert.get("annotations")).get("summary")).isNotNull();
                ruleExpressions.add((String) alert.get("expr"));
            }
        }
        assertThat(ruleExpressions).hasSizeGreaterThanOrEqualTo(5);
        assertThat(published).as("series the alert rules name").containsAll(metrics(ruleExpressions));
    }
}
