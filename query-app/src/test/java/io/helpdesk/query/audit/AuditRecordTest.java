package io.helpdesk.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The canonical JSON record is written by hand; whatever its strings hold, it must read back as written. */
class AuditRecordTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void stringsWithQuotesBackslashesAndControlCharactersReadBackUnchanged() throws Exception {
        String awkward = "a \"quoted\" \\path\\ \n\r\t\b\f \u0000\u0001\u001f é 漢字 \uD83D\uDE00 </script>";
        AuditRecord record = new AuditRecord(42, "Ticket", awkward, 7, "io.helpdesk.X", "2026-11-02T09:00:00.000Z",
                                             awkward, null, "rule r-1 v2, on event e-1", "{\"body\":\"as stored\",\"n\":1}");

        String canonical = record.canonicalJson();
        JsonNode read = json.readTree(canonical);

        assertThat(read.path("position").asLong()).isEqualTo(42);
        assertThat(read.path("aggregateType").asText()).isEqualTo("Ticket");
        assertThat(read.path("aggregateId").asText()).isEqualTo(awkward);
        assertThat(read.path("sequence").asLong()).isEqualTo(7);
        assertThat(read.path("user").asText()).isEqualTo(awkward);
        assertThat(read.path("correlationId").isNull()).isTrue();
        assertThat(read.path("cause").asText()).isEqualTo("rule r-1 v2, on event e-1");
        assertThat(canonical).endsWith(",\"payload\":{\"body\":\"as stored\",\"n\":1}}");
        // Compact, and the same text Jackson writes for these fields.
        assertThat(canonical).startsWith("{\"position\":42,\"aggregateType\":\"Ticket\",\"aggregateId\":"
                                         + json.writeValueAsString(awkward) + ",\"sequence\":7,");
    }
}
