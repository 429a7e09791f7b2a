-- Tickets merged into another, kept in the transaction of the merge: a later message answering one of the merged
-- ticket's mails, or from its customer on its channel, goes to the ticket it was merged into. Undoing the merge
-- removes the row.
CREATE TABLE command.ticket_merge (
    ticket_id VARCHAR(64) PRIMARY KEY,
    into_id   VARCHAR(64) NOT NULL,
    customer  TEXT        NOT NULL,
    channel   VARCHAR(16) NOT NULL
);
CREATE INDEX ticket_merge_by_customer ON command.ticket_merge (customer, channel);
