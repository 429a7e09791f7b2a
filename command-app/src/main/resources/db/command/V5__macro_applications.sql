-- Which tickets each macro application changed, and which of their events it wrote (first and last sequence
-- number): what an undo reverts. Written in the transaction of the events themselves.
CREATE TABLE command.macro_application (
    application_id TEXT    NOT NULL,
    ticket_id      TEXT    NOT NULL,
    macro_id       TEXT    NOT NULL,
    macro_version  INT     NOT NULL,
    first_sequence BIGINT  NOT NULL,
    last_sequence  BIGINT  NOT NULL,
    PRIMARY KEY (application_id, ticket_id)
);
