package io.helpdesk.query.inbox;

import io.helpdesk.domain.ticket.TicketStatus;
import io.helpdesk.query.web.Sql;
import io.helpdesk.query.web.Viewer;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Locale;

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
     * The queues: {@code view} is {@code all} (default), {@code mine} (assigned to the caller), {@code team} (the
     * caller's teams' queues) or {@code unassigned}. Filters combine; {@code q} searches subject, customer e-mail
     * and name; {@code organizationId}: the tickets of the organization's contacts; {@code contactId}: the tickets
     * opened for that contact; {@code field}: {@code key:value} of a custom field (repeated: all must hold; an
     * option's id for a select field, one of them for a multi-select, true or false for a checkbox). {@code sort}: {@code priority} (P0 first, then oldest), {@code sla} (soonest SLA deadline
     * first) or {@code activity} (most recent first). Snoozed tickets are left out unless {@code snoozed=true},
     * which lists only them. Pass {@code nextCursor} back as {@code cursor}.
     */
    @GetMapping("/api/inbox")
    public Mono<Page> inbox(@RequestParam(required = false) String view,
                            @RequestParam(required = false) String status,
                            @RequestParam(required = false) String priority,
                            @RequestParam(required = false) String channel,
                            @RequestParam(required = false) String tag,
                            @RequestParam(required = false) String category,
                            @RequestParam(required = false) String assignee,
                            @RequestParam(required = false) String team,
                            @RequestParam(required = false) String organizationId,
                            @RequestParam(required = false) String contactId,
                            @RequestParam(required = false) List<String> field,
                            @RequestParam(required = false) String q,
                            @RequestParam(defaultValue = "false") boolean snoozed,
                            @RequestParam(required = false) String sort,
                            @RequestParam(required = false) String cursor,
                            @RequestParam(defaultValue = "50") int limit,
                            ServerWebExchange exchange) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        InboxSort order = InboxSort.parse(sort);
        Sql sql = new Sql();
        switch (view == null ? "all" : view.toLowerCase(Locale.ROOT)) {
            case "all" -> {
            }
            case "mine" -> sql.where("assignee = :me", "me", Viewer.of(exchange).user());
            case "team" -> sql.where("team = ANY(:myTeams)", "myTeams",
                                     Viewer.of(exchange).teams().toArray(String[]::new));
            case "unassigned" -> sql.where("assignee IS NULL");
            default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                                                         "view must be all, mine, team or unassigned");
        }
        sql.where("snoozed = :snoozed", "snoozed", snoozed);
        sql.where("status = :status", "status", status == null ? null : parseStatus(status));
        sql.where("priority = :priority", "priority", priority == null ? null : priority.toUpperCase(Locale.ROOT));
        sql.where("channel = :channel", "channel", channel == null ? null : channel.toUpperCase(Locale.ROOT));
        sql.where(":tag = ANY(tags)", "tag", tag == null ? null : tag.toLowerCase(Locale.ROOT));
        sql.where("category = :category", "category", category);
        sql.where("team = :team", "team", team);
        sql.where(InboxRow.OF_ORGANIZATION, "organizationId", organizationId);
        sql.where("contact_id = :contactId", "contactId", contactId);
        if (field != null) {
            if (field.size() > 10) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "at most 10 field filters");
            }
            for (int i = 0; i < field.size(); i++) {
                int colon = field.get(i).indexOf(':');
                if (colon < 1) {
                    throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "field is key:value");
                }
                // A value equal to the field's, or one of a multi-select's options.
                sql.where("(fields ->> :fk" + i + " = :fv" + i + " OR fields -> :fk" + i + " @> to_jsonb(:fv" + i
                                  + "::text))");
                sql.param("fk" + i, field.get(i).substring(0, colon));
                sql.param("fv" + i, field.get(i).substring(colon + 1));
            }
        }
        if (assignee != null) {
            if (assignee.isBlank()) {
                sql.where("assignee IS NULL");
            } else {
                sql.where("assignee = :assignee", "assignee", assignee);
            }
        }
        if (q != null && !q.isBlank()) {
            sql.where("(subject ILIKE :q OR customer_email ILIKE :q OR customer_name ILIKE :q)", "q",
                      "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (cursor != null) {
            Object[] keys = order.decode(cursor);
            sql.where(order.after);
            for (int i = 0; i < keys.length; i++) {
                sql.param("k" + (i + 1), keys[i]);
            }
        }
        return rows(sql, InboxRow.SELECT, order, limit + 1).map(found -> page(found, limit, order));
    }

    private Mono<List<InboxRow>> rows(Sql sql, String tickets, InboxSort order, int count) {
        String query = "SELECT * FROM (" + tickets + ") AS inbox" + sql.whereClause()
                + " ORDER BY " + order.orderBy + " LIMIT :limit";
        return sql.param("limit", count).bind(db, query).map(InboxRow::read).all().collectList();
    }

    private static Page page(List<InboxRow> rows, int limit, InboxSort order) {
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        List<InboxRow> items = rows.subList(0, limit);
        return new Page(items, order.cursor(items.get(limit - 1)));
    }

    private static String parseStatus(String status) {
        try {
            return TicketStatus.valueOf(status.toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                                              "status must be one of " + List.of(TicketStatus.values()));
        }
    }
}
