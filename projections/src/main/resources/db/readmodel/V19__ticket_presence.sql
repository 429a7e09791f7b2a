-- Who is looking at or writing on a ticket right now: short-lived signals between dashboards, not events (never
-- in the history or the audit trail), each gone when its client stops renewing it. Kept beside the read models,
-- not in one: no rebuild touches it, and losing it in a crash loses nothing (unlogged).
CREATE UNLOGGED TABLE readmodel.ticket_presence (
    ticket_id  TEXT        NOT NULL,
    viewer     TEXT        NOT NULL,
    activity   TEXT        NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (ticket_id, viewer)
);
