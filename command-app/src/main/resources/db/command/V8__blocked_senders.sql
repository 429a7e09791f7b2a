-- Blocked senders (an identity, or @domain), kept in the transaction of the blocks' events: an inbound message
-- from one opens no ticket. With how many of their messages were set aside, and the last one's time.
CREATE TABLE command.blocked_sender (
    pattern         TEXT        PRIMARY KEY,
    reason          TEXT,
    blocked_by      TEXT        NOT NULL,
    blocked_at      TIMESTAMPTZ NOT NULL,
    messages        INT         NOT NULL DEFAULT 0,
    last_message_at TIMESTAMPTZ
);
