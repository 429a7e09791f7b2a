-- command-app's own lookups, for rules one aggregate cannot see (set-based validation): one open handoff per
-- ticket, a closed ticket is final for handoffs too, an inbound message is delivered once, and a customer's
-- next message joins their open ticket. Written in the transaction of the command that changes them. They lived
-- in the event store's schema before: the tables move here with their rows.
CREATE SCHEMA IF NOT EXISTS command;

DO $$
BEGIN
    IF to_regclass('eventstore.open_handoff') IS NOT NULL THEN
        ALTER TABLE eventstore.open_handoff SET SCHEMA command;
    ELSE
        CREATE TABLE command.open_handoff (
            ticket_id  VARCHAR(64) PRIMARY KEY,
            handoff_id VARCHAR(64) NOT NULL
        );
    END IF;
    IF to_regclass('eventstore.webhook_delivery') IS NOT NULL THEN
        ALTER TABLE eventstore.webhook_delivery SET SCHEMA command;
    ELSE
        CREATE TABLE command.webhook_delivery (
            message_id VARCHAR(600) PRIMARY KEY,
            ticket_id  VARCHAR(64)  NOT NULL
        );
    END IF;
    IF to_regclass('eventstore.customer_open_ticket') IS NOT NULL THEN
        ALTER TABLE eventstore.customer_open_ticket SET SCHEMA command;
    ELSE
        CREATE TABLE command.customer_open_ticket (
            customer_email TEXT        NOT NULL,
            channel        VARCHAR(16) NOT NULL,
            ticket_id      VARCHAR(64) NOT NULL,
            PRIMARY KEY (customer_email, channel, ticket_id)
        );
    END IF;
    IF to_regclass('eventstore.closed_ticket') IS NOT NULL THEN
        ALTER TABLE eventstore.closed_ticket SET SCHEMA command;
    ELSE
        CREATE TABLE command.closed_ticket (
            ticket_id VARCHAR(64) PRIMARY KEY
        );
    END IF;
END
$$;
