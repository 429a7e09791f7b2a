package io.helpdesk.domain.rule;

import java.util.Map;
import java.util.Set;

/**
 * What a rule's conditions can ask of a ticket at the moment a rule runs: its state, plus the text of the event
 * that triggered the rule (a message's body, a new ticket's subject and body) and whether that event happened
 * within working hours, and its custom fields' values by key. Plain values, so the dry run can fold them from history as the ticket does.
 */
public record TicketFacts(String channel, String priority, String status, String assignee, String team,
                          String category, Set<String> tags, String customerAddress, String text,
                          boolean businessHours, Map<String, Object> fields) {

    public TicketFacts {
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
