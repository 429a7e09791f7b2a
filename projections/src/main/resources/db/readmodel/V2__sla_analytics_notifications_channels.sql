-- The ids and positions below first drew from sequences; they are plain BIGINT now that every one comes from the
-- events (V9, V13, V17). ReadModelSchema moves the checksum a database recorded for the first text of this file.
-- Inbox: what the queues filter and sort on.
ALTER TABLE readmodel.inbox_ticket
    ADD COLUMN category TEXT,
    ADD COLUMN tags     TEXT[] NOT NULL DEFAULT '{}';
CREATE INDEX inbox_ticket_by_team ON readmodel.inbox_ticket (team, priority, opened_at, ticket_id);
CREATE INDEX inbox_ticket_by_activity ON readmodel.inbox_ticket (last_activity_at DESC, ticket_id);

-- Ticket detail: one line per thing that happened, in order.
CREATE TABLE readmodel.ticket_timeline (
    position  BIGINT PRIMARY KEY,
    ticket_id VARCHAR(64) NOT NULL,
    at        TIMESTAMPTZ NOT NULL,
    kind      VARCHAR(40) NOT NULL,
    actor     TEXT,
    detail    TEXT
);
CREATE INDEX ticket_timeline_by_ticket ON readmodel.ticket_timeline (ticket_id, position);

-- SLA: the clocks of each ticket (state as JSON between events) and one row per clock cycle.
CREATE TABLE readmodel.sla_ticket (
    ticket_id VARCHAR(64) PRIMARY KEY,
    priority  VARCHAR(2)  NOT NULL,
    team      TEXT,
    assignee  TEXT,
    opened_at TIMESTAMPTZ NOT NULL,
    clocks    TEXT        NOT NULL
);

CREATE TABLE readmodel.sla_clock (
    ticket_id   VARCHAR(64) NOT NULL,
    target      VARCHAR(16) NOT NULL,
    cycle       INTEGER     NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    due_at      TIMESTAMPTZ,
    at_risk_at  TIMESTAMPTZ,
    paused      BOOLEAN     NOT NULL DEFAULT FALSE,
    breached_at TIMESTAMPTZ,
    stopped_at  TIMESTAMPTZ,
    outcome     VARCHAR(6),
    PRIMARY KEY (ticket_id, target, cycle)
);
CREATE INDEX sla_clock_running ON readmodel.sla_clock (due_at) WHERE outcome IS NULL;
CREATE INDEX sla_clock_closed ON readmodel.sla_clock (started_at) WHERE outcome IS NOT NULL;

-- Analytics: one row per ticket and per handoff, facts taken from event timestamps.
CREATE TABLE readmodel.ticket_fact (
    ticket_id             VARCHAR(64) PRIMARY KEY,
    customer_email        TEXT        NOT NULL,
    channel               VARCHAR(16) NOT NULL,
    priority              VARCHAR(2)  NOT NULL,
    category              TEXT,
    team                  TEXT,
    agent                 TEXT,
    created_at            TIMESTAMPTZ NOT NULL,
    first_response_at     TIMESTAMPTZ,
    first_response_agent  TEXT,
    resolved_at           TIMESTAMPTZ,
    resolved_by           TEXT,
    closed_at             TIMESTAMPTZ,
    reopened              INTEGER     NOT NULL DEFAULT 0,
    csat                  SMALLINT,
    sla_breaches          INTEGER     NOT NULL DEFAULT 0,
    bot_drafts            INTEGER     NOT NULL DEFAULT 0,
    bot_drafts_edited     INTEGER     NOT NULL DEFAULT 0,
    bot_drafts_sent       INTEGER     NOT NULL DEFAULT 0
);
CREATE INDEX ticket_fact_created ON readmodel.ticket_fact (created_at);

CREATE TABLE readmodel.handoff_fact (
    handoff_id     VARCHAR(64) PRIMARY KEY,
    ticket_id      VARCHAR(64) NOT NULL,
    requester_kind VARCHAR(8)  NOT NULL,
    to_agent       TEXT,
    to_team        TEXT,
    requested_at   TIMESTAMPTZ NOT NULL,
    outcome        VARCHAR(10),
    answered_at    TIMESTAMPTZ,
    answered_by    TEXT
);
CREATE INDEX handoff_fact_requested ON readmodel.handoff_fact (requested_at);

-- Staff notifications: mentions and handoff requests; recipient is a user or 'team:<name>'.
CREATE TABLE readmodel.notification (
    id         BIGINT PRIMARY KEY,
    source     VARCHAR(200) NOT NULL UNIQUE,
    recipient  TEXT         NOT NULL,
    kind       VARCHAR(16)  NOT NULL,
    ticket_id  VARCHAR(64),
    channel_id VARCHAR(64),
    handoff_id VARCHAR(64),
    actor      TEXT,
    excerpt    TEXT,
    at         TIMESTAMPTZ  NOT NULL,
    read_at    TIMESTAMPTZ
);
CREATE INDEX notification_by_recipient ON readmodel.notification (recipient, id DESC);

-- Staff channels.
CREATE TABLE readmodel.channel_view (
    channel_id VARCHAR(64) PRIMARY KEY,
    type       VARCHAR(8)  NOT NULL,
    name       TEXT,
    topic      TEXT,
    archived   BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE readmodel.channel_member (
    channel_id VARCHAR(64) NOT NULL,
    member     TEXT        NOT NULL,
    PRIMARY KEY (channel_id, member)
);
CREATE INDEX channel_member_by_member ON readmodel.channel_member (member);

CREATE TABLE readmodel.channel_message (
    position       BIGINT PRIMARY KEY,
    channel_id     VARCHAR(64) NOT NULL,
    message_id     VARCHAR(64) NOT NULL,
    author         TEXT        NOT NULL,
    body           TEXT,
    thread_root_id VARCHAR(64),
    ticket_id      VARCHAR(64),
    posted_at      TIMESTAMPTZ NOT NULL,
    edited_at      TIMESTAMPTZ,
    deleted        BOOLEAN     NOT NULL DEFAULT FALSE,
    UNIQUE (channel_id, message_id)
);
CREATE INDEX channel_message_by_channel ON readmodel.channel_message (channel_id, position);

-- What each member has read: user state kept by query-app, not derived from events, so resets keep it.
CREATE TABLE readmodel.channel_read_marker (
    channel_id    VARCHAR(64) NOT NULL,
    member        TEXT        NOT NULL,
    last_read_pos BIGINT      NOT NULL,
    PRIMARY KEY (channel_id, member)
);
