package io.helpdesk.query.contacts;

import io.helpdesk.domain.contact.Contacts;
import io.helpdesk.query.web.FieldsJson;
import io.r2dbc.spi.Readable;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The contacts read model: contacts (searched by name or identity, by organization), one contact with every
 * ticket across channels (its own and those of the contacts merged into it) and its satisfaction ratings, and
 * organizations with their contacts.
 */
@RestController
public class ContactEndpoint {

    private final DatabaseClient db;

    public ContactEndpoint(DatabaseClient db) {
        this.db = db;
    }

    public record Identity(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String identity,
                           @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                   description = "EMAIL, PHONE, or the channel of a channel id (MESSENGER, ...)")
                           String kind) {

        static List<Identity> of(String[] identities) {
            return identities == null ? List.of()
                    : Arrays.stream(identities).map(i -> new Identity(i, Contacts.kind(i))).toList();
        }
    }

    public record OrganizationRef(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String organizationId,
                                  @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name) {
    }

    public record ContactSummary(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String contactId,
                                 String name, String language,
                                 @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Identity> identities,
                                 OrganizationRef organization,
                                 @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt) {
    }

    public record ContactPage(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<ContactSummary> items,
                              @Schema(description = "Pass as after= for the next page; absent on the last")
                              String next) {
    }

    public record Ticket(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String ticketId,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                 description = "The contact the ticket was opened for (one merged into this one, "
                                         + "or this one)") String contactId,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String customer,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String channel,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String subject,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String status,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant openedAt,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant lastActivityAt) {
    }

    public record Rating(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String ticketId,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int score, String comment,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant at) {
    }

    /**
     * {@code mergedInto}: set when this contact was merged into another (whose view holds its tickets too);
     * {@code merged}: the contacts merged into this one.
     */
    public record ContactView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String contactId,
                              String name, String language,
                              @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Identity> identities,
                              OrganizationRef organization, String mergedInto,
                              @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<String> merged,
                              @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt,
                              @Schema(description = "Who made the contact: a user, webhook:<provider> for a new "
                                      + "sender; absent for a contact known only from tickets recorded before "
                                      + "contacts, until command-app has made it")
                              String createdBy,
                              @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Ticket> tickets,
                              @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Rating> satisfaction,
                              @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                      description = "Custom fields' values, by field key")
                              Map<String, Object> fields) {
    }

    public record OrganizationSummary(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String organizationId,
                                      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
                                      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<String> domains,
                                      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long contacts) {
    }

    public record OrganizationView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String organizationId,
                                   @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
                                   @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<String> domains,
                                   @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt,
                                   @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
                                   List<ContactSummary> contacts,
                                   @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                           description = "Custom fields' values, by field key")
                                   Map<String, Object> fields) {
    }

    private static final String SUMMARY = """
            SELECT c.contact_id, c.name, c.language, c.identities, c.created_at, c.organization_id,
                   o.name AS organization_name
            FROM readmodel.contact c LEFT JOIN readmodel.organization o ON o.organization_id = c.organization_id""";

    /**
     * @param q              part of a name or an identity, in any letter case
     * @param organizationId only the organization's contacts
     * @param after          the {@code next} of the page before
     */
    @GetMapping("/api/contacts")
    public Mono<ContactPage> contacts(@RequestParam(required = false) String q,
                                      @RequestParam(required = false) String organizationId,
                                      @RequestParam(required = false) String after,
                                      @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 200) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and 200");
        }
        if (q != null && q.length() > 320) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "q must be at most 320 characters");
        }
        String pattern = q == null || q.isBlank() ? null
                : "%" + q.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                         .replace("_", "\\_") + "%";
        String sql = SUMMARY + " WHERE c.merged_into IS NULL"
                + (pattern == null ? "" : " AND (lower(c.name) LIKE :q OR EXISTS (SELECT 1 FROM unnest(c.identities) i "
                + "WHERE i LIKE :q))")
                + (organizationId == null ? "" : " AND c.organization_id = :organization")
                + (after == null ? "" : " AND c.contact_id > :after")
                + " ORDER BY c.contact_id LIMIT :limit";
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql).bind("limit", limit + 1);
        if (pattern != null) {
            spec = spec.bind("q", pattern);
        }
        if (organizationId != null) {
            spec = spec.bind("organization", organizationId);
        }
        if (after != null) {
            spec = spec.bind("after", after);
        }
        return spec.map(ContactEndpoint::summary).all().collectList().map(rows -> rows.size() > limit
                ? new ContactPage(rows.subList(0, limit), rows.get(limit - 1).contactId())
                : new ContactPage(rows, null));
    }

    @GetMapping("/api/contacts/{contactId}")
    public Mono<ContactView> contact(@PathVariable String contactId) {
        Mono<ContactView> contact = db.sql("""
                        SELECT c.*, c.fields::text AS fields_text, o.name AS organization_name
                        FROM readmodel.contact c
                        LEFT JOIN readmodel.organization o ON o.organization_id = c.organization_id
                        WHERE c.contact_id = :id""").bind("id", contactId)
                .map(row -> new ContactView(row.get("contact_id", String.class), row.get("name", String.class),
                                            row.get("language", String.class),
                                            Identity.of(row.get("identities", String[].class)), organization(row),
                                            row.get("merged_into", String.class), List.of(),
                                            instant(row, "created_at"), row.get("created_by", String.class),
                                            List.of(), List.of(), FieldsJson.parse(row.get("fields_text", String.class))))
                .one();
        // This contact's tickets and, down every chain of merges, those of the contacts merged into it; the ratings
        // are those tickets'.
        Mono<List<Rated>> tickets = db.sql("""
                        WITH RECURSIVE family (contact_id, depth) AS (
                            SELECT CAST(:id AS VARCHAR(64)), 0
                            UNION ALL
                            SELECT c.contact_id, f.depth + 1 FROM readmodel.contact c
                            JOIN family f ON c.merged_into = f.contact_id WHERE f.depth < 100)
                        SELECT t.* FROM readmodel.contact_ticket t
                        WHERE t.contact_id IN (SELECT contact_id FROM family)
                        ORDER BY t.opened_at DESC, t.ticket_id""")
                .bind("id", contactId)
                .map(row -> new Rated(
                        new Ticket(row.get("ticket_id", String.class), row.get("contact_id", String.class),
                                   row.get("customer", String.class), row.get("channel", String.class),
                                   row.get("subject", String.class), row.get("status", String.class),
                                   instant(row, "opened_at"), instant(row, "last_activity_at")),
                        row.get("csat_score", Short.class) == null ? null
                                : new Rating(row.get("ticket_id", String.class), row.get("csat_score", Short.class),
                                             row.get("csat_comment", String.class), instant(row, "csat_at"))))
                .all().collectList();
        Mono<List<String>> merged = db.sql("""
                        SELECT contact_id FROM readmodel.contact WHERE merged_into = :id ORDER BY contact_id""")
                .bind("id", contactId).map(row -> row.get("contact_id", String.class)).all().collectList();
        // A ticket from before contacts names the contact made for its address; until command-app has made it, the
        // contact is known from its tickets alone.
        Mono<ContactView> fromTickets = db.sql("""
                        SELECT t.customer_name, t.opened_at,
                               ARRAY(SELECT DISTINCT lower(x.customer) FROM readmodel.contact_ticket x
                                     WHERE x.contact_id = :id ORDER BY 1) AS identities
                        FROM readmodel.contact_ticket t WHERE t.contact_id = :id
                        ORDER BY t.opened_at, t.ticket_id LIMIT 1""").bind("id", contactId)
                .map(row -> new ContactView(contactId, row.get("customer_name", String.class), null,
                                            Identity.of(row.get("identities", String[].class)), null, null, List.of(),
                                            instant(row, "opened_at"), null, List.of(), List.of(), Map.of()))
                .one();
        return contact.switchIfEmpty(fromTickets)
                      .switchIfEmpty(Mono.error(() -> new ResponseStatusException(
                              HttpStatus.NOT_FOUND, "no contact with id " + contactId)))
                      .flatMap(view -> Mono.zip(tickets, merged).map(more -> new ContactView(
                              view.contactId(), view.name(), view.language(), view.identities(), view.organization(),
                              view.mergedInto(), more.getT2(), view.createdAt(), view.createdBy(),
                              more.getT1().stream().map(Rated::ticket).toList(),
                              more.getT1().stream().map(Rated::rating).filter(java.util.Objects::nonNull)
                                  .sorted(java.util.Comparator.comparing(Rating::at).reversed()
                                                              .thenComparing(Rating::ticketId))
                                  .toList(),
                              view.fields())));
    }

    /** A ticket of the contact's, with its rating when it has one. */
    private record Rated(Ticket ticket, Rating rating) {
    }

    @GetMapping("/api/organizations")
    public Mono<List<OrganizationSummary>> organizations() {
        return db.sql("""
                        SELECT o.organization_id, o.name, o.domains,
                               (SELECT count(*) FROM readmodel.contact c
                                WHERE c.organization_id = o.organization_id AND c.merged_into IS NULL) AS contacts
                        FROM readmodel.organization o ORDER BY lower(o.name), o.organization_id""")
                 .map(row -> new OrganizationSummary(row.get("organization_id", String.class),
                                                     row.get("name", String.class),
                                                     List.of(row.get("domains", String[].class)),
                                                     row.get("contacts", Long.class)))
                 .all().collectList();
    }

    @GetMapping("/api/organizations/{organizationId}")
    public Mono<OrganizationView> organization(@PathVariable String organizationId) {
        Mono<List<ContactSummary>> contacts = db.sql(SUMMARY + """
                         WHERE c.organization_id = :id AND c.merged_into IS NULL
                        ORDER BY lower(c.name) NULLS LAST, c.contact_id LIMIT 500""")
                .bind("id", organizationId).map(ContactEndpoint::summary).all().collectList();
        return db.sql("SELECT *, fields::text AS fields_text FROM readmodel.organization WHERE organization_id = :id")
                 .bind("id", organizationId)
                 .map(row -> new OrganizationView(row.get("organization_id", String.class),
                                                  row.get("name", String.class),
                                                  List.of(row.get("domains", String[].class)),
                                                  instant(row, "created_at"), List.of(),
                                                  FieldsJson.parse(row.get("fields_text", String.class))))
                 .one()
                 .switchIfEmpty(Mono.error(() -> new ResponseStatusException(
                         HttpStatus.NOT_FOUND, "no organization with id " + organizationId)))
                 .zipWith(contacts, (view, members) -> new OrganizationView(
                         view.organizationId(), view.name(), view.domains(), view.createdAt(), members,
                         view.fields()));
    }

    private static ContactSummary summary(Readable row) {
        return new ContactSummary(row.get("contact_id", String.class), row.get("name", String.class),
                                  row.get("language", String.class),
                                  Identity.of(row.get("identities", String[].class)), organization(row),
                                  instant(row, "created_at"));
    }

    private static OrganizationRef organization(Readable row) {
        String id = row.get("organization_id", String.class);
        return id == null ? null : new OrganizationRef(id, row.get("organization_name", String.class));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime at = row.get(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
