package io.helpdesk.domain.contact;

/** Everything held about the contact was exported on an access request, by {@code by}. */
public record ContactDataExported(String contactId, java.util.List<String> tickets, String by)
        implements ContactEvent {

    public ContactDataExported {
        tickets = tickets == null ? java.util.List.of() : java.util.List.copyOf(tickets);
    }
}
