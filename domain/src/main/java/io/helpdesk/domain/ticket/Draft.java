package io.helpdesk.domain.ticket;

/**
 * The one active draft of a ticket. {@code botHash} is the hash of what the bot last wrote; when the current
 * text hashes differently, a human edited it and the bot must leave it alone.
 */
record Draft(String draftId, String body, String contentHash, String botHash, DraftKind kind) {

    boolean editedByHuman() {
        return !contentHash.equals(botHash);
    }
}
