package io.helpdesk.domain.contact;

/**
 * The contact's personal data was erased on request ({@code reason}): its key is gone, with its tickets' keys
 * ({@code tickets}) and those of what its identities sent while blocked ({@code senders}, see
 * {@link io.helpdesk.domain.block.Senders#subjectOf}), so what the history held of them reads as erased from now on.
 */
public record ContactErased(String contactId, java.util.List<String> tickets, String reason, String by,
                            java.util.List<String> senders) implements ContactEvent {

    public ContactErased {
        tickets = tickets == null ? java.util.List.of() : java.util.List.copyOf(tickets);
        senders = senders == null ? java.util.List.of() : java.util.List.copyOf(senders);
    }
}
