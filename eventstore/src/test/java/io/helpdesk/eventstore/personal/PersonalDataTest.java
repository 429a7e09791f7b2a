package io.helpdesk.eventstore.personal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdesk.domain.ticket.MessagesMoved;
import io.helpdesk.domain.ticket.TicketOpened;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Personal fields leave the app encrypted under their subject's key and come back as written; without the key
 * they read as erased; a ciphertext moved to another subject or changed in the store is refused, not misread.
 */
class PersonalDataTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Keys in memory, as the table would hold them. */
    private static final class Keys extends SubjectKeys {
        final Map<String, SecretKey> keys = new HashMap<>();

        Keys() {
            super(null);
        }

        @Override
        public Optional<SecretKey> find(String subject) {
            return Optional.ofNullable(keys.get(subject));
        }

        @Override
        Optional<SecretKey> forAppend(Connection connection, String subject) {
            return Optional.of(keys.computeIfAbsent(subject, s -> new SecretKeySpec(
                    (s + "-0123456789abcdef0123456789abcdef").substring(0, 32).getBytes(StandardCharsets.US_ASCII),
                    "AES")));
        }
    }

    private final Keys keys = new Keys();
    private final PersonalData personal = new PersonalData(keys);

    private static final String OPENED = """
            {"ticketId":"t1","customerEmail":"ana@example.com","customerName":null,"channel":"EMAIL",
             "subject":"Refund","body":"My IBAN is DE00","importance":null,"priority":"P2","externalMessageId":"m1",
             "attachments":[{"sha256":"ab","name":"id.pdf","size":3,"contentType":"application/pdf"}],
             "contactId":"c-1"}""";

    @Test
    void personal_fields_are_stored_encrypted_and_read_back_or_as_erased() throws Exception {
        String type = TicketOpened.class.getName();
        byte[] stored = personal.seal(type, "t1", OPENED.getBytes(StandardCharsets.UTF_8), null);
        String text = new String(stored, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("ana@example.com").doesNotContain("DE00").doesNotContain("id.pdf")
                        .contains("\"customerName\":null").contains("\"contactId\":\"c-1\"")
                        .contains("\"externalMessageId\":\"m1\"").contains(PersonalData.PREFIX);

        JsonNode read = JSON.readTree(stored);
        personal.open(type, "t1", read);
        assertThat(read).isEqualTo(JSON.readTree(OPENED));

        keys.keys.remove("t1");
        JsonNode erased = JSON.readTree(stored);
        personal.open(type, "t1", erased);
        assertThat(erased.path("customerEmail").asText()).isEqualTo(PersonalFields.ERASED);
        assertThat(erased.path("body").asText()).isEqualTo(PersonalFields.ERASED);
        assertThat(erased.path("attachments")).isEmpty();
        assertThat(erased.path("customerName").isNull()).isTrue();
        assertThat(erased.path("ticketId").asText()).isEqualTo("t1");
    }

    @Test
    void a_ciphertext_moved_to_another_subject_or_changed_is_refused() throws Exception {
        String type = TicketOpened.class.getName();
        JsonNode stored = JSON.readTree(personal.seal(type, "t1", OPENED.getBytes(StandardCharsets.UTF_8), null));
        personal.seal(type, "t2", OPENED.getBytes(StandardCharsets.UTF_8), null);
        keys.keys.put("t2", keys.keys.get("t1"));
        assertThatThrownBy(() -> personal.open(type, "t2", stored.deepCopy()))
                .hasMessageContaining("does not decrypt");
        String body = stored.path("body").asText();
        ((com.fasterxml.jackson.databind.node.ObjectNode) stored).put("body", body.substring(0, body.length() - 4)
                + (body.endsWith("AAAA") ? "BBBB" : "AAAA"));
        assertThatThrownBy(() -> personal.open(type, "t1", stored)).hasMessageContaining("changed in the store");
    }

    @Test
    void moved_messages_are_keyed_by_the_ticket_they_came_from() throws Exception {
        String moved = """
                {"ticketId":"a","from":"b","reason":"MERGE","messages":[{"eventId":"e","position":3,
                 "at":"2026-01-01T00:00:00Z","kind":"NOTE","actor":"ana","body":"secret","attachments":[]}],"by":"ana"}""";
        String type = MessagesMoved.class.getName();
        byte[] stored = personal.seal(type, "a", moved.getBytes(StandardCharsets.UTF_8), null);
        assertThat(keys.keys).containsKey("b").doesNotContainKey("a");
        keys.keys.remove("b");
        JsonNode read = JSON.readTree(stored);
        personal.open(type, "a", read);
        assertThat(read.path("messages")).isEmpty();
        assertThat(read.path("from").asText()).isEqualTo("b");
    }
}
