package io.helpdesk.query.inbox;

import io.helpdesk.domain.ticket.TicketStatus;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@RestController
public class InboxEndpoint {

    static final int MAX_LIMIT = 200;

    private final DatabaseClient db;

    public InboxEndpoint(DatabaseClient db) {
        this.db = db;
    }

    public record Page(List<InboxRow> items, String nextCursor) {
    }

    /**
     * Tickets sorted by priority (P0 first), then age (oldest first). {@code assignee=} with an empty value
     * lists the unassigned queue. {@code cursor} is the {@code nextCursor} of the previous page.
     */
    @GetMapping("/api/inbox")
    public Mono<Page> inbox(@RequestParam(required = false) String status,
                            @RequestParam(required = false) String assignee,
                            @RequestParam(required = false) String cursor,
                            @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (status != null) {
            where.add("status = :status");
            params.put("status", parseStatus(status).name());
        }
        if (assignee != null) {
            if (assignee.isBlank()) {
                where.add("assignee IS NULL");
            } else {
                where.add("assignee = :assignee");
                params.put("assignee", assignee);
            }
        }
        if (cursor != null) {
            InboxCursor after = InboxCursor.decode(cursor);
            where.add("(priority, opened_at, ticket_id) > (:cPriority, :cOpenedAt, :cTicketId)");
            params.put("cPriority", after.priority());
            params.put("cOpenedAt", after.openedAt().atOffset(ZoneOffset.UTC));
            params.put("cTicketId", after.ticketId());
        }
        String sql = "SELECT " + InboxRow.COLUMNS + " FROM readmodel.inbox_ticket"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY priority, opened_at, ticket_id LIMIT :limit";
        params.put("limit", limit + 1);

        DatabaseClient.GenericExecuteSpec spec = db.sql(sql);
        for (Map.Entry<String, Object> param : params.entrySet()) {
            spec = spec.bind(param.getKey(), param.getValue());
        }
        return spec.map(InboxRow::read).all().collectList().map(rows -> page(rows, limit));
    }

    @GetMapping("/api/tickets/{ticketId}")
    public Mono<InboxRow> ticket(@PathVariable String ticketId) {
        return db.sql("SELECT " + InboxRow.COLUMNS + " FROM readmodel.inbox_ticket WHERE ticket_id = :id")
                 .bind("id", ticketId)
                 .map(InboxRow::read)
                 .one()
                 .switchIfEmpty(Mono.error(() -> new ResponseStatusException(
                         HttpStatus.NOT_FOUND, "no ticket with id " + ticketId)));
    }

    private static Page page(List<InboxRow> rows, int limit) {
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        List<InboxRow> items = rows.subList(0, limit);
        InboxRow last = items.get(limit - 1);
        return new Page(items, new InboxCursor(last.priority(), last.openedAt(), last.ticketId()).encode());
    }

    private static TicketStatus parseStatus(String status) {
        try {
            return TicketStatus.valueOf(status.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                                              "status must be one of " + List.of(TicketStatus.values()));
        }
    }
}
