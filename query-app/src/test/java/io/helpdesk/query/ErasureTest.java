package io.helpdesk.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdesk.eventstore.seal.SealKey;
import io.helpdesk.eventstore.seal.Sealer;
import io.helpdesk.eventstore.seal.StoreVerifier;
import io.helpdesk.eventstore.testing.TestDatabase;
import io.helpdesk.eventstore.testing.TestTokens;
import io.helpdesk.projections.ReadModel;
import io.helpdesk.query.ReadModelRows;
import io.helpdesk.query.admin.RebuildRuns;
import io.helpdesk.query.audit.ExportVerifier;
import io.helpdesk.security.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GDPR from outside. A customer's personal data is stored encrypted from the first event; an access request
 * exports all of it as one archive (recorded); erasure leaves none of it in any API answer, read model (after a
 * full rebuild too), lookup, file store or new export, while the history keeps every event, the sealed store
 * verifies and the export taken before and the one after both verify. A colleague's ticket that the erased
 * customer's ticket was merged into keeps its own messages and loses the customer's.
 */
class ErasureTest {

    private static final String NAME = "Zygmunt Quellbrunn";
    private static final String EMAIL = "zygmunt.q@erase.example";
    private static final String PHONE = "+4915199990001";
    private static final String SUBJECT = "Passport renewal zq-subject";
    private static final String BODY = "My passport number is ZQ-4711-secret";
    private static final String REPLY = "Thanks Zygmunt, we have your ZQ-4711-secret";
    private static final String NOTE = "Zygmunt called about ZQ-4711-secret";
    private static final String FILE = "zq-passport-scan.pdf";
    private static final List<String> SECRETS = List.of("zygmunt", "quellbrunn", "erase.example", PHONE,
                                                        "zq-4711", "zq-subject", "zq-passport", "excellent zq");

    /** An address of theirs that an admin blocked: what it sent is set aside, and erased with them. */
    private static final String BLOCKED = "bulk-7@mailer.example";
    private static final String WEBHOOK_SECRET = "s3cret";

    private static TwoApps apps;

