package io.helpdesk.domain.audit;

import java.time.Instant;

/**
 * Someone exported the audit trail: who ({@code by}), in which {@code format}, with which filters (an aggregate's
 * events, a customer's tickets' events, a period), and whether the text of private channels' messages was in it
 * ({@code privateText}, for ADMIN only). Recorded before the export is read, so the export holds its own record.
 * The customer a filter named is not kept, only that there was one.
 */
public record AuditTrailExported(String by, String format, String aggregateId, boolean byCustomer, Instant from,
                                 Instant to, boolean privateText) {
}
