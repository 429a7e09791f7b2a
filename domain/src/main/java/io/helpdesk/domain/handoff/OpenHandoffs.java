package io.helpdesk.domain.handoff;

import java.util.Optional;

/**
 * The command side's lookup of which ticket has an open handoff, kept in the same transaction as the
 * handoff events (set-based validation: aggregates cannot see each other).
 */
public interface OpenHandoffs {

    Optional<String> openHandoffOf(String ticketId);
}
