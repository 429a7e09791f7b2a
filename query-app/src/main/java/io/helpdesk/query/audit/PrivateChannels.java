package io.helpdesk.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the audit trail shows of private and direct staff channels to someone who may export it but is no
 * ADMIN: every event, with the text of its messages (and their mentions) left out. A channel's type is read
 * from its first event once and kept: it never changes.
 */
class PrivateChannels {

    static final String REDACTED = "[private channel: text shown to ADMIN only]";

    private static final Set<String> MESSAGE_EVENTS = Set.of("io.helpdesk.domain.channel.MessagePosted",
                                                             "io.helpdesk.domain.channel.MessageEdited");

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Map<String, Boolean> isPrivate = new ConcurrentHashMap<>();

    PrivateChannels(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The payload as the caller may see it. */
    String payloadFor(String eventType, String channelId, String payload) {
        if (!MESSAGE_EVENTS.contains(eventType) || !isPrivate(channelId)) {
            return payload;
        }
        try {
            ObjectNode node = (ObjectNode) json.readTree(payload);
            node.put("body", REDACTED);
            node.set("mentions", json.createArrayNode());
            return json.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException("the message event of channel " + channelId + " is not readable", e);
        }
    }

    private boolean isPrivate(String channelId) {
        return isPrivate.computeIfAbsent(channelId, id -> {
            List<String> first = jdbc.queryForList("""
                            SELECT convert_from(payload, 'UTF8') FROM eventstore.domain_event_entry
                            WHERE aggregate_identifier = ? AND sequence_number = 0""", String.class, id);
            if (first.isEmpty()) {
                return true;
            }
            try {
                JsonNode created = json.readTree(first.get(0));
                return !"PUBLIC".equals(created.path("type").asText());
            } catch (Exception e) {
                return true;
            }
        });
    }
}
