package io.helpdesk.domain.macro;

import io.helpdesk.domain.shared.InvalidInput;
import io.helpdesk.domain.shared.Require;

import java.util.List;
import java.util.Set;

/**
 * One step of a macro. {@code SET_STATUS} (value PENDING, ON_HOLD, OPEN or RESOLVED), {@code SET_PRIORITY} (P0-P3),
 * {@code SET_CATEGORY}, {@code ADD_TAGS} / {@code REMOVE_TAGS} ({@code tags}), {@code ASSIGN} (value the assignee,
 * {@code team} optional), {@code UNASSIGN}, {@code ADD_NOTE} and {@code PROPOSE_DRAFT} (value a template with
 * placeholders such as {@code {{customer.name}}}), {@code DISCARD_DRAFT}, {@code NOTIFY} (value a template, {@code to}
 * the handles of the users to notify, {@code team} a team whose members are all notified: an internal note that
 * mentions them) and {@code ALERT} (value a template,
 * announced on the outbound alert webhooks), {@code ROUTE} ({@code team} the queue, {@code tags} the skills the
 * ticket needs: routing gives it to an available agent of the team). Nothing is ever sent to a customer: a reply is only ever proposed as a
 * draft.
 */
public record MacroAction(Type type, String value, String team, List<String> tags, List<String> to) {

    public enum Type {
        SET_STATUS, SET_PRIORITY, SET_CATEGORY, ADD_TAGS, REMOVE_TAGS, ASSIGN, UNASSIGN, ADD_NOTE, PROPOSE_DRAFT,
        DISCARD_DRAFT, NOTIFY, ALERT, ROUTE
    }

    private static final java.util.regex.Pattern HANDLE = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private static final Set<String> STATUSES = Set.of("PENDING", "ON_HOLD", "OPEN", "RESOLVED");
    private static final Set<String> PRIORITIES = Set.of("P0", "P1", "P2", "P3");

    public MacroAction {
        Require.present(type, "type");
        tags = tags == null ? List.of() : List.copyOf(tags);
        to = to == null ? List.of() : List.copyOf(to);
        switch (type) {
            case SET_STATUS -> {
                if (value == null || !STATUSES.contains(value)) {
                    throw new InvalidInput("value", "must be one of " + STATUSES);
                }
            }
            case SET_PRIORITY -> {
                if (value == null || !PRIORITIES.contains(value)) {
                    throw new InvalidInput("value", "must be one of " + PRIORITIES);
                }
            }
            case ADD_TAGS, REMOVE_TAGS -> {
                if (tags.isEmpty()) {
                    throw new InvalidInput("tags", "must name at least one tag");
                }
                for (int i = 0; i < tags.size(); i++) {
                    Require.text(tags.get(i), "tags[" + i + "]", 100);
                }
            }
            case SET_CATEGORY, ASSIGN -> Require.text(value, "value", 200);
            case ADD_NOTE, PROPOSE_DRAFT -> Require.text(value, "value", 100_000);
            case ALERT -> Require.text(value, "value", 2_000);
            case NOTIFY -> {
                Require.text(value, "value", 10_000);
                if ((to.isEmpty() && team == null) || to.size() > 20) {
                    throw new InvalidInput("to", "must name 1 to 20 users to notify, or a team be given");
                }
                for (int i = 0; i < to.size(); i++) {
                    if (to.get(i) == null || !HANDLE.matcher(to.get(i)).matches()) {
                        throw new InvalidInput("to[" + i + "]", "must be a user's handle (letters, digits, . _ -)");
                    }
                }
            }
            case UNASSIGN, DISCARD_DRAFT -> {
                // nothing to name
            }
            case ROUTE -> Require.text(team, "team", 200);
        }
        team = Require.optionalText(team, "team", 200);
    }

    public MacroAction(Type type, String value, String team, List<String> tags) {
        this(type, value, team, tags, null);
    }

    /** A macro's actions: at least one, at most 50, each as above (a bad one named by its index). */
    public static List<MacroAction> list(List<MacroAction> actions) {
        if (actions == null || actions.isEmpty()) {
            throw new InvalidInput("actions", "must hold at least one action");
        }
        if (actions.size() > 50) {
            throw new InvalidInput("actions", "must hold at most 50 actions");
        }
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i) == null) {
                throw new InvalidInput("actions[" + i + "]", "is required");
            }
        }
        return List.copyOf(actions);
    }
}
