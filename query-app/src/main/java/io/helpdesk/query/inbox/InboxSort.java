package io.helpdesk.query.inbox;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * The inbox orders and their keyset cursors: a page continues strictly after the last row's key, so rows
 * that change or arrive meanwhile never repeat or shift a page. Every order ends with the ticket id.
 */
enum InboxSort {
    /** P0 first, then oldest first. */
    PRIORITY("priority ASC, opened_at ASC, ticket_id ASC", "(priority, opened_at, ticket_id) > (:k1, :k2, :k3)",
             row -> List.of(row.priority(), row.openedAt().toString(), row.ticketId())),
    /** Soonest SLA deadline first (tickets without a running clock last), then priority. */
    SLA("sla_due_at ASC, priority ASC, ticket_id ASC", "(sla_due_at, priority, ticket_id) > (:k1, :k2, :k3)",
        row -> List.of(due(row).toString(), row.priority(), row.ticketId())),
    /** Most recently active first. */
    ACTIVITY("last_activity_at DESC, ticket_id DESC", "(last_activity_at, ticket_id) < (:k1, :k2)",
             row -> List.of(row.lastActivityAt().toString(), row.ticketId()));

    final String orderBy;
    final String after;
    private final Function<InboxRow, List<String>> key;

    InboxSort(String orderBy, String after, Function<InboxRow, List<String>> key) {
        this.orderBy = orderBy;
        this.after = after;
        this.key = key;
    }

    static InboxSort parse(String value) {
        try {
            return value == null ? PRIORITY : valueOf(value.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "sort must be priority, sla or activity");
        }
    }

    String cursor(InboxRow last) {
        String raw = name() + "|" + String.join("|", key.apply(last));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor's key values as query parameters k1, k2, ... typed as the columns they compare with. */
    Object[] decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (!parts[0].equals(name())) {
                throw new IllegalArgumentException("cursor of another sort order");
            }
            return switch (this) {
                case PRIORITY -> new Object[]{parts[1], time(parts[2]), parts[3]};
                case SLA -> new Object[]{time(parts[1]), parts[2], parts[3]};
                case ACTIVITY -> new Object[]{time(parts[1]), parts[2]};
            };
        } catch (RuntimeException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "cursor is not one this API handed out for sort "
                    + name().toLowerCase());
        }
    }

    private static Object time(String value) {
        return Instant.parse(value).atOffset(ZoneOffset.UTC);
    }

    private static Instant due(InboxRow row) {
        return row.slaDueAt() == null ? InboxRow.NO_DUE : row.slaDueAt();
    }
}
