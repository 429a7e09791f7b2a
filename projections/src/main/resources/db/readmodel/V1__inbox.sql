CREATE SCHEMA IF NOT EXISTS readmodel;

-- One row per ticket: what an agent's inbox and the ticket header show.
CREATE TABLE readmodel.inbox_ticket (
    ticket_id         VARCHAR(64) PRIMARY KEY,
    subject           TEXT        NOT NULL,
    customer_email    TEXT        NOT NULL,
    customer_name     TEXT,
    channel           VARCHAR(16) NOT NULL,
    priority          VARCHAR(2)  NOT NULL,
    status            VARCHAR(16) NOT NULL,
    assignee          TEXT,
    team              TEXT,
    opened_at         TIMESTAMPTZ NOT NULL,
    last_activity_at  TIMESTAMPTZ NOT NULL,
    first_response_at TIMESTAMPTZ,
    reply_count       INTEGER     NOT NULL DEFAULT 0
);

-- The inbox sorts by priority, then age, then id (the paging cursor); these serve the common filters.
CREATE INDEX inbox_ticket_by_priority ON readmodel.inbox_ticket (priority, opened_at, ticket_id);
CREATE INDEX inbox_ticket_by_assignee ON readmodel.inbox_ticket (assignee, priority, opened_at, ticket_id);
CREATE INDEX inbox_ticket_by_status ON readmodel.inbox_ticket (status, priority, opened_at, ticket_id);
