package io.helpdesk.domain.shared;

/** Bad input (HTTP 400) in one field of a message, named as the API names it. */
public class InvalidInput extends IllegalArgumentException {

    private final String field;
    private final String reason;

    public InvalidInput(String field, String reason) {
        super(field + " " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
