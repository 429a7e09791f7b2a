package io.helpdesk.command;

import ch.qos.logback.classic.Level;
import org.springframework.test.annotation.DirtiesContext;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdesk.command.web.ProblemHandler;
import io.helpdesk.eventstore.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.http.MediaType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production log format (Boot's structured logging, Elastic Common Schema): a refused request is one INFO
 * line without a stack trace that names the request's correlation id, its verified user and its W3C trace id;
 * the correlation id answered to the client is the one recorded on the events the request wrote.
 */
// Spring Boot's tests leave tracing off unless asked; the apps have it on.
@AutoConfigureObservability(metrics = false)
@DirtiesContext
class StructuredLogTest extends CommandApiTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger refusals = (Logger) LoggerFactory.getLogger(ProblemHandler.class);
    private AppenderBase<ILoggingEvent> appender;
    private Level level;

    @BeforeEach
    void captureStructuredLines() {
        LoggerContext context = refusals.getLoggerContext();
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setFormat("ecs");
        encoder.setContext(context);
        encoder.start();
        appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                lines.add(new String(encoder.encode(event), StandardCharsets.UTF_8));
            }
        };
        appender.setContext(context);
        appender.start();
        level = refusals.getLevel();
        refusals.setLevel(Level.INFO);
        refusals.addAppender(appender);
    }

    @AfterEach
    void restore() {
        refusals.detachAppender(appender);
        refusals.setLevel(level);
    }

    @Test
    void aRefusalIsOneLineNamingTheRequestItsUserAndItsTrace() throws Exception {
        http.post().uri("/api/tickets/00000000-0000-0000-0000-00000000abcd/replies")
            .headers(TestTokens.as("ana"))
            .header("X-Correlation-Id", "case-4711")
            .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("body", "hello"))
            .exchange()
            .expectStatus().isNotFound()
            .expectHeader().valueEquals("X-Correlation-Id", "case-4711");

        JsonNode line = onlyLineAbout("00000000-0000-0000-0000-00000000abcd");
        assertThat(line.path("log").path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("message").asText()).startsWith("Refused with 404");
        assertThat(line.path("correlationId").asText()).isEqualTo("case-4711");
        assertThat(line.path("user").asText()).isEqualTo("ana");
        assertThat(line.path("traceId").asText()).isEqualTo(TRACE_ID);
        assertThat(line.has("error")).as("no stack trace: %s", line).isFalse();
    }

    @Test
    void withoutAnIdTheRequestGetsOneThatItsEventsAndItsLogLinesCarry() throws Exception {
        String given = http.post().uri("/api/tickets").headers(TestTokens.as("ana"))
                           .contentType(MediaType.APPLICATION_JSON)
                           .bodyValue(Map.of("customerEmail", "bo@example.com", "channel", "EMAIL",
                                             "subject", "Help", "body", "Please help", "importance", 3))
                           .exchange().expectStatus().isCreated()
                           .returnResult(Map.class).getResponseHeaders().getFirst("X-Correlation-Id");
        assertThat(given).isNotBlank();
        List<String> recorded = jdbc.queryForList(
                "SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'correlationId' FROM eventstore.domain_event_entry",
                String.class);
        assertThat(recorded).contains(given);

        String refused = http.post().uri("/api/tickets/00000000-0000-0000-0000-00000000dcba/replies")
                             .headers(TestTokens.as("ana"))
                             .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("body", "hello"))
                             .exchange().expectStatus().isNotFound()
                             .returnResult(Map.class).getResponseHeaders().getFirst("X-Correlation-Id");
        assertThat(refused).isNotBlank().isNotEqualTo(given);
        assertThat(onlyLineAbout("00000000-0000-0000-0000-00000000dcba").path("correlationId").asText())
                .isEqualTo(refused);
    }

    private JsonNode onlyLineAbout(String text) throws Exception {
        List<String> about = lines.stream().filter(line -> line.contains(text)).toList();
        assertThat(about).hasSize(1);
        assertThat(about.get(0).strip()).doesNotContain("\n");
        return json.readTree(about.get(0));
    }
}
