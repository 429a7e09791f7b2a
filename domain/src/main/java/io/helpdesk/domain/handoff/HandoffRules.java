package io.helpdesk.domain.handoff;

import io.helpdesk.domain.shared.Rule;
import io.helpdesk.domain.shared.RuleViolation;

import java.util.List;
import java.util.Optional;

final class HandoffRules {

    private HandoffRules() {
    }

    /** A closed ticket is final: it is not handed on either. */
    static void notForAClosedTicket(String ticketId, boolean closed) {
        if (closed) {
            throw new RuleViolation(Rule.ClosedTicketIsFinal, "ticket " + ticketId + " is closed and cannot change");
        }
    }

    static void oneOpenHandoffPerTicket(String ticketId, Optional<String> open) {
        open.ifPresent(other -> {
            throw new RuleViolation(Rule.OneOpenHandoffPerTicket,
                                    "ticket " + ticketId + " already has open handoff " + other);
        });
    }

    static void mustBe(String id, HandoffStatus actual, HandoffStatus expected) {
        if (actual != expected) {
            throw new RuleViolation(Rule.HandoffLifeCycle, "handoff " + id + " is " + actual + ", not " + expected);
        }
    }

    /** Only the agent it is addressed to, or a member of the team it is addressed to, may answer it. */
    static void onlyTheTargetAnswers(String id, String toAgent, String toTeam, String actor, List<String> teams) {
        boolean isTarget = actor.equals(toAgent) || (toTeam != null && teams.contains(toTeam));
        if (!isTarget) {
            throw new RuleViolation(Rule.OnlyTheTargetAnswers,
                                    "handoff " + id + " is addressed to "
                                            + (toAgent != null ? "agent " + toAgent : "team " + toTeam)
                                            + ", not to " + actor);
        }
    }

    static void onlyTheAcceptorCompletes(String id, String acceptedBy, String actor) {
        if (!actor.equals(acceptedBy)) {
            throw new RuleViolation(Rule.OnlyTheAcceptorCompletes,
                                    "handoff " + id + " was accepted by " + acceptedBy + ", not " + actor);
        }
    }
}
