package io.helpdesk.domain.ticket;

/** How one ticket relates to another; each link is recorded on both tickets, each side with its own kind. */
public enum LinkKind {
    RELATED, DUPLICATE_OF, HAS_DUPLICATE, CAUSED_BY, CAUSES;

    /** The kind the other ticket records. */
    public LinkKind inverse() {
        return switch (this) {
            case RELATED -> RELATED;
            case DUPLICATE_OF -> HAS_DUPLICATE;
            case HAS_DUPLICATE -> DUPLICATE_OF;
            case CAUSED_BY -> CAUSES;
            case CAUSES -> CAUSED_BY;
        };
    }
}
