-- Analytics: every agent reply and what became of its delivery (SENT, DELIVERED, READ, FAILED with the
-- reason; none while it is on its way), for delivery figures per channel, agent and team. Filled from the next
-- reply on; a rebuild of analytics fills it from the first.
CREATE TABLE readmodel.reply_fact (
    reply_id   TEXT PRIMARY KEY,
    ticket_id  TEXT        NOT NULL,
    agent      TEXT        NOT NULL,
    replied_at TIMESTAMPTZ NOT NULL,
    delivery   TEXT,
    failure    TEXT
);
CREATE INDEX reply_fact_by_time ON readmodel.reply_fact (replied_at);
