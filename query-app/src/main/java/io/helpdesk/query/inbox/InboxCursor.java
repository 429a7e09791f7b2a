package io.helpdesk.query.inbox;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Position in the inbox order (priority, opened at, ticket id). A page continues strictly after it, so rows
 * that change or arrive meanwhile never repeat or shift a page.
 */
record InboxCursor(String priority, Instant openedAt, String ticketId) {

    String encode() {
        String raw = priority + "|" + openedAt + "|" + ticketId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static InboxCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("cursor has " + parts.length + " parts");
            }
            return new InboxCursor(parts[0], Instant.parse(parts[1]), parts[2]);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "cursor is not one this API handed out");
        }
    }
}