    private static JsonNode deliver(String messageId, String from, String subject, String body) throws Exception {
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of(
                "messageId", messageId, "customerEmail", from, "channel", "EMAIL", "subject", subject, "body", body));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(
                json.getBytes(StandardCharsets.UTF_8)));
        return apps.commands().post().uri("/api/webhooks/generic").contentType(MediaType.APPLICATION_JSON)
                   .header("X-Signature-256", signature).bodyValue(json).exchange().expectStatus().isOk()
                   .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static String blockedMessages() {
        return apps.commands().get().uri("/api/admin/blocked-senders/" + BLOCKED + "/messages")
                   .headers(TestTokens.as("root", Role.ADMIN)).exchange().expectStatus().isOk()
                   .expectBody(String.class).returnResult().getResponseBody();
    }

    @BeforeAll
    static void start() {
        apps = new TwoApps(TestDatabase.create(), false, new String[] {"--WEBHOOK_SECRET_GENERIC=" + WEBHOOK_SECRET},
                           new String[0]);
    }

    @AfterAll
    static void stop() {
        apps.close();
    }

    private static JsonNode command(HttpMethod method, String uri, Object body, int status) {
        return apps.command(method, uri, body, status);
    }

    private static String query(String uri) {
        return apps.queries().get().uri(uri).exchange().expectStatus().isOk().expectBody(String.class)
                   .returnResult().getResponseBody();
    }

    private static String upload() {
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("file", new ByteArrayResource("%PDF passport of Zygmunt".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return FILE;
            }
        }).contentType(MediaType.APPLICATION_PDF);
        return apps.commands().post().uri("/api/attachments").contentType(MediaType.MULTIPART_FORM_DATA)
                   .body(BodyInserters.fromMultipartData(form.build())).exchange().expectStatus().isCreated()
                   .expectBody(JsonNode.class).returnResult().getResponseBody().get(0).path("sha256").asText();
    }

    /** Which of the secrets the text holds, in any letter case. */
    private static List<String> leaks(String where, String text) {
        List<String> found = new ArrayList<>();
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        for (String secret : SECRETS) {
            if (lower.contains(secret.toLowerCase(Locale.ROOT))) {
                found.add(where + ": " + secret);
            }
        }
        return found;
    }

    private static String readModelText() {
        StringBuilder all = new StringBuilder();
        for (ReadModel model : ReadModels.all()) {
            for (String table : model.tableNames()) {
                apps.jdbc().queryForList("SELECT t::text FROM readmodel." + table + " t", String.class)
                           .forEach(row -> all.append(table).append(' ').append(row).append('\n'));
            }
        }
        return all.toString();
    }

    private static String commandSideText() {
        StringBuilder all = new StringBuilder();
        for (String table : List.of("command.contact_identity", "command.customer_open_ticket", "command.mail_thread",
                                    "command.ticket_customer", "command.ticket_merge", "command.attachment",
                                    "eventstore.snapshot_event_entry", "eventstore.dead_letter_entry")) {
            apps.jdbc().queryForList("SELECT t::text FROM " + table + " t", String.class)
                       .forEach(row -> all.append(table).append(' ').append(row).append('\n'));
        }
        // The events as stored: personal data never in the clear, not even before the erasure.
        apps.jdbc().queryForList("SELECT convert_from(payload, 'UTF8') FROM eventstore.domain_event_entry", String.class)
                   .forEach(payload -> all.append("event ").append(payload).append('\n'));
        return all.toString();
    }

    private static String export(Path file) throws Exception {
        String text = apps.queries().get().uri("/api/audit/events").headers(TestTokens.as("lead", Role.MANAGER))
                          .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        Files.writeString(file, text);
        return text;
    }

    private static ExportVerifier.Result verify(Path file) throws Exception {
        return ExportVerifier.verify(file, List.of(SealKey.of(TestTokens.SEAL_KEY).verifier()));
    }

    private static long head() {
        return apps.jdbc().queryForObject("SELECT max(global_index) FROM eventstore.domain_event_entry", Long.class);
    }

    /** Every answer that could show the customer, as the staff asks for them. */
    private static Map<String, String> answers(String contactId, List<String> tickets) {
        long at = head();
        await().atMost(Duration.ofSeconds(20)).until(() -> apps.queries().get().uri("/api/contacts/" + contactId)
                .header("X-Min-Position", String.valueOf(at)).exchange().returnResult(String.class).getResponseHeaders()
                .getFirst("X-Read-Model-Stale") == null);
        Map<String, String> answers = new LinkedHashMap<>();
        List<String> uris = new ArrayList<>(List.of(
                "/api/inbox", "/api/inbox?q=zyg", "/api/contacts", "/api/contacts?q=zyg", "/api/contacts/" + contactId,
                "/api/organizations", "/api/notifications", "/api/sla/breached",
                "/api/analytics/tickets?from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z",
                "/api/analytics/tickets.csv?from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z",
                "/api/audit/events", "/api/audit/events?format=csv"));
        for (String ticket : tickets) {
            uris.add("/api/tickets/" + ticket);
            uris.add("/api/history/tickets/" + ticket + "?at=" + Instant.now());
        }
        for (String uri : uris) {
            answers.put(uri, apps.queries().get().uri(uri).header("X-Min-Position", String.valueOf(at))
                                 .headers(TestTokens.as("bo"))
                                 .exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                                 .getResponseBody());
        }
        return answers;
    }

    @Test
    void an_erased_contact_leaves_no_personal_data_anywhere_while_the_history_still_verifies(
            @org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
        String contact = command(HttpMethod.POST, "/api/contacts",
                                 Map.of("name", NAME, "identities", List.of(EMAIL, PHONE, BLOCKED)), 201)
                .path("contactId").asText();
        apps.commands().post().uri("/api/admin/blocked-senders").headers(TestTokens.as("root", Role.ADMIN))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("sender", BLOCKED)).exchange()
            .expectStatus().isCreated();
        assertThat(deliver("zq-blocked-1", BLOCKED, SUBJECT, BODY).path("blocked").asBoolean()).isTrue();
        String file = upload();
        String ticket = command(HttpMethod.POST, "/api/tickets", Map.of("customerEmail", EMAIL, "customerName", NAME,
                                                                        "channel", "EMAIL", "subject", SUBJECT,
                                                                        "body", BODY), 201).path("ticketId").asText();
        command(HttpMethod.POST, "/api/tickets/" + ticket + "/messages",
                Map.of("externalMessageId", "zq-2", "body", BODY + " again", "attachments",
                       List.of(Map.of("sha256", file))), 200);
        command(HttpMethod.POST, "/api/tickets/" + ticket + "/replies", Map.of("body", REPLY), 201);
        command(HttpMethod.POST, "/api/tickets/" + ticket + "/notes", Map.of("body", NOTE + " @bo"), 201);
        command(HttpMethod.POST, "/api/tickets/" + ticket + "/resolve", Map.of("resolution", "renewed"), 200);
        command(HttpMethod.POST, "/api/tickets/" + ticket + "/csat", Map.of("score", 5, "comment", "excellent ZQ"), 201);
        // A second ticket of theirs, by phone, merged into a colleague's ticket of another customer.
        String phoneTicket = command(HttpMethod.POST, "/api/tickets", Map.of("customerEmail", "olga@keep.example",
                "channel", "PHONE", "subject", "Call about ZQ-4711", "body", NAME + " called", "contactId", contact),
                                     201).path("ticketId").asText();
        String olga = command(HttpMethod.POST, "/api/tickets", Map.of("customerEmail", "olga@keep.example",
                "customerName", "Olga Keeps", "channel", "EMAIL", "subject", "Olga's own", "body", "Olga stays"),
                              201).path("ticketId").asText();
        command(HttpMethod.POST, "/api/tickets/" + phoneTicket + "/merge", Map.of("into", olga), 200);
        List<String> tickets = List.of(ticket, phoneTicket, olga);

        // Encrypted from the first event: the store never held the customer in the clear.
        assertThat(leaks("store", commandSideText().lines().filter(l -> l.startsWith("event ")).reduce("", String::concat)))
                .isEmpty();
        // ...while staff read them in full.
        Map<String, String> before = answers(contact, tickets);
        assertThat(before.get("/api/contacts/" + contact)).contains(NAME).contains(EMAIL);
        assertThat(before.get("/api/tickets/" + ticket)).contains(BODY).contains(REPLY).contains(FILE);
        assertThat(before.get("/api/tickets/" + olga)).contains(NAME + " called").contains("Olga stays");
        assertThat(before.get("/api/audit/events")).contains(BODY);
        assertThat(blockedMessages()).contains(BODY).contains(SUBJECT);

        // Access request: MANAGER/ADMIN only, one archive with everything, itself recorded.
        apps.commands().get().uri("/api/contacts/" + contact + "/export").headers(TestTokens.as("al", Role.AGENT))
            .exchange().expectStatus().isForbidden();
        byte[] zip = apps.commands().get().uri("/api/contacts/" + contact + "/export")
                         .headers(TestTokens.as("lead", Role.MANAGER)).exchange().expectStatus().isOk()
                         .expectHeader().contentType("application/zip").expectBody(byte[].class).returnResult()
                         .getResponseBody();
        Map<String, String> archive = new LinkedHashMap<>();
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                archive.put(entry.getName(), new String(entries.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(archive).containsKeys("contacts.json", "tickets/" + ticket + ".json",
                                         "tickets/" + phoneTicket + ".json", "files/" + file + "/" + FILE, "README.txt");
        assertThat(archive.get("contacts.json")).contains(NAME).contains(EMAIL).contains(PHONE);
        assertThat(archive.get("tickets/" + ticket + ".json")).contains(BODY).contains(REPLY).contains(NOTE)
                                                              .contains("excellent ZQ");
        assertThat(archive.get("files/" + file + "/" + FILE)).isEqualTo("%PDF passport of Zygmunt");
        assertThat(apps.jdbc().queryForList("SELECT payload_type FROM eventstore.domain_event_entry "
                                                    + "WHERE aggregate_identifier = ?", String.class, contact))
                .anyMatch(type -> type.endsWith("ContactDataExported"));

        Path oldExport = folder.resolve("before.ndjson");
        export(oldExport);
        apps.commandBean(Sealer.class).sealNow();

        // The erasure: MANAGER/ADMIN only; a reason is required.
        command(HttpMethod.POST, "/api/contacts/" + contact + "/erasure", Map.of("reason", ""), 400);
        apps.commands().post().uri("/api/contacts/" + contact + "/erasure").headers(TestTokens.as("al", Role.AGENT))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "request 17")).exchange()
            .expectStatus().isForbidden();
        JsonNode erased = command(HttpMethod.POST, "/api/contacts/" + contact + "/erasure",
                                  Map.of("reason", "GDPR request 17"), 200);
        assertThat(erased.path("tickets").toString()).contains(ticket).contains(phoneTicket).doesNotContain(olga);

        Map<String, String> after = answers(contact, tickets);
        List<String> found = new ArrayList<>();
        after.put("blocked messages", blockedMessages());
        after.forEach((uri, answer) -> found.addAll(leaks(uri, answer)));
        found.addAll(leaks("read models", readModelText()));
        found.addAll(leaks("command side", commandSideText()));
        assertThat(found).as("personal data left after the erasure").isEmpty();
        // The colleague's ticket keeps its own; the history keeps every event, and the staff's part in them.
        assertThat(after.get("/api/tickets/" + olga)).contains("Olga stays").contains("Olga Keeps");
        assertThat(after.get("/api/tickets/" + ticket)).contains("[erased]").contains("RESOLVED");
        assertThat(apps.jdbc().queryForObject("SELECT count(*) FROM eventstore.subject_key WHERE subject_id IN (?, ?, ?) "
                                                      + "AND secret IS NOT NULL", Long.class, contact, ticket, phoneTicket))
                .isZero();
        apps.commands().get().uri("/api/tickets/" + ticket + "/attachments/" + file).exchange().expectStatus()
            .isNotFound();

        // A rebuild of every read model reproduces the erased state row for row.
        Map<String, Object> rows = new LinkedHashMap<>();
        for (String model : ReadModelRows.READ_MODELS) {
            rows.put(model, ReadModelRows.of(apps.jdbc(), model));
        }
        for (String model : ReadModelRows.READ_MODELS) {
            assertThat(RebuildRuns.rebuild(apps.queries(), model).path("state").asText()).isEqualTo("DONE");
        }
        for (String model : ReadModelRows.READ_MODELS) {
            assertThat(ReadModelRows.of(apps.jdbc(), model)).as(model + " after a rebuild").isEqualTo(rows.get(model));
        }
        assertThat(leaks("read models after a rebuild", readModelText())).isEmpty();

        // Both exports verify; the new one holds nothing of the customer; the sealed store is unchanged.
        Path newExport = folder.resolve("after.ndjson");
        assertThat(leaks("new export", export(newExport))).isEmpty();
        assertThat(verify(oldExport).ok()).as(verify(oldExport).toString()).isTrue();
        assertThat(verify(newExport).ok()).as(verify(newExport).toString()).isTrue();
        apps.commandBean(Sealer.class).sealNow();
        try (Connection connection = apps.jdbc().getDataSource().getConnection()) {
            StoreVerifier.Result store = StoreVerifier.verify(connection,
                                                              List.of(SealKey.of(TestTokens.SEAL_KEY).verifier()));
            assertThat(store.ok()).as(store.toString()).isTrue();
        }
        // The erased contact takes no changes; a second erasure changes nothing.
        command(HttpMethod.PATCH, "/api/contacts/" + contact, Map.of("name", "Again"), 409);
        command(HttpMethod.POST, "/api/contacts/" + contact + "/erasure", Map.of("reason", "again"), 200);
    }
}
