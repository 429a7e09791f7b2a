package io.helpdesk.domain.ticket;

/** What erased personal data reads as (the event store's placeholder for an erased text). */
public final class PersonalPlaceholder {

    public static final String ERASED = "[erased]";

    private PersonalPlaceholder() {
    }
}
