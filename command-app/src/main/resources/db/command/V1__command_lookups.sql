-- command-app's own lookups, for rules one aggregate cannot see (set-based validation): one open handoff per
-- ticket, a closed ticket is final for handoffs too, an inbound message is delivered once, and a customer's
-- next message joins their open ticket. Written in the transaction of the command that changes them. They lived
-- in the event store's schema before; an existing installation's tables move here with their rows.
CREATE SCHEMA IF NOT EXISTS command;

ALTER TABLE IF EXISTS eventstore.open_handoff SET SCHEMA command;
ALTER TABLE IF EXISTS eventstore.webhook_delivery SET SCHEMA command;
ALTER TABLE IF EXISTS eventstore.customer_open_ticket SET SCHEMA command;
ALTER TABLE IF EXISTS eventstore.closed_ticket SET SCHEMA command;

CREATE TABLE IF NOT EXISTS command.open_handoff (
    ticket_id  VARCHAR(64) PRIMARY KEY,
    handoff_id VARCHAR(64) NOT NULL
);
CREATE TABLE IF NOT EXISTS command.webhook_delivery (
    message_id VARCHAR(600) PRIMARY KEY,
    ticket_id  VARCHAR(64)  NOT NULL
);
CREATE TABLE IF NOT EXISTS command.customer_open_ticket (
    customer_email TEXT        NOT NULL,
    channel        VARCHAR(16) NOT NULL,
    ticket_id      VARCHAR(64) NOT NULL,
    PRIMARY KEY (customer_email, channel, ticket_id)
);
CREATE TABLE IF NOT EXISTS command.closed_ticket (
    ticket_id VARCHAR(64) PRIMARY KEY
);
