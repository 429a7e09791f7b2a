package io.helpdesk.command;

import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.eventstore.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.Map;

/** command-app over HTTP on a real PostgreSQL, with helpers that read back what the event store holds. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"spring.config.name=command-app", "helpdesk.deadlines.polling-interval=200ms",
                              // Replies are delivered after their command, adding events to the ticket when they
                              // have been: on only where a test is about that (ReplyDeliveryTest).
                              "helpdesk.delivery.enabled=false"})
// Classes without settings of their own share one context and its database (each test works on tickets,
// channels and handoffs of its own, and asserts on those): one start instead of one per class. A class with
// settings of its own gets a context and a database of its own and closes them after itself (@DirtiesContext),
// so that it does not keep working beside the later classes.
public abstract class CommandApiTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.create().register(registry);
    }

    @Autowired
    protected WebTestClient http;

    @Autowired
    protected JdbcTemplate jdbc;

    protected WebTestClient.ResponseSpec call(HttpMethod method, String uri, String actor, Object body) {
        WebTestClient.RequestBodySpec request = http.method(method).uri(uri)
                                                    .contentType(MediaType.APPLICATION_JSON);
        if (actor != null) {
            request.headers(TestTokens.as(actor));
        }
        return body == null ? request.exchange() : request.bodyValue(body).exchange();
    }

    protected WebTestClient.ResponseSpec post(String uri, String actor, Object body) {
        return call(HttpMethod.POST, uri, actor, body);
    }

    protected String openTicket(int importance) {
        Map<?, ?> created = post("/api/tickets", null,
                                 Map.of("customerEmail", "ana@example.com", "channel", "EMAIL", "subject", "Help",
                                        "body", "Please help", "importance", importance))
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) created.get("ticketId");
    }

    /** An e-mail ticket of Ana's (ana@example.com) with this subject. */
    protected String emailTicket(String subject) {
        Map<?, ?> created = post("/api/tickets", null, Map.of("customerEmail", "ana@example.com",
                                                              "customerName", "Ana", "channel", "EMAIL",
                                                              "subject", subject, "body", "Please help",
                                                              "importance", 3))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) created.get("ticketId");
    }

    /** Uploads one file as the actor; answers its SHA-256. */
    protected String upload(String actor, String name, MediaType type, byte[] bytes) {
        org.springframework.http.client.MultipartBodyBuilder form = new org.springframework.http.client.MultipartBodyBuilder();
        form.part("file", new org.springframework.core.io.ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return name;
            }
        }).contentType(type);
        return http.post().uri("/api/attachments").headers(TestTokens.as(actor))
                   .contentType(MediaType.MULTIPART_FORM_DATA)
                   .body(org.springframework.web.reactive.function.BodyInserters.fromMultipartData(form.build()))
                   .exchange().expectStatus().isCreated()
                   .expectBody(com.fasterxml.jackson.databind.JsonNode.class).returnResult().getResponseBody()
                   .get(0).path("sha256").asText();
    }

    /** Simple names of the aggregate's event types, in order. */
    protected List<String> events(String aggregateId) {
        return jdbc.queryForList("SELECT payload_type FROM eventstore.domain_event_entry "
                                         + "WHERE aggregate_identifier = ? ORDER BY sequence_number",
                                 String.class, aggregateId)
                   .stream().map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    @Autowired
    protected io.helpdesk.eventstore.personal.PersonalData personal;

    /** An event as stored, with its payload as the apps read it (personal data decrypted). */
    protected record Stored(String aggregateId, String payloadType, String payload) {
    }

    /** The events whose type's name ends with {@code typeSuffix}, in the order they were stored. */
    protected List<Stored> stored(String typeSuffix) {
        return jdbc.query("""
                SELECT aggregate_identifier, payload_type, convert_from(payload, 'UTF8') FROM eventstore.domain_event_entry
                WHERE payload_type LIKE ? ORDER BY global_index""",
                (rs, i) -> new Stored(rs.getString(1), rs.getString(2),
                                      personal.openJson(rs.getString(2), rs.getString(1), rs.getString(3))),
                "%" + typeSuffix);
    }

    /** The payload of the aggregate's last event, as the apps read it. */
    protected String lastPayload(String aggregateId) {
        return jdbc.queryForObject("""
                SELECT payload_type, convert_from(payload, 'UTF8') FROM eventstore.domain_event_entry
                WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1""",
                (rs, i) -> personal.openJson(rs.getString(1), aggregateId, rs.getString(2)), aggregateId);
    }
}
